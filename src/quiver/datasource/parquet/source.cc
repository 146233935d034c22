#include "quiver/datasource/parquet/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

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

// Large read buffers are recycled: a fresh multi-megabyte allocation is
// new anonymous memory the kernel must zero page by page, which costs about
// as much as the copy out of the page cache itself.
class BufferPool {
 public:
  static BufferPool& Get() {
    static BufferPool* pool = new BufferPool();  // never destroyed: deleters may run late
    return *pool;
  }

  std::shared_ptr<uint8_t> Take(int64_t length) {
    const size_t want = static_cast<size_t>(length > 0 ? length : 1);
    uint8_t* buf = nullptr;
    size_t cap = want;
    if (want >= kMinPooled) {
      std::lock_guard<std::mutex> lock(mu_);
      // The smallest free buffer that fits, unless it would waste most of itself.
      auto it = free_.lower_bound(want);
      if (it != free_.end() && it->first <= want * 2) {
        buf = it->second;
        cap = it->first;
        held_ -= cap;
        free_.erase(it);
      }
    }
    if (!buf) buf = static_cast<uint8_t*>(std::malloc(cap));
    if (!buf) return nullptr;
    return std::shared_ptr<uint8_t>(buf, [cap](uint8_t* b) { BufferPool::Get().Give(b, cap); });
  }

 private:
  static constexpr size_t kMinPooled = size_t{1} << 20;
  static constexpr size_t kMaxHeld = size_t{512} << 20;

  void Give(uint8_t* buf, size_t cap) {
    if (cap >= kMinPooled) {
      std::lock_guard<std::mutex> lock(mu_);
      if (held_ + cap <= kMaxHeld) {
        free_.emplace(cap, buf);
        held_ += cap;
        return;
      }
    }
    std::free(buf);
  }

  std::mutex mu_;
  std::multimap<size_t, uint8_t*> free_;
  size_t held_ = 0;
};

// Reads copy with pread instead of mapping the file. A mapping of a file that
// another process truncates afterwards raises SIGBUS on the next touch of a
// vanished page, and nothing short of a signal handler around every decoder
// could turn that into an error; pread instead reports the short read, which
// becomes an IO error. The copy costs little next to decompression and
// decoding, and the pool above keeps it from also paying for page zeroing.
class LocalFileSource final : public RandomAccessSource {
 public:
  LocalFileSource(int fd, int64_t size, std::string path)
      : fd_(fd), size_(size), path_(std::move(path)) {}
  ~LocalFileSource() override { ::close(fd_); }

  Result<ByteRange> ReadAt(int64_t offset, int64_t length) override {
    QUIVER_RETURN_NOT_OK(CheckRange(path_, offset, length, size_));
    std::shared_ptr<uint8_t> buf = BufferPool::Get().Take(length);
    if (!buf) {
      return Status::ResourcesExhausted("reading " + path_ + ": cannot allocate " +
                                        std::to_string(length) + " bytes");
    }
    int64_t done = 0;
    while (done < length) {
      ssize_t n = ::pread(fd_, buf.get() + done, length - done, offset + done);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::IO("reading " + path_ + ": " + std::strerror(errno));
      }
      if (n == 0) {
        return Status::IO("reading " + path_ + ": unexpected end of file at byte " +
                          std::to_string(offset + done) +
                          " (the file was truncated or replaced while being read)");
      }
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
