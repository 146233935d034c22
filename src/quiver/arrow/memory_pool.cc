#include "quiver/arrow/memory_pool.h"

#include <cstdlib>
#include <cstring>

namespace quiver {

namespace {

// Zero-size allocations share one aligned, never-freed address.
alignas(kBufferAlignment) uint8_t kZeroSizeArea[kBufferAlignment];

class SystemPool : public MemoryPool {
 public:
  Status Allocate(int64_t size, uint8_t** out) override {
    if (size < 0) return Status::Internal("negative allocation size");
    if (size == 0) {
      *out = kZeroSizeArea;
      return Status::OK();
    }
    size_t rounded = static_cast<size_t>((size + kBufferAlignment - 1) & ~(kBufferAlignment - 1));
    void* p = std::aligned_alloc(kBufferAlignment, rounded);
    if (p == nullptr) {
      return Status::ResourcesExhausted("failed to allocate " + std::to_string(size) + " bytes");
    }
    *out = static_cast<uint8_t*>(p);
    Add(size);
    return Status::OK();
  }

  Status Reallocate(int64_t old_size, int64_t new_size, uint8_t** ptr) override {
    uint8_t* fresh;
    QUIVER_RETURN_NOT_OK(Allocate(new_size, &fresh));
    if (old_size > 0 && new_size > 0) std::memcpy(fresh, *ptr, std::min(old_size, new_size));
    Free(*ptr, old_size);
    *ptr = fresh;
    return Status::OK();
  }

  void Free(uint8_t* ptr, int64_t size) override {
    if (ptr == kZeroSizeArea || ptr == nullptr) return;
    std::free(ptr);
    Add(-size);
  }

  int64_t bytes_allocated() const override { return allocated_.load(std::memory_order_relaxed); }
  int64_t max_memory() const override { return max_.load(std::memory_order_relaxed); }

 private:
  void Add(int64_t delta) {
    int64_t now = allocated_.fetch_add(delta, std::memory_order_relaxed) + delta;
    int64_t prev = max_.load(std::memory_order_relaxed);
    while (now > prev && !max_.compare_exchange_weak(prev, now, std::memory_order_relaxed)) {
    }
  }
  std::atomic<int64_t> allocated_{0};
  std::atomic<int64_t> max_{0};
};

}  // namespace

MemoryPool* default_memory_pool() {
  static SystemPool pool;
  return &pool;
}

Status TrackingMemoryPool::Allocate(int64_t size, uint8_t** out) {
  QUIVER_RETURN_NOT_OK(parent_->Allocate(size, out));
  Add(size);
  return Status::OK();
}

Status TrackingMemoryPool::Reallocate(int64_t old_size, int64_t new_size, uint8_t** ptr) {
  QUIVER_RETURN_NOT_OK(parent_->Reallocate(old_size, new_size, ptr));
  Add(new_size - old_size);
  return Status::OK();
}

void TrackingMemoryPool::Free(uint8_t* ptr, int64_t size) {
  parent_->Free(ptr, size);
  Add(-size);
}

void TrackingMemoryPool::Add(int64_t delta) {
  int64_t now = allocated_.fetch_add(delta) + delta;
  int64_t prev = max_.load();
  while (now > prev && !max_.compare_exchange_weak(prev, now)) {
  }
}

}  // namespace quiver
