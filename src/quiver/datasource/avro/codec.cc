#include "quiver/datasource/avro/codec.h"

#include <bzlib.h>
#include <lzma.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <limits>

namespace quiver::avro {

namespace {

Status Corrupt(Codec codec, const std::string& what) {
  return Status::IO(std::string("corrupt Avro block (") + CodecName(codec) + "): " + what);
}

Status TooLarge(Codec codec, int64_t max_size) {
  return Corrupt(codec, "decompresses to more than " + std::to_string(max_size) + " bytes");
}

// Grows `out` for a streaming decoder that has filled it; false at the cap.
bool Grow(std::string* out, int64_t max_size) {
  if (static_cast<int64_t>(out->size()) >= max_size) return false;
  const int64_t next = std::min<int64_t>(max_size, std::max<int64_t>(out->size() * 2, 64 * 1024));
  out->resize(static_cast<size_t>(next));
  return true;
}

int64_t InitialSize(int64_t in_len, int64_t max_size) {
  return std::min<int64_t>(max_size, std::max<int64_t>(in_len * 4, 64 * 1024));
}

Status Inflate(const uint8_t* in, int64_t in_len, std::string* out, int64_t max_size) {
  z_stream zs{};
  // Negative window bits: raw deflate without the zlib header and checksum.
  if (inflateInit2(&zs, -15) != Z_OK) return Status::IO("zlib initialisation failed");
  zs.next_in = const_cast<Bytef*>(in);
  out->resize(static_cast<size_t>(InitialSize(in_len, max_size)));
  size_t produced = 0;
  int64_t consumed = 0;
  Status st;
  while (true) {
    // avail_* are 32-bit: feed at most 1 GiB per call.
    const int64_t in_chunk = std::min<int64_t>(in_len - consumed, 1 << 30);
    zs.next_in = const_cast<Bytef*>(in + consumed);
    zs.avail_in = static_cast<uInt>(in_chunk);
    const size_t room = std::min<size_t>(out->size() - produced, 1u << 30);
    zs.next_out = reinterpret_cast<Bytef*>(out->data() + produced);
    zs.avail_out = static_cast<uInt>(room);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    consumed += in_chunk - zs.avail_in;
    produced += room - zs.avail_out;
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR || rc == Z_OK) {
      if (zs.avail_out == 0) {
        if (!Grow(out, max_size)) {
          st = TooLarge(Codec::kDeflate, max_size);
          break;
        }
        continue;
      }
      if (consumed >= in_len) {
        st = Corrupt(Codec::kDeflate, "truncated stream");
        break;
      }
      continue;
    }
    st = Corrupt(Codec::kDeflate, zs.msg ? zs.msg : "inflate failed");
    break;
  }
  inflateEnd(&zs);
  out->resize(produced);
  return st;
}

Status Snappy(const uint8_t* in, int64_t in_len, std::string* out, int64_t max_size) {
  if (in_len < 4) return Corrupt(Codec::kSnappy, "block shorter than its CRC");
  const char* src = reinterpret_cast<const char*>(in);
  const size_t src_len = static_cast<size_t>(in_len - 4);
  size_t n = 0;
  if (snappy_uncompressed_length(src, src_len, &n) != SNAPPY_OK) {
    return Corrupt(Codec::kSnappy, "bad length header");
  }
  if (static_cast<int64_t>(n) > max_size) return TooLarge(Codec::kSnappy, max_size);
  out->resize(n);
  if (snappy_uncompress(src, src_len, out->data(), &n) != SNAPPY_OK || n != out->size()) {
    return Corrupt(Codec::kSnappy, "bad compressed data");
  }
  const uint8_t* c = in + in_len - 4;
  const uint32_t want =
      (uint32_t{c[0]} << 24) | (uint32_t{c[1]} << 16) | (uint32_t{c[2]} << 8) | uint32_t{c[3]};
  uint32_t got = 0;
  size_t done = 0;
  while (done < n) {
    const size_t chunk = std::min<size_t>(n - done, 1u << 30);
    got = static_cast<uint32_t>(
        crc32(got, reinterpret_cast<const Bytef*>(out->data() + done), static_cast<uInt>(chunk)));
    done += chunk;
  }
  if (got != want) return Corrupt(Codec::kSnappy, "CRC-32 mismatch");
  return Status::OK();
}

Status Bzip2(const uint8_t* in, int64_t in_len, std::string* out, int64_t max_size) {
  if (in_len > std::numeric_limits<unsigned int>::max()) {
    return Corrupt(Codec::kBzip2, "block too large");
  }
  bz_stream bz{};
  if (BZ2_bzDecompressInit(&bz, 0, 0) != BZ_OK) return Status::IO("bzip2 initialisation failed");
  bz.next_in = const_cast<char*>(reinterpret_cast<const char*>(in));
  bz.avail_in = static_cast<unsigned int>(in_len);
  out->resize(static_cast<size_t>(InitialSize(in_len, max_size)));
  size_t produced = 0;
  Status st;
  while (true) {
    const size_t room = std::min<size_t>(out->size() - produced, 1u << 30);
    bz.next_out = out->data() + produced;
    bz.avail_out = static_cast<unsigned int>(room);
    const int rc = BZ2_bzDecompress(&bz);
    produced += room - bz.avail_out;
    if (rc == BZ_STREAM_END) break;
    if (rc != BZ_OK) {
      st = Corrupt(Codec::kBzip2, "bad compressed data (code " + std::to_string(rc) + ")");
      break;
    }
    if (bz.avail_out == 0) {
      if (!Grow(out, max_size)) {
        st = TooLarge(Codec::kBzip2, max_size);
        break;
      }
    } else if (bz.avail_in == 0) {
      st = Corrupt(Codec::kBzip2, "truncated stream");
      break;
    }
  }
  BZ2_bzDecompressEnd(&bz);
  out->resize(produced);
  return st;
}

Status Xz(const uint8_t* in, int64_t in_len, std::string* out, int64_t max_size) {
  lzma_stream xs = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&xs, UINT64_MAX, 0) != LZMA_OK) {
    return Status::IO("xz initialisation failed");
  }
  xs.next_in = in;
  xs.avail_in = static_cast<size_t>(in_len);
  out->resize(static_cast<size_t>(InitialSize(in_len, max_size)));
  size_t produced = 0;
  Status st;
  while (true) {
    const size_t room = out->size() - produced;
    xs.next_out = reinterpret_cast<uint8_t*>(out->data() + produced);
    xs.avail_out = room;
    const lzma_ret rc = lzma_code(&xs, LZMA_FINISH);
    produced += room - xs.avail_out;
    if (rc == LZMA_STREAM_END) break;
    if (rc == LZMA_OK || rc == LZMA_BUF_ERROR) {
      if (xs.avail_out == 0) {
        if (!Grow(out, max_size)) {
          st = TooLarge(Codec::kXz, max_size);
          break;
        }
        continue;
      }
      st = Corrupt(Codec::kXz, "truncated stream");
      break;
    }
    st = Corrupt(Codec::kXz, "bad compressed data (code " + std::to_string(rc) + ")");
    break;
  }
  lzma_end(&xs);
  out->resize(produced);
  return st;
}

