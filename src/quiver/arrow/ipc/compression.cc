#include "quiver/arrow/ipc/compression.h"

#include <lz4frame.h>
#include <zstd.h>

#include <string>

namespace quiver::ipc {

namespace {
// Fast levels: IPC compression serves spilling and interchange, not archives.
constexpr int kZstdLevel = 1;
}  // namespace

Result<BufferPtr> Compress(Compression codec, const uint8_t* data, int64_t size) {
  switch (codec) {
    case Compression::kZstd: {
      size_t bound = ZSTD_compressBound(static_cast<size_t>(size));
      QUIVER_ASSIGN_OR_RAISE(auto out, AllocateBuffer(static_cast<int64_t>(bound)));
      size_t n =
          ZSTD_compress(out->mutable_data(), bound, data, static_cast<size_t>(size), kZstdLevel);
      if (ZSTD_isError(n)) return Status::IO(std::string("zstd: ") + ZSTD_getErrorName(n));
      QUIVER_RETURN_NOT_OK(out->Resize(static_cast<int64_t>(n), false));
      return out;
    }
    case Compression::kLz4Frame: {
      LZ4F_preferences_t prefs{};
      prefs.frameInfo.contentSize = static_cast<unsigned long long>(size);
      size_t bound = LZ4F_compressFrameBound(static_cast<size_t>(size), &prefs);
      QUIVER_ASSIGN_OR_RAISE(auto out, AllocateBuffer(static_cast<int64_t>(bound)));
      size_t n =
          LZ4F_compressFrame(out->mutable_data(), bound, data, static_cast<size_t>(size), &prefs);
      if (LZ4F_isError(n)) return Status::IO(std::string("lz4: ") + LZ4F_getErrorName(n));
      QUIVER_RETURN_NOT_OK(out->Resize(static_cast<int64_t>(n), false));
      return out;
    }
    case Compression::kNone: break;
  }
  return Status::Internal("no codec to compress with");
}

Result<BufferPtr> Decompress(Compression codec, const uint8_t* data, int64_t size,
                             int64_t decompressed_size) {
  QUIVER_ASSIGN_OR_RAISE(auto out, AllocateBuffer(decompressed_size));
  auto mismatch = [&](int64_t got) {
    return Status::IO("IPC body buffer decompressed to " + std::to_string(got) +
                      " bytes, expected " + std::to_string(decompressed_size));
  };
  switch (codec) {
    case Compression::kZstd: {
      size_t n = ZSTD_decompress(out->mutable_data(), static_cast<size_t>(decompressed_size), data,
                                 static_cast<size_t>(size));
      if (ZSTD_isError(n)) return Status::IO(std::string("zstd: ") + ZSTD_getErrorName(n));
      if (static_cast<int64_t>(n) != decompressed_size) return mismatch(static_cast<int64_t>(n));
      return out;
    }
    case Compression::kLz4Frame: {
      LZ4F_dctx* ctx = nullptr;
      if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx, LZ4F_VERSION))) {
        return Status::IO("lz4: cannot create a decompression context");
      }
      int64_t written = 0;
      size_t consumed_total = 0;
      Status st;
      while (true) {
        size_t dst_size = static_cast<size_t>(decompressed_size - written);
        size_t src_size = static_cast<size_t>(size) - consumed_total;
        size_t rc = LZ4F_decompress(ctx, out->mutable_data() + written, &dst_size,
                                    data + consumed_total, &src_size, nullptr);
        if (LZ4F_isError(rc)) {
          st = Status::IO(std::string("lz4: ") + LZ4F_getErrorName(rc));
          break;
        }
        written += static_cast<int64_t>(dst_size);
        consumed_total += src_size;
        if (rc == 0) break;  // frame complete
        if (consumed_total >= static_cast<size_t>(size) || (dst_size == 0 && src_size == 0)) {
          st = Status::IO("lz4: truncated frame");
          break;
        }
      }
      LZ4F_freeDecompressionContext(ctx);
      QUIVER_RETURN_NOT_OK(st);
      if (written != decompressed_size) return mismatch(written);
      return out;
    }
    case Compression::kNone: break;
  }
  return Status::Internal("no codec to decompress with");
}

}  // namespace quiver::ipc
