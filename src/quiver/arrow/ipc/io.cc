#include "quiver/arrow/ipc/io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace quiver::ipc {

namespace {
Status Errno(const std::string& what, const std::string& path) {
  return Status::IO(what + " " + path + ": " + std::strerror(errno));
}
constexpr int64_t kFileBufferSize = 1 << 16;
}  // namespace

Status BufferOutputStream::Write(const void* data, int64_t size) {
  if (size <= 0) return Status::OK();
  if (!buffer_) {
    QUIVER_ASSIGN_OR_RAISE(buffer_, AllocateBuffer(0, pool_));
  }
  QUIVER_RETURN_NOT_OK(buffer_->Resize(size_ + size, false));
  std::memcpy(buffer_->mutable_data() + size_, data, size);
  size_ += size;
  return Status::OK();
}

Result<BufferPtr> BufferOutputStream::Finish() {
  if (!buffer_) {
    QUIVER_ASSIGN_OR_RAISE(buffer_, AllocateBuffer(0, pool_));
  }
  BufferPtr out = std::move(buffer_);
  buffer_ = nullptr;
  size_ = 0;
  return out;
}

Result<std::unique_ptr<FileOutputStream>> FileOutputStream::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot create", path);
  return std::unique_ptr<FileOutputStream>(new FileOutputStream(fd, path));
}

FileOutputStream::~FileOutputStream() {
  if (fd_ >= 0) (void)Close();
}

Status FileOutputStream::WriteAll(const void* data, int64_t size) {
  const auto* p = static_cast<const uint8_t*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd_, p, static_cast<size_t>(size));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot write", path_);
    }
    p += n;
    size -= n;
  }
  return Status::OK();
}

Status FileOutputStream::Flush() {
  if (pending_.empty()) return Status::OK();
  Status st = WriteAll(pending_.data(), static_cast<int64_t>(pending_.size()));
  pending_.clear();
  return st;
}

Status FileOutputStream::Write(const void* data, int64_t size) {
  if (fd_ < 0) return Status::IO("write to closed file " + path_);
  if (size <= 0) return Status::OK();
  position_ += size;
  if (static_cast<int64_t>(pending_.size()) + size <= kFileBufferSize) {
    pending_.append(static_cast<const char*>(data), static_cast<size_t>(size));
    return Status::OK();
  }
  QUIVER_RETURN_NOT_OK(Flush());
  if (size < kFileBufferSize) {
    pending_.append(static_cast<const char*>(data), static_cast<size_t>(size));
    return Status::OK();
  }
  return WriteAll(data, size);  // large buffers go straight to the kernel
}

Status FileOutputStream::Close() {
  if (fd_ < 0) return Status::OK();
  Status st = Flush();
  if (::close(fd_) != 0 && st.ok()) st = Errno("cannot close", path_);
  fd_ = -1;
  return st;
}

Result<BufferPtr> BufferInputStream::Read(int64_t size) {
  if (size < 0) return Status::IO("negative read size");
  int64_t n = std::min(size, buffer_->size() - position_);
  auto out = Buffer::Slice(buffer_, position_, n);
  position_ += n;
  return out;
}

namespace {
struct Mapping {
  Mapping(void* a, size_t n) : addr(a), size(n) {}
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() { ::munmap(addr, size); }
  void* addr;
  size_t size;
};
}  // namespace

Result<BufferPtr> MapFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open", path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    Status s = Errno("cannot stat", path);
    ::close(fd);
    return s;
  }
  if (st.st_size == 0) {
    ::close(fd);
    return std::make_shared<Buffer>(nullptr, 0);
  }
  void* addr = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (addr == MAP_FAILED) return Errno("cannot map", path);
  auto mapping = std::make_shared<Mapping>(addr, static_cast<size_t>(st.st_size));
  return std::make_shared<Buffer>(static_cast<const uint8_t*>(addr), st.st_size, mapping);
}

}  // namespace quiver::ipc
