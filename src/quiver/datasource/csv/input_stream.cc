#include "quiver/datasource/csv/input_stream.h"

#include <bzlib.h>
#include <fcntl.h>
#include <lzma.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace quiver::csv {

CsvCompression CompressionFromPath(const std::string& path) {
  auto ends_with = [&](const char* s) {
    size_t n = std::strlen(s);
    return path.size() >= n && path.compare(path.size() - n, n, s) == 0;
  };
  if (ends_with(".gz")) return CsvCompression::kGzip;
  if (ends_with(".bz2")) return CsvCompression::kBzip2;
  if (ends_with(".xz")) return CsvCompression::kXz;
  if (ends_with(".zst")) return CsvCompression::kZstd;
  return CsvCompression::kUncompressed;
}

namespace {

class LocalFileSource : public ByteSource {
 public:
  LocalFileSource(int fd, int64_t size, std::string path)
      : fd_(fd), size_(size), path_(std::move(path)) {}
  ~LocalFileSource() override { ::close(fd_); }

  Result<int64_t> ReadAt(int64_t offset, int64_t n, uint8_t* out) override {
    int64_t done = 0;
    while (done < n) {
      ssize_t r = ::pread(fd_, out + done, static_cast<size_t>(n - done), offset + done);
      if (r < 0) {
        if (errno == EINTR) continue;
        return Status::IO("reading " + path_ + ": " + std::strerror(errno));
      }
      if (r == 0) break;
      done += r;
    }
    return done;
  }
  int64_t size() const override { return size_; }
  const std::string& name() const override { return path_; }

 private:
  int fd_;
  int64_t size_;
  std::string path_;
};

class MemorySource : public ByteSource {
 public:
  MemorySource(std::string bytes, std::string name)
      : bytes_(std::move(bytes)), name_(std::move(name)) {}
  Result<int64_t> ReadAt(int64_t offset, int64_t n, uint8_t* out) override {
    int64_t size = static_cast<int64_t>(bytes_.size());
    if (offset >= size || n <= 0) return int64_t{0};
    int64_t k = std::min(n, size - offset);
    std::memcpy(out, bytes_.data() + offset, static_cast<size_t>(k));
    return k;
  }
  int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }
  const std::string& name() const override { return name_; }

 private:
  std::string bytes_;
  std::string name_;
};

}  // namespace

Result<ByteSourcePtr> OpenLocalFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IO("cannot open " + path + ": " + std::strerror(errno));
  off_t size = ::lseek(fd, 0, SEEK_END);
  if (size < 0) {
    int err = errno;
    ::close(fd);
    return Status::IO("cannot read " + path + ": " + std::strerror(err));
  }
  return ByteSourcePtr(std::make_shared<LocalFileSource>(fd, size, path));
}

ByteSourcePtr MakeMemorySource(std::string bytes, std::string name) {
  return std::make_shared<MemorySource>(std::move(bytes), std::move(name));
}

namespace internal {
namespace {

constexpr int64_t kCompressedChunk = 1 << 20;

class RawStream : public InputStream {
 public:
  RawStream(ByteSourcePtr source, int64_t offset) : source_(std::move(source)), pos_(offset) {}
  Result<int64_t> Read(uint8_t* out, int64_t n) override {
    QUIVER_ASSIGN_OR_RAISE(int64_t got, source_->ReadAt(pos_, n, out));
    pos_ += got;
    return got;
  }

 private:
  ByteSourcePtr source_;
  int64_t pos_;
};

// Shared input handling for the decompressors: refills `in_` from the source.
class DecompressStream : public InputStream {
 public:
  explicit DecompressStream(ByteSourcePtr source) : raw_(source, 0), source_(std::move(source)) {}

