#include "quiver/datasource/json/compressed_file.h"

#include <bzlib.h>
#include <fcntl.h>
#include <lzma.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace quiver::json::internal {

namespace {

constexpr size_t kOutChunk = 1 << 18;

// Writes raw bytes to a temporary file next to the target.
class FileBase : public CompressedFileWriter {
 public:
  ~FileBase() override {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(tmp_.c_str());
    }
  }
  Status Init(const std::string& path) {
    static std::atomic<uint64_t> counter{0};
    path_ = path;
    tmp_ = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) return Status::IO("cannot create " + path + ": " + std::strerror(errno));
    return Status::OK();
  }
  Status Commit() override {
    QUIVER_RETURN_NOT_OK(Finish());
    if (::close(fd_) != 0) {
      fd_ = -1;
      ::unlink(tmp_.c_str());
      return Status::IO("cannot write " + path_ + ": " + std::strerror(errno));
    }
    fd_ = -1;
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
      ::unlink(tmp_.c_str());
      return Status::IO("cannot create " + path_ + ": " + std::strerror(errno));
    }
    return Status::OK();
  }

 protected:
  virtual Status Finish() { return Status::OK(); }
  Status WriteRaw(const void* data, size_t n) {
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
      ssize_t w = ::write(fd_, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        return Status::IO("cannot write " + path_ + ": " + std::strerror(errno));
      }
      p += w;
      n -= static_cast<size_t>(w);
    }
    return Status::OK();
  }
  std::string path_, tmp_;
  int fd_ = -1;
  std::string out_ = std::string(kOutChunk, '\0');
};

class PlainFile : public FileBase {
 public:
  Status Write(std::string_view b) override { return WriteRaw(b.data(), b.size()); }
};

class GzipFile : public FileBase {
 public:
  ~GzipFile() override {
    if (init_) deflateEnd(&z_);
  }
  Status Start() {
    std::memset(&z_, 0, sizeof(z_));
    // windowBits 15 + 16 asks zlib for a gzip header and trailer.
    if (deflateInit2(&z_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
      return Status::IO("gzip: cannot initialize the compressor");
    }
    init_ = true;
    return Status::OK();
  }
  Status Write(std::string_view b) override { return Run(b, Z_NO_FLUSH); }

 private:
  Status Finish() override { return Run({}, Z_FINISH); }
  Status Run(std::string_view b, int flush) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(b.data()));
    z_.avail_in = static_cast<uInt>(b.size());
    for (;;) {
      z_.next_out = reinterpret_cast<Bytef*>(out_.data());
      z_.avail_out = static_cast<uInt>(out_.size());
      int rc = deflate(&z_, flush);
      if (rc == Z_STREAM_ERROR) return Status::IO("gzip: compression failed");
      QUIVER_RETURN_NOT_OK(WriteRaw(out_.data(), out_.size() - z_.avail_out));
      if (flush == Z_FINISH ? rc == Z_STREAM_END : (z_.avail_in == 0 && z_.avail_out != 0)) break;
    }
    return Status::OK();
  }
  z_stream z_;
  bool init_ = false;
};

class Bzip2File : public FileBase {
 public:
  ~Bzip2File() override {
    if (init_) BZ2_bzCompressEnd(&s_);
  }
  Status Start() {
    std::memset(&s_, 0, sizeof(s_));
    if (BZ2_bzCompressInit(&s_, 9, 0, 0) != BZ_OK) {
      return Status::IO("bzip2: cannot initialize the compressor");
    }
    init_ = true;
    return Status::OK();
  }
  Status Write(std::string_view b) override { return Run(b, BZ_RUN); }

 private:
  Status Finish() override { return Run({}, BZ_FINISH); }
  Status Run(std::string_view b, int action) {
    s_.next_in = const_cast<char*>(b.data());
    s_.avail_in = static_cast<unsigned>(b.size());
    for (;;) {
      s_.next_out = out_.data();
      s_.avail_out = static_cast<unsigned>(out_.size());
      int rc = BZ2_bzCompress(&s_, action);
      if (rc < 0) return Status::IO("bzip2: compression failed");
      QUIVER_RETURN_NOT_OK(WriteRaw(out_.data(), out_.size() - s_.avail_out));
      if (action == BZ_FINISH ? rc == BZ_STREAM_END : s_.avail_in == 0) break;
    }
    return Status::OK();
  }
  bz_stream s_;
  bool init_ = false;
};

