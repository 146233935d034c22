// Avro binary encoding primitives over a bounds-checked byte cursor: zig-zag
// varints, little-endian floats, length-prefixed bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "quiver/arrow/status.h"

namespace quiver::avro {

class Cursor {
 public:
  Cursor(const uint8_t* data, int64_t size) : begin_(data), p_(data), end_(data + size) {}

  int64_t remaining() const { return end_ - p_; }
  int64_t position() const { return p_ - begin_; }
  bool at_end() const { return p_ == end_; }

  /// A zig-zag varint of at most 10 bytes.
  Status ReadLong(int64_t* out) {
    if (end_ - p_ >= 10) {
      // Fast path: the whole varint is in bounds.
      uint64_t v = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        const uint8_t b = *p_++;
        v |= static_cast<uint64_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) {
          *out = static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
          return Status::OK();
        }
      }
      p_ -= 9;  // re-read the rare 10-byte case with full checks
    }
    return ReadLongChecked(out);
  }
  /// Moves past a varint without decoding it.
  Status SkipVarint() {
    const uint8_t* limit = end_ - p_ > 10 ? p_ + 10 : end_;
    for (const uint8_t* q = p_; q < limit; ++q) {
      if (!(*q & 0x80)) {
        p_ = q + 1;
        return Status::OK();
      }
    }
    return limit == end_ && end_ - p_ < 10 ? Truncated() : Error("varint longer than 10 bytes");
  }
  Status ReadLongChecked(int64_t* out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (p_ == end_) return Truncated();
      const uint8_t b = *p_++;
      if (shift == 63 && b > 1) return Error("varint overflows 64 bits");
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) {
        *out = static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
        return Status::OK();
      }
    }
    return Error("varint longer than 10 bytes");
  }
  /// An int: a varint that must fit 32 bits.
  Status ReadInt(int32_t* out) {
    int64_t v{};
    QUIVER_RETURN_NOT_OK(ReadLong(&v));
    if (v < INT32_MIN || v > INT32_MAX) return Error("int value out of 32-bit range");
    *out = static_cast<int32_t>(v);
    return Status::OK();
  }
  Status ReadBool(bool* out) {
    if (p_ == end_) return Truncated();
    if (*p_ > 1) return Error("boolean byte is neither 0 nor 1");
    *out = *p_++ != 0;
    return Status::OK();
  }
  template <typename T>
  Status ReadFixedWidth(T* out) {
    if (remaining() < static_cast<int64_t>(sizeof(T))) return Truncated();
    std::memcpy(out, p_, sizeof(T));  // Avro and the host are little-endian
    p_ += sizeof(T);
    return Status::OK();
  }
  /// `n` raw bytes.
  Status ReadFixed(int64_t n, std::string_view* out) {
    if (n < 0 || remaining() < n) return Truncated();
    *out = std::string_view(reinterpret_cast<const char*>(p_), static_cast<size_t>(n));
    p_ += n;
    return Status::OK();
  }
  /// A long length followed by that many bytes.
  Status ReadBytes(std::string_view* out) {
    int64_t n{};
    QUIVER_RETURN_NOT_OK(ReadLong(&n));
    if (n < 0) return Error("negative length " + std::to_string(n));
    return ReadFixed(n, out);
  }
  Status Skip(int64_t n) {
    if (n < 0 || remaining() < n) return Truncated();
    p_ += n;
    return Status::OK();
  }

  Status Error(const std::string& what) const {
    return Status::IO("corrupt Avro data at byte " + std::to_string(position()) + ": " + what);
  }
  Status Truncated() const { return Error("unexpected end of data"); }

 private:
  const uint8_t* begin_;
  const uint8_t* p_;
  const uint8_t* end_;
};

}  // namespace quiver::avro
