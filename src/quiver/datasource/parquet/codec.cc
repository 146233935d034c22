#include "quiver/datasource/parquet/codec.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <climits>
#include <cstring>

namespace quiver::parquet {

namespace {

Status Corrupt(Compression c, const std::string& what) {
  return Status::IO(std::string("corrupt ") + CompressionName(c) + " page: " + what);
}

Status SizeMismatch(Compression c, int64_t got, int64_t want) {
  return Corrupt(
      c, "decompressed to " + std::to_string(got) + " bytes, expected " + std::to_string(want));
}

uint32_t LoadBE32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

void StoreBE32(uint8_t* p, uint32_t v) {
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

Status GzipDecompress(const uint8_t* in, int64_t in_len, uint8_t* out, int64_t out_len) {
  if (in_len > UINT_MAX || out_len > UINT_MAX) return Corrupt(Compression::kGzip, "too large");
  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  // 15 + 32: accept both zlib and gzip headers.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Status::Internal("inflateInit2 failed");
  zs.next_in = const_cast<Bytef*>(in);
  zs.avail_in = static_cast<uInt>(in_len);
  zs.next_out = out;
  zs.avail_out = static_cast<uInt>(out_len);
  Status st;
  while (true) {
    int rc = inflate(&zs, Z_FINISH);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members: keep going while input remains.
      if (zs.avail_in > 0 && zs.avail_out > 0) {
        if (inflateReset(&zs) != Z_OK) {
          st = Corrupt(Compression::kGzip, "reset failed");
          break;
        }
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && zs.avail_out == 0) {
      st = Corrupt(Compression::kGzip, "output larger than the page size");
    } else {
      st = Corrupt(Compression::kGzip, zs.msg ? zs.msg : "inflate failed");
    }
    break;
  }
  int64_t produced = out_len - zs.avail_out;
  inflateEnd(&zs);
  QUIVER_RETURN_NOT_OK(st);
  if (produced != out_len) return SizeMismatch(Compression::kGzip, produced, out_len);
  return Status::OK();
}

Status Lz4RawDecompress(Compression c, const uint8_t* in, int64_t in_len, uint8_t* out,
                        int64_t out_len) {
  if (in_len > INT_MAX || out_len > INT_MAX) return Corrupt(c, "too large");
  int n = LZ4_decompress_safe(reinterpret_cast<const char*>(in), reinterpret_cast<char*>(out),
                              static_cast<int>(in_len), static_cast<int>(out_len));
  if (n < 0) return Corrupt(c, "invalid LZ4 block");
  if (n != out_len) return SizeMismatch(c, n, out_len);
  return Status::OK();
}

// Hadoop framing: repeated [BE u32 raw size][BE u32 compressed size][block].
Status HadoopLz4Decompress(const uint8_t* in, int64_t in_len, uint8_t* out, int64_t out_len) {
  int64_t ip = 0, op = 0;
  while (ip < in_len) {
    if (in_len - ip < 8) return Corrupt(Compression::kLz4, "truncated frame header");
    int64_t raw = LoadBE32(in + ip), comp = LoadBE32(in + ip + 4);
    ip += 8;
    if (comp > in_len - ip || raw > out_len - op) return Corrupt(Compression::kLz4, "bad frame");
    QUIVER_RETURN_NOT_OK(Lz4RawDecompress(Compression::kLz4, in + ip, comp, out + op, raw));
    ip += comp;
    op += raw;
  }
  if (op != out_len) return SizeMismatch(Compression::kLz4, op, out_len);
  return Status::OK();
}

Status Lz4FrameDecompress(const uint8_t* in, int64_t in_len, uint8_t* out, int64_t out_len) {
  LZ4F_dctx* ctx = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION))) {
    return Status::Internal("LZ4F context creation failed");
  }
  size_t ip = 0, op = 0;
  Status st;
  while (ip < static_cast<size_t>(in_len)) {
    size_t src = in_len - ip, dst = out_len - op;
    size_t rc = LZ4F_decompress(ctx, out + op, &dst, in + ip, &src, nullptr);
    if (LZ4F_isError(rc)) {
      st = Corrupt(Compression::kLz4, "invalid LZ4 frame");
      break;
    }
    ip += src;
    op += dst;
    if (src == 0 && dst == 0) {
      st = Corrupt(Compression::kLz4, "LZ4 frame made no progress");
      break;
    }
    if (rc == 0 && ip < static_cast<size_t>(in_len)) continue;  // next frame
  }
  LZ4F_freeDecompressionContext(ctx);
  QUIVER_RETURN_NOT_OK(st);
  if (static_cast<int64_t>(op) != out_len) return SizeMismatch(Compression::kLz4, op, out_len);
  return Status::OK();
}

}  // namespace

bool IsCodecSupported(Compression codec) {
  switch (codec) {
    case Compression::kUncompressed:
    case Compression::kSnappy:
    case Compression::kGzip:
    case Compression::kBrotli:
    case Compression::kLz4:
    case Compression::kZstd:
    case Compression::kLz4Raw: return true;
    default: return false;
  }
}