 protected:
  // Makes input available; false at the end of the compressed bytes.
  Result<bool> Refill() {
    if (in_pos_ < in_len_) return true;
    if (in_.empty()) in_.resize(kCompressedChunk);
    QUIVER_ASSIGN_OR_RAISE(int64_t got, raw_.Read(in_.data(), kCompressedChunk));
    in_pos_ = 0;
    in_len_ = got;
    return got > 0;
  }
  Status Corrupt(const std::string& codec) const {
    return Status::IO("corrupt " + codec + " stream in " + source_->name());
  }
  Status Truncated(const std::string& codec) const {
    return Status::IO("truncated " + codec + " stream in " + source_->name());
  }

  RawStream raw_;
  ByteSourcePtr source_;
  std::vector<uint8_t> in_;
  int64_t in_pos_ = 0;
  int64_t in_len_ = 0;
  bool done_ = false;
};

class GzipStream : public DecompressStream {
 public:
  using DecompressStream::DecompressStream;
  ~GzipStream() override {
    if (init_) inflateEnd(&z_);
  }
  Result<int64_t> Read(uint8_t* out, int64_t n) override {
    if (!init_) {
      std::memset(&z_, 0, sizeof(z_));
      if (inflateInit2(&z_, 15 + 32) != Z_OK) return Status::IO("zlib init failed");
      init_ = true;
    }
    int64_t produced = 0;
    while (produced == 0 && !done_) {
      QUIVER_ASSIGN_OR_RAISE(bool more, Refill());
      if (!more) {
        if (in_member_) return Truncated("gzip");
        done_ = true;
        break;
      }
      z_.next_in = in_.data() + in_pos_;
      z_.avail_in = static_cast<uInt>(in_len_ - in_pos_);
      z_.next_out = out;
      z_.avail_out = static_cast<uInt>(std::min<int64_t>(n, 1 << 30));
      in_member_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      in_pos_ = in_len_ - z_.avail_in;
      produced = static_cast<int64_t>(z_.next_out - out);
      if (rc == Z_STREAM_END) {
        // Concatenated gzip members form one stream.
        in_member_ = false;
        if (inflateReset(&z_) != Z_OK) return Corrupt("gzip");
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Corrupt("gzip");
      }
    }
    return produced;
  }

 private:
  z_stream z_;
  bool init_ = false;
  bool in_member_ = false;
};

class Bzip2Stream : public DecompressStream {
 public:
  using DecompressStream::DecompressStream;
  ~Bzip2Stream() override {
    if (init_) BZ2_bzDecompressEnd(&bz_);
  }
  Result<int64_t> Read(uint8_t* out, int64_t n) override {
    int64_t produced = 0;
    while (produced == 0 && !done_) {
      QUIVER_ASSIGN_OR_RAISE(bool more, Refill());
      if (!more) {
        if (init_) return Truncated("bzip2");
        done_ = true;
        break;
      }
      if (!init_) {
        std::memset(&bz_, 0, sizeof(bz_));
        if (BZ2_bzDecompressInit(&bz_, 0, 0) != BZ_OK) return Status::IO("bzip2 init failed");
        init_ = true;
      }
      bz_.next_in = reinterpret_cast<char*>(in_.data() + in_pos_);
      bz_.avail_in = static_cast<unsigned>(in_len_ - in_pos_);
      bz_.next_out = reinterpret_cast<char*>(out);
      bz_.avail_out = static_cast<unsigned>(std::min<int64_t>(n, 1 << 30));
      int rc = BZ2_bzDecompress(&bz_);
      in_pos_ = in_len_ - bz_.avail_in;
      produced = reinterpret_cast<uint8_t*>(bz_.next_out) - out;
      if (rc == BZ_STREAM_END) {
        BZ2_bzDecompressEnd(&bz_);
        init_ = false;  // a following stream starts afresh
      } else if (rc != BZ_OK) {
        return Corrupt("bzip2");
      }
    }
    return produced;
  }

