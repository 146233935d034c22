// The allocator under every Arrow buffer: 64-byte aligned, padded, and
// tracked so that tests and the engine can see how much memory is live.
#pragma once

#include <atomic>
#include <cstdint>

#include "quiver/arrow/status.h"

namespace quiver {

constexpr int64_t kBufferAlignment = 64;

class MemoryPool {
 public:
  virtual ~MemoryPool() = default;
  /// Allocates `size` bytes aligned to 64; `*out` is never null on success.
  virtual Status Allocate(int64_t size, uint8_t** out) = 0;
  /// Grows or shrinks an allocation, keeping its first min(old, new) bytes.
  virtual Status Reallocate(int64_t old_size, int64_t new_size, uint8_t** ptr) = 0;
  virtual void Free(uint8_t* ptr, int64_t size) = 0;
  virtual int64_t bytes_allocated() const = 0;
  /// High-water mark of bytes_allocated().
  virtual int64_t max_memory() const = 0;
};

/// The process-wide pool (aligned malloc with atomic accounting).
MemoryPool* default_memory_pool();

/// A pool that forwards to another and counts only its own allocations.
class TrackingMemoryPool : public MemoryPool {
 public:
  explicit TrackingMemoryPool(MemoryPool* parent = default_memory_pool()) : parent_(parent) {}
  Status Allocate(int64_t size, uint8_t** out) override;
  Status Reallocate(int64_t old_size, int64_t new_size, uint8_t** ptr) override;
  void Free(uint8_t* ptr, int64_t size) override;
  int64_t bytes_allocated() const override { return allocated_.load(); }
  int64_t max_memory() const override { return max_.load(); }

 private:
  void Add(int64_t delta);
  MemoryPool* parent_;
  std::atomic<int64_t> allocated_{0};
  std::atomic<int64_t> max_{0};
};

}  // namespace quiver