Status Zstd(const uint8_t* in, int64_t in_len, std::string* out, int64_t max_size) {
  ZSTD_DStream* zs = ZSTD_createDStream();
  if (!zs) return Status::IO("zstd initialisation failed");
  ZSTD_inBuffer ib{in, static_cast<size_t>(in_len), 0};
  out->resize(static_cast<size_t>(InitialSize(in_len, max_size)));
  size_t produced = 0;
  Status st;
  while (true) {
    ZSTD_outBuffer ob{out->data(), out->size(), produced};
    const size_t rc = ZSTD_decompressStream(zs, &ob, &ib);
    produced = ob.pos;
    if (ZSTD_isError(rc)) {
      st = Corrupt(Codec::kZstandard, ZSTD_getErrorName(rc));
      break;
    }
    if (rc == 0 && ib.pos == ib.size) break;  // frame(s) complete, input used up
    if (ob.pos == ob.size) {
      if (!Grow(out, max_size)) {
        st = TooLarge(Codec::kZstandard, max_size);
        break;
      }
      continue;
    }
    if (ib.pos == ib.size) {
      st = Corrupt(Codec::kZstandard, "truncated stream");
      break;
    }
  }
  ZSTD_freeDStream(zs);
  out->resize(produced);
  return st;
}

}  // namespace

