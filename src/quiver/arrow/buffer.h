// Reference-counted byte buffers. A buffer either owns pool memory (and can
// grow while it is being built), or views memory kept alive by an owner: a
// parent buffer for slices, or a foreign producer for C Data imports.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "quiver/arrow/memory_pool.h"
#include "quiver/arrow/status.h"

namespace quiver {

class Buffer;
using BufferPtr = std::shared_ptr<Buffer>;

class Buffer {
 public:
  /// A view of memory that `owner` keeps alive (nullptr owner: static memory).
  Buffer(const uint8_t* data, int64_t size, std::shared_ptr<const void> owner = nullptr)
      : data_(const_cast<uint8_t*>(data)), size_(size), capacity_(size), owner_(std::move(owner)) {}
  ~Buffer();
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  const uint8_t* data() const { return data_; }
  uint8_t* mutable_data() { return data_; }
  template <typename T>
  const T* data_as() const {
    return reinterpret_cast<const T*>(data_);
  }
  template <typename T>
  T* mutable_data_as() {
    return reinterpret_cast<T*>(data_);
  }
  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }
  bool is_owned() const { return pool_ != nullptr; }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(data_), static_cast<size_t>(size_)};
  }

  /// Zero-copy view of [offset, offset + length) that keeps this buffer alive.
  static BufferPtr Slice(const BufferPtr& parent, int64_t offset, int64_t length);

  /// Changes the logical size of an owned buffer, growing capacity (by
  /// doubling) when needed. New bytes are zeroed when `zero_new` is set.
  Status Resize(int64_t new_size, bool zero_new = true);
  /// Ensures capacity for at least `capacity` bytes.
  Status Reserve(int64_t capacity);

 private:
  friend Result<BufferPtr> AllocateBuffer(int64_t size, MemoryPool* pool);
  Buffer() = default;

  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
  MemoryPool* pool_ = nullptr;  // set when this buffer owns its memory
  std::shared_ptr<const void> owner_;
};

/// A new owned buffer of `size` bytes, zero-filled, 64-byte aligned, with
/// capacity padded to a multiple of 64.
Result<BufferPtr> AllocateBuffer(int64_t size, MemoryPool* pool = default_memory_pool());

/// A new owned buffer holding a copy of `bytes`.
Result<BufferPtr> CopyBuffer(std::string_view bytes, MemoryPool* pool = default_memory_pool());

}  // namespace quiver