Status Decompress(Compression codec, const uint8_t* in, int64_t in_len, uint8_t* out,
                  int64_t out_len) {
  if (in_len < 0 || out_len < 0) return Corrupt(codec, "negative size");
  switch (codec) {
    case Compression::kUncompressed:
      if (in_len != out_len) return SizeMismatch(codec, in_len, out_len);
      if (in_len > 0) std::memcpy(out, in, in_len);
      return Status::OK();
    case Compression::kSnappy: {
      size_t n = 0;
      if (snappy_uncompressed_length(reinterpret_cast<const char*>(in), in_len, &n) != SNAPPY_OK) {
        return Corrupt(codec, "invalid header");
      }
      if (static_cast<int64_t>(n) != out_len) return SizeMismatch(codec, n, out_len);
      if (snappy_uncompress(reinterpret_cast<const char*>(in), in_len, reinterpret_cast<char*>(out),
                            &n) != SNAPPY_OK) {
        return Corrupt(codec, "invalid stream");
      }
      return Status::OK();
    }
    case Compression::kGzip: return GzipDecompress(in, in_len, out, out_len);
    case Compression::kZstd: {
      size_t n = ZSTD_decompress(out, out_len, in, in_len);
      if (ZSTD_isError(n)) return Corrupt(codec, ZSTD_getErrorName(n));
      if (static_cast<int64_t>(n) != out_len) return SizeMismatch(codec, n, out_len);
      return Status::OK();
    }
    case Compression::kBrotli: {
      size_t n = out_len;
      if (BrotliDecoderDecompress(in_len, in, &n, out) != BROTLI_DECODER_RESULT_SUCCESS) {
        return Corrupt(codec, "invalid stream");
      }
      if (static_cast<int64_t>(n) != out_len) return SizeMismatch(codec, n, out_len);
      return Status::OK();
    }
    case Compression::kLz4Raw: return Lz4RawDecompress(codec, in, in_len, out, out_len);
    case Compression::kLz4: {
      // Writers disagree on what "LZ4" means: try Hadoop framing, then the
      // LZ4 frame format, then a bare block.
      Status st = HadoopLz4Decompress(in, in_len, out, out_len);
      if (st.ok()) return st;
      if (in_len >= 4 && in[0] == 0x04 && in[1] == 0x22 && in[2] == 0x4D && in[3] == 0x18) {
        Status fs = Lz4FrameDecompress(in, in_len, out, out_len);
        if (fs.ok()) return fs;
      }
      Status bs = Lz4RawDecompress(codec, in, in_len, out, out_len);
      if (bs.ok()) return bs;
      return st;
    }
    case Compression::kLzo:
      return Status::NotImplemented("Parquet LZO compression is not supported");
  }
  return Status::NotImplemented("unknown Parquet compression codec " +
                                std::to_string(static_cast<int>(codec)));
}

Result<std::string> Compress(Compression codec, const uint8_t* in, int64_t in_len, int level) {
  std::string out;
  switch (codec) {
    case Compression::kUncompressed:
      out.assign(reinterpret_cast<const char*>(in), in_len);
      return out;
    case Compression::kSnappy: {
      size_t n = snappy_max_compressed_length(in_len);
      out.resize(n);
      if (snappy_compress(reinterpret_cast<const char*>(in), in_len, out.data(), &n) != SNAPPY_OK) {
        return Status::Internal("snappy compression failed");
      }
      out.resize(n);
      return out;
    }
    case Compression::kGzip: {
      z_stream zs;
      std::memset(&zs, 0, sizeof(zs));
      if (deflateInit2(&zs, level < 0 ? Z_DEFAULT_COMPRESSION : level, Z_DEFLATED, 15 + 16, 8,
                       Z_DEFAULT_STRATEGY) != Z_OK) {
        return Status::Internal("deflateInit2 failed");
      }
      out.resize(deflateBound(&zs, in_len));
      zs.next_in = const_cast<Bytef*>(in);
      zs.avail_in = static_cast<uInt>(in_len);
      zs.next_out = reinterpret_cast<Bytef*>(out.data());
      zs.avail_out = static_cast<uInt>(out.size());
      int rc = deflate(&zs, Z_FINISH);
      out.resize(out.size() - zs.avail_out);
      deflateEnd(&zs);
      if (rc != Z_STREAM_END) return Status::Internal("gzip compression failed");
      return out;
    }
    case Compression::kZstd: {
      out.resize(ZSTD_compressBound(in_len));
      size_t n = ZSTD_compress(out.data(), out.size(), in, in_len, level < 0 ? 3 : level);
      if (ZSTD_isError(n)) return Status::Internal(ZSTD_getErrorName(n));
      out.resize(n);
      return out;
    }
    case Compression::kBrotli: {
      size_t n = BrotliEncoderMaxCompressedSize(in_len);
      if (n == 0) n = in_len + 1024;
      out.resize(n);
      if (!BrotliEncoderCompress(level < 0 ? 5 : level, BROTLI_DEFAULT_WINDOW, BROTLI_DEFAULT_MODE,
                                 in_len, in, &n, reinterpret_cast<uint8_t*>(out.data()))) {
        return Status::Internal("brotli compression failed");
      }
      out.resize(n);
      return out;
    }
    case Compression::kLz4Raw:
    case Compression::kLz4: {
      if (in_len > LZ4_MAX_INPUT_SIZE) return Status::Internal("page too large for LZ4");
      int header = codec == Compression::kLz4 ? 8 : 0;
      out.resize(header + LZ4_compressBound(static_cast<int>(in_len)));
      int n = LZ4_compress_default(reinterpret_cast<const char*>(in), out.data() + header,
                                   static_cast<int>(in_len), static_cast<int>(out.size()) - header);
      if (n <= 0) return Status::Internal("LZ4 compression failed");
      if (header) {
        StoreBE32(reinterpret_cast<uint8_t*>(out.data()), static_cast<uint32_t>(in_len));
        StoreBE32(reinterpret_cast<uint8_t*>(out.data()) + 4, static_cast<uint32_t>(n));
      }
      out.resize(header + n);
      return out;
    }
    default: break;
  }
  return Status::NotImplemented(std::string("Parquet compression ") + CompressionName(codec) +
                                " is not supported for writing");
}

}  // namespace quiver::parquet
