#include "quiver/arrow/buffer.h"

#include <cstring>

namespace quiver {

namespace {
int64_t PaddedCapacity(int64_t size) {
  return (size + kBufferAlignment - 1) & ~(kBufferAlignment - 1);
}
}  // namespace

Buffer::~Buffer() {
  if (pool_ != nullptr) pool_->Free(data_, capacity_);
}

BufferPtr Buffer::Slice(const BufferPtr& parent, int64_t offset, int64_t length) {
  return std::make_shared<Buffer>(parent->data_ + offset, length, parent);
}

Status Buffer::Reserve(int64_t capacity) {
  if (pool_ == nullptr) return Status::Internal("cannot grow a buffer that views foreign memory");
  if (capacity <= capacity_) return Status::OK();
  int64_t grown = PaddedCapacity(std::max(capacity, capacity_ * 2));
  QUIVER_RETURN_NOT_OK(pool_->Reallocate(capacity_, grown, &data_));
  std::memset(data_ + capacity_, 0, grown - capacity_);
  capacity_ = grown;
  return Status::OK();
}

Status Buffer::Resize(int64_t new_size, bool zero_new) {
  if (new_size > capacity_) QUIVER_RETURN_NOT_OK(Reserve(new_size));
  if (zero_new && new_size > size_) std::memset(data_ + size_, 0, new_size - size_);
  size_ = new_size;
  return Status::OK();
}

Result<BufferPtr> AllocateBuffer(int64_t size, MemoryPool* pool) {
  if (size < 0) return Status::Internal("negative buffer size");
  std::shared_ptr<Buffer> buf(new Buffer());
  int64_t capacity = PaddedCapacity(size);
  QUIVER_RETURN_NOT_OK(pool->Allocate(capacity, &buf->data_));
  if (capacity > 0) std::memset(buf->data_, 0, capacity);
  buf->size_ = size;
  buf->capacity_ = capacity;
  buf->pool_ = pool;
  return buf;
}

Result<BufferPtr> CopyBuffer(std::string_view bytes, MemoryPool* pool) {
  QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(static_cast<int64_t>(bytes.size()), pool));
  if (!bytes.empty()) std::memcpy(buf->mutable_data(), bytes.data(), bytes.size());
  return buf;
}

}  // namespace quiver