class XzFile : public FileBase {
 public:
  ~XzFile() override { lzma_end(&s_); }
  Status Start() {
    if (lzma_easy_encoder(&s_, 6, LZMA_CHECK_CRC64) != LZMA_OK) {
      return Status::IO("xz: cannot initialize the compressor");
    }
    return Status::OK();
  }
  Status Write(std::string_view b) override { return Run(b, LZMA_RUN); }

 private:
  Status Finish() override { return Run({}, LZMA_FINISH); }
  Status Run(std::string_view b, lzma_action action) {
    s_.next_in = reinterpret_cast<const uint8_t*>(b.data());
    s_.avail_in = b.size();
    for (;;) {
      s_.next_out = reinterpret_cast<uint8_t*>(out_.data());
      s_.avail_out = out_.size();
      lzma_ret rc = lzma_code(&s_, action);
      if (rc != LZMA_OK && rc != LZMA_STREAM_END) return Status::IO("xz: compression failed");
      QUIVER_RETURN_NOT_OK(WriteRaw(out_.data(), out_.size() - s_.avail_out));
      if (action == LZMA_FINISH ? rc == LZMA_STREAM_END : s_.avail_in == 0) break;
    }
    return Status::OK();
  }
  lzma_stream s_ = LZMA_STREAM_INIT;
};

class ZstdFile : public FileBase {
 public:
  ~ZstdFile() override { ZSTD_freeCStream(s_); }
  Status Start() {
    s_ = ZSTD_createCStream();
    if (!s_ || ZSTD_isError(ZSTD_initCStream(s_, 3))) {
      return Status::IO("zstd: cannot initialize the compressor");
    }
    return Status::OK();
  }
  Status Write(std::string_view b) override {
    ZSTD_inBuffer in{b.data(), b.size(), 0};
    while (in.pos < in.size) {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      size_t rc = ZSTD_compressStream(s_, &out, &in);
      if (ZSTD_isError(rc)) return Status::IO("zstd: compression failed");
      QUIVER_RETURN_NOT_OK(WriteRaw(out_.data(), out.pos));
    }
    return Status::OK();
  }

 private:
  Status Finish() override {
    for (;;) {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      size_t rc = ZSTD_endStream(s_, &out);
      if (ZSTD_isError(rc)) return Status::IO("zstd: compression failed");
      QUIVER_RETURN_NOT_OK(WriteRaw(out_.data(), out.pos));
      if (rc == 0) break;
    }
    return Status::OK();
  }
  ZSTD_CStream* s_ = nullptr;
};

template <typename T>
Result<std::unique_ptr<CompressedFileWriter>> Make(const std::string& path) {
  auto f = std::make_unique<T>();
  QUIVER_RETURN_NOT_OK(f->Init(path));
  if constexpr (!std::is_same_v<T, PlainFile>) {
    QUIVER_RETURN_NOT_OK(f->Start());
  }
  return std::unique_ptr<CompressedFileWriter>(std::move(f));
}

}  // namespace

Result<std::unique_ptr<CompressedFileWriter>> CompressedFileWriter::Open(
    const std::string& path, csv::CsvCompression compression) {
  switch (compression) {
    case csv::CsvCompression::kUncompressed: return Make<PlainFile>(path);
    case csv::CsvCompression::kGzip: return Make<GzipFile>(path);
    case csv::CsvCompression::kBzip2: return Make<Bzip2File>(path);
    case csv::CsvCompression::kXz: return Make<XzFile>(path);
    case csv::CsvCompression::kZstd: return Make<ZstdFile>(path);
  }
  return Status::Internal("unknown compression");
}

}  // namespace quiver::json::internal
