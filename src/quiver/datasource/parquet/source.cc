#include "quiver/datasource/parquet/source.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace quiver::parquet {

namespace {

Status CheckRange(const std::string& name, int64_t offset, int64_t length, int64_t size) {
  if (offset < 0 || length < 0 || offset > size || length > size - offset) {
    return Status::IO("reading " + name + ": range [" + std::to_string(offset) + ", +" +
                      std::to_string(length) + ") is outside the file of " + std::to_string(size) +
                      " bytes");
  }
  return Status::OK();
}

class LocalFileSource final : public RandomAccessSource {
 public:
  LocalFileSource(int fd, int64_t size, std::string path)
      : fd_(fd), size_(size), path_(std::move(path)) {}
  ~LocalFileSource() override { ::close(fd_); }

  Result<ByteRange> ReadAt(int64_t offset, int64_t length) override {
    QUIVER_RETURN_NOT_OK(CheckRange(path_, offset, length, size_));
    if (length >= kMapThreshold) return Map(offset, length);
    std::shared_ptr<uint8_t> buf(new uint8_t[length > 0 ? length : 1],
                                 std::default_delete<uint8_t[]>());
    int64_t done = 0;
    while (done < length) {
      ssize_t n = ::pread(fd_, buf.get() + done, length - done, offset + done);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::IO("reading " + path_ + ": " + std::strerror(errno));
      }
      if (n == 0) return Status::IO("reading " + path_ + ": unexpected end of file");
      done += n;
    }
    ByteRange r;
    r.data = buf.get();
    r.size = length;
    r.owner = std::move(buf);
    return r;
  }
  int64_t Size() const override { return size_; }
  const std::string& name() const override { return path_; }

 private:
  // Large reads map the file's pages instead of copying them into fresh
  // memory (which the kernel would first have to zero).
  static constexpr int64_t kMapThreshold = int64_t{1} << 20;

  Result<ByteRange> Map(int64_t offset, int64_t length) {
    static const int64_t page = ::sysconf(_SC_PAGESIZE);
    const int64_t start = offset / page * page;
    const size_t len = static_cast<size_t>(offset + length - start);
    void* p = ::mmap(nullptr, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd_, start);
    if (p == MAP_FAILED) return Status::IO("mapping " + path_ + ": " + std::strerror(errno));
    auto* base = static_cast<const uint8_t*>(p);
    ByteRange r;
    r.owner = std::shared_ptr<const uint8_t>(
        base, [len](const uint8_t* b) { ::munmap(const_cast<uint8_t*>(b), len); });
    r.data = base + (offset - start);
    r.size = length;
    return r;
  }

  int fd_;
  int64_t size_;
  std::string path_;
};

class BufferSource final : public RandomAccessSource {
 public:
  BufferSource(std::string bytes, std::string name)
      : bytes_(std::make_shared<std::string>(std::move(bytes))), name_(std::move(name)) {}

  Result<ByteRange> ReadAt(int64_t offset, int64_t length) override {
    QUIVER_RETURN_NOT_OK(CheckRange(name_, offset, length, Size()));
    ByteRange r;
    r.data = reinterpret_cast<const uint8_t*>(bytes_->data()) + offset;
    r.size = length;
    r.owner = std::shared_ptr<const uint8_t>(bytes_, r.data);
    return r;
  }
  int64_t Size() const override { return static_cast<int64_t>(bytes_->size()); }
  const std::string& name() const override { return name_; }

 private:
  std::shared_ptr<std::string> bytes_;
  std::string name_;
};

}  // namespace

Result<std::shared_ptr<RandomAccessSource>> OpenLocalFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IO("opening " + path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::IO("stat " + path + ": " + std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::IO("opening " + path + ": is a directory");
  }
  return std::shared_ptr<RandomAccessSource>(
      std::make_shared<LocalFileSource>(fd, static_cast<int64_t>(st.st_size), path));
}

std::shared_ptr<RandomAccessSource> MakeBufferSource(std::string bytes, std::string name) {
  return std::make_shared<BufferSource>(std::move(bytes), std::move(name));
}

}  // namespace quiver::parquet
