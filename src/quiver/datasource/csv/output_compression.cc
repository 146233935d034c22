#include "quiver/datasource/csv/output_compression.h"

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <cctype>

namespace quiver::csv {

namespace {

constexpr size_t kChunk = 64 * 1024;

class GzipCompressor : public OutputCompressor {
 public:
  Status Init() {
    // windowBits 15 + 16 asks zlib for a gzip header and trailer.
    if (deflateInit2(&z_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
      return Status::IO("gzip: cannot initialize the compressor");
    }
    live_ = true;
    return Status::OK();
  }
  ~GzipCompressor() override {
    if (live_) deflateEnd(&z_);
  }
  Status Update(std::string_view in, std::string* out) override { return Run(in, Z_NO_FLUSH, out); }
  Status Finish(std::string* out) override { return Run({}, Z_FINISH, out); }

 private:
  Status Run(std::string_view in, int flush, std::string* out) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z_.avail_in = static_cast<uInt>(in.size());
    int rc;
    do {
      const size_t old = out->size();
      out->resize(old + kChunk);
      z_.next_out = reinterpret_cast<Bytef*>(out->data() + old);
      z_.avail_out = static_cast<uInt>(kChunk);
      rc = deflate(&z_, flush);
      out->resize(old + kChunk - z_.avail_out);
      if (rc == Z_STREAM_ERROR) return Status::IO("gzip: compression failed");
    } while (z_.avail_in > 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    return Status::OK();
  }
  z_stream z_{};
  bool live_ = false;
};

class Bzip2Compressor : public OutputCompressor {
 public:
  Status Init() {
    if (BZ2_bzCompressInit(&s_, 9, 0, 0) != BZ_OK) {
      return Status::IO("bzip2: cannot initialize the compressor");
    }
    live_ = true;
    return Status::OK();
  }
  ~Bzip2Compressor() override {
    if (live_) BZ2_bzCompressEnd(&s_);
  }
  Status Update(std::string_view in, std::string* out) override { return Run(in, BZ_RUN, out); }
  Status Finish(std::string* out) override { return Run({}, BZ_FINISH, out); }

 private:
  Status Run(std::string_view in, int action, std::string* out) {
    s_.next_in = const_cast<char*>(in.data());
    s_.avail_in = static_cast<unsigned>(in.size());
    int rc;
    do {
      const size_t old = out->size();
      out->resize(old + kChunk);
      s_.next_out = out->data() + old;
      s_.avail_out = static_cast<unsigned>(kChunk);
      rc = BZ2_bzCompress(&s_, action);
      out->resize(old + kChunk - s_.avail_out);
      if (rc < 0) return Status::IO("bzip2: compression failed");
    } while (action == BZ_RUN ? s_.avail_in > 0 : rc != BZ_STREAM_END);
    return Status::OK();
  }
  bz_stream s_{};
  bool live_ = false;
};

class XzCompressor : public OutputCompressor {
 public:
  Status Init() {
    if (lzma_easy_encoder(&s_, 6, LZMA_CHECK_CRC64) != LZMA_OK) {
      return Status::IO("xz: cannot initialize the compressor");
    }
    return Status::OK();
  }
  ~XzCompressor() override { lzma_end(&s_); }
  Status Update(std::string_view in, std::string* out) override { return Run(in, LZMA_RUN, out); }
  Status Finish(std::string* out) override { return Run({}, LZMA_FINISH, out); }

 private:
  Status Run(std::string_view in, lzma_action action, std::string* out) {
    s_.next_in = reinterpret_cast<const uint8_t*>(in.data());
    s_.avail_in = in.size();
    lzma_ret rc;
    do {
      const size_t old = out->size();
      out->resize(old + kChunk);
      s_.next_out = reinterpret_cast<uint8_t*>(out->data() + old);
      s_.avail_out = kChunk;
      rc = lzma_code(&s_, action);
      out->resize(old + kChunk - s_.avail_out);
      if (rc != LZMA_OK && rc != LZMA_STREAM_END) return Status::IO("xz: compression failed");
    } while (action == LZMA_RUN ? s_.avail_in > 0 : rc != LZMA_STREAM_END);
    return Status::OK();
  }
  lzma_stream s_ = LZMA_STREAM_INIT;
};

class ZstdCompressor : public OutputCompressor {
 public:
  Status Init() {
    s_ = ZSTD_createCStream();
    if (!s_ || ZSTD_isError(ZSTD_initCStream(s_, 3))) {
      return Status::IO("zstd: cannot initialize the compressor");
    }
    return Status::OK();
  }
  ~ZstdCompressor() override { ZSTD_freeCStream(s_); }
  Status Update(std::string_view in, std::string* out) override {
    return Run(in, ZSTD_e_continue, out);
  }
  Status Finish(std::string* out) override { return Run({}, ZSTD_e_end, out); }

 private:
  Status Run(std::string_view in, ZSTD_EndDirective mode, std::string* out) {
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    size_t remaining;
    do {
      const size_t old = out->size();
      out->resize(old + kChunk);
      ZSTD_outBuffer output{out->data() + old, kChunk, 0};
      remaining = ZSTD_compressStream2(s_, &output, &input, mode);
      out->resize(old + output.pos);
      if (ZSTD_isError(remaining)) return Status::IO("zstd: compression failed");
    } while (mode == ZSTD_e_continue ? input.pos < input.size : remaining != 0);
    return Status::OK();
  }
  ZSTD_CStream* s_ = nullptr;
};

template <typename T>
Result<std::unique_ptr<OutputCompressor>> MakeInitialized() {
  auto c = std::make_unique<T>();
  QUIVER_RETURN_NOT_OK(c->Init());
  return std::unique_ptr<OutputCompressor>(std::move(c));
}

}  // namespace

Result<std::unique_ptr<OutputCompressor>> OutputCompressor::Make(CsvCompression codec) {
  switch (codec) {
    case CsvCompression::kGzip: return MakeInitialized<GzipCompressor>();
    case CsvCompression::kBzip2: return MakeInitialized<Bzip2Compressor>();
    case CsvCompression::kXz: return MakeInitialized<XzCompressor>();
    case CsvCompression::kZstd: return MakeInitialized<ZstdCompressor>();
    case CsvCompression::kUncompressed: break;
  }
  return std::unique_ptr<OutputCompressor>();
}

Result<CsvCompression> ParseCompression(const std::string& name) {
  std::string n;
  for (char c : name) n.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (n.empty() || n == "uncompressed") return CsvCompression::kUncompressed;
  if (n == "gzip") return CsvCompression::kGzip;
  if (n == "bzip2") return CsvCompression::kBzip2;
  if (n == "xz") return CsvCompression::kXz;
  if (n == "zstd") return CsvCompression::kZstd;
  return Status::Configuration("Unsupported file compression type " + name);
}

std::string CompressionSuffix(CsvCompression compression) {
  switch (compression) {
    case CsvCompression::kGzip: return ".gz";
    case CsvCompression::kBzip2: return ".bz2";
    case CsvCompression::kXz: return ".xz";
    case CsvCompression::kZstd: return ".zst";
    case CsvCompression::kUncompressed: break;
  }
  return "";
}

}  // namespace quiver::csv