 private:
  bz_stream bz_;
  bool init_ = false;
};

class XzStream : public DecompressStream {
 public:
  using DecompressStream::DecompressStream;
  ~XzStream() override {
    if (init_) lzma_end(&lz_);
  }
  Result<int64_t> Read(uint8_t* out, int64_t n) override {
    if (!init_) {
      lz_ = LZMA_STREAM_INIT;
      if (lzma_stream_decoder(&lz_, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
        return Status::IO("xz init failed");
      }
      init_ = true;
    }
    int64_t produced = 0;
    while (produced == 0 && !done_) {
      QUIVER_ASSIGN_OR_RAISE(bool more, Refill());
      lzma_action action = more ? LZMA_RUN : LZMA_FINISH;
      lz_.next_in = in_.data() + in_pos_;
      lz_.avail_in = static_cast<size_t>(in_len_ - in_pos_);
      lz_.next_out = out;
      lz_.avail_out = static_cast<size_t>(n);
      lzma_ret rc = lzma_code(&lz_, action);
      in_pos_ = in_len_ - static_cast<int64_t>(lz_.avail_in);
      produced = lz_.next_out - out;
      if (rc == LZMA_STREAM_END) {
        done_ = true;
      } else if (rc == LZMA_BUF_ERROR && !more && produced == 0) {
        return Truncated("xz");
      } else if (rc != LZMA_OK && rc != LZMA_BUF_ERROR) {
        return Corrupt("xz");
      }
    }
    return produced;
  }

 private:
  lzma_stream lz_;
  bool init_ = false;
};

class ZstdStream : public DecompressStream {
 public:
  using DecompressStream::DecompressStream;
  ~ZstdStream() override { ZSTD_freeDStream(ds_); }
  Result<int64_t> Read(uint8_t* out, int64_t n) override {
    if (ds_ == nullptr) {
      ds_ = ZSTD_createDStream();
      if (ds_ == nullptr) return Status::IO("zstd init failed");
    }
    int64_t produced = 0;
    while (produced == 0 && !done_) {
      QUIVER_ASSIGN_OR_RAISE(bool more, Refill());
      if (!more) {
        if (mid_frame_) return Truncated("zstd");
        done_ = true;
        break;
      }
      ZSTD_inBuffer in{in_.data() + in_pos_, static_cast<size_t>(in_len_ - in_pos_), 0};
      ZSTD_outBuffer o{out, static_cast<size_t>(n), 0};
      size_t rc = ZSTD_decompressStream(ds_, &o, &in);
      if (ZSTD_isError(rc)) return Corrupt("zstd");
      mid_frame_ = rc != 0;
      in_pos_ += static_cast<int64_t>(in.pos);
      produced = static_cast<int64_t>(o.pos);
    }
    return produced;
  }

 private:
  ZSTD_DStream* ds_ = nullptr;
  bool mid_frame_ = false;
};

}  // namespace

Result<std::unique_ptr<InputStream>> OpenInputStream(ByteSourcePtr source, int64_t offset,
                                                     CsvCompression compression) {
  if (compression != CsvCompression::kUncompressed && offset != 0) {
    return Status::NotImplemented("byte ranges of compressed CSV files (" + source->name() + ")");
  }
  switch (compression) {
    case CsvCompression::kUncompressed:
      return std::unique_ptr<InputStream>(new RawStream(std::move(source), offset));
    case CsvCompression::kGzip:
      return std::unique_ptr<InputStream>(new GzipStream(std::move(source)));
    case CsvCompression::kBzip2:
      return std::unique_ptr<InputStream>(new Bzip2Stream(std::move(source)));
    case CsvCompression::kXz: return std::unique_ptr<InputStream>(new XzStream(std::move(source)));
    case CsvCompression::kZstd:
      return std::unique_ptr<InputStream>(new ZstdStream(std::move(source)));
  }
  return Status::Internal("unknown CSV compression");
}

}  // namespace internal
}  // namespace quiver::csv