Result<Codec> CodecFromName(std::string_view name) {
  if (name.empty() || name == "null") return Codec::kNull;
  if (name == "deflate") return Codec::kDeflate;
  if (name == "snappy") return Codec::kSnappy;
  if (name == "bzip2") return Codec::kBzip2;
  if (name == "xz") return Codec::kXz;
  if (name == "zstandard") return Codec::kZstandard;
  return Status::NotImplemented("Avro codec \"" + std::string(name) + "\"");
}

const char* CodecName(Codec codec) {
  switch (codec) {
    case Codec::kNull: return "null";
    case Codec::kDeflate: return "deflate";
    case Codec::kSnappy: return "snappy";
    case Codec::kBzip2: return "bzip2";
    case Codec::kXz: return "xz";
    case Codec::kZstandard: return "zstandard";
  }
  return "?";
}

Status DecompressBlock(Codec codec, const uint8_t* in, int64_t in_len, std::string* out,
                       int64_t max_size) {
  switch (codec) {
    case Codec::kNull:
      if (in_len > max_size) return TooLarge(codec, max_size);
      out->assign(reinterpret_cast<const char*>(in), static_cast<size_t>(in_len));
      return Status::OK();
    case Codec::kDeflate: return Inflate(in, in_len, out, max_size);
    case Codec::kSnappy: return Snappy(in, in_len, out, max_size);
    case Codec::kBzip2: return Bzip2(in, in_len, out, max_size);
    case Codec::kXz: return Xz(in, in_len, out, max_size);
    case Codec::kZstandard: return Zstd(in, in_len, out, max_size);
  }
  return Status::Internal("unknown Avro codec");
}

Result<std::string> CompressBlock(Codec codec, const uint8_t* in, int64_t in_len) {
  const char* src = reinterpret_cast<const char*>(in);
  switch (codec) {
    case Codec::kNull: return std::string(src, static_cast<size_t>(in_len));
    case Codec::kDeflate: {
      z_stream zs{};
      if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
          Z_OK) {
        return Status::IO("zlib initialisation failed");
      }
      std::string out(deflateBound(&zs, static_cast<uLong>(in_len)), '\0');
      zs.next_in = const_cast<Bytef*>(in);
      zs.avail_in = static_cast<uInt>(in_len);
      zs.next_out = reinterpret_cast<Bytef*>(out.data());
      zs.avail_out = static_cast<uInt>(out.size());
      const int rc = deflate(&zs, Z_FINISH);
      out.resize(zs.total_out);
      deflateEnd(&zs);
      if (rc != Z_STREAM_END) return Status::IO("deflate failed");
      return out;
    }
    case Codec::kSnappy: {
      size_t n = snappy_max_compressed_length(static_cast<size_t>(in_len));
      std::string out(n + 4, '\0');
      if (snappy_compress(src, static_cast<size_t>(in_len), out.data(), &n) != SNAPPY_OK) {
        return Status::IO("snappy compression failed");
      }
      const uint32_t crc = static_cast<uint32_t>(crc32(0, in, static_cast<uInt>(in_len)));
      out.resize(n);
      for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(crc >> shift));
      return out;
    }
    case Codec::kZstandard: {
      std::string out(ZSTD_compressBound(static_cast<size_t>(in_len)), '\0');
      const size_t n = ZSTD_compress(out.data(), out.size(), in, static_cast<size_t>(in_len), 3);
      if (ZSTD_isError(n)) return Status::IO(ZSTD_getErrorName(n));
      out.resize(n);
      return out;
    }
    default:
      return Status::NotImplemented(std::string("writing Avro with codec ") + CodecName(codec));
  }
}

}  // namespace quiver::avro
