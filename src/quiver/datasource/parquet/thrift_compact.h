// Thrift compact protocol, the wire format of every Parquet metadata struct.
//
// The reader is a bounded cursor over a byte span: every read checks the
// remaining length, nesting depth is limited, and list sizes are checked
// against the bytes left, so corrupt input yields an error instead of a crash
// or a huge allocation. The writer appends to a std::string.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver::parquet::thrift {

/// Compact protocol element type codes (the low nibble of a field header).
enum class CType : uint8_t {
  kStop = 0,
  kTrue = 1,
  kFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

/// One field header inside a struct. `type == kStop` marks the end.
struct FieldHeader {
  int16_t id = 0;
  CType type = CType::kStop;
  /// Booleans carry their value in the header; this is it.
  bool bool_value = false;
};

struct ListHeader {
  CType elem_type = CType::kStop;
  int32_t size = 0;
};

class CompactReader {
 public:
  static constexpr int kMaxDepth = 64;

  CompactReader(const uint8_t* data, int64_t size) : pos_(data), end_(data + size), begin_(data) {}

  /// Bytes consumed so far.
  int64_t position() const { return pos_ - begin_; }

  /// Struct framing: pushes / pops the last-field-id context.
  Status BeginStruct();
  Status EndStruct();
  /// Reads the next field header; returns kStop at the end of the struct.
  Status ReadFieldHeader(FieldHeader* out);

  Status ReadListHeader(ListHeader* out);
  Status ReadBool(bool* out);  // a list element (struct fields use FieldHeader)
  Status ReadI8(int8_t* out);
  Status ReadI16(int16_t* out);
  Status ReadI32(int32_t* out);
  Status ReadI64(int64_t* out);
  Status ReadDouble(double* out);
  Status ReadBinary(std::string* out);

  /// Skips one value of the given type (recursively, depth bounded).
  Status Skip(CType type);

  Status ReadVarint(uint64_t* out);

 private:
  Status SkipDepth(CType type, int depth);

  const uint8_t* pos_;
  const uint8_t* end_;
  const uint8_t* begin_;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> id_stack_;
};

class CompactWriter {
 public:
  void BeginStruct();
  void EndStruct();  // writes the stop byte
  void WriteFieldHeader(int16_t id, CType type);
  void WriteBoolField(int16_t id, bool v);
  void WriteListHeader(CType elem_type, int32_t size);
  void WriteBool(bool v);  // list element
  void WriteI8(int8_t v);
  void WriteI16(int16_t v) { WriteVarint(ZigZag(v)); }
  void WriteI32(int32_t v) { WriteVarint(ZigZag(v)); }
  void WriteI64(int64_t v) { WriteVarint(ZigZag(v)); }
  void WriteDouble(double v);
  void WriteBinary(const std::string& v);
  void WriteVarint(uint64_t v);

  /// Field helpers: header then value.
  void FieldI32(int16_t id, int32_t v) {
    WriteFieldHeader(id, CType::kI32);
    WriteI32(v);
  }
  void FieldI64(int16_t id, int64_t v) {
    WriteFieldHeader(id, CType::kI64);
    WriteI64(v);
  }
  void FieldBinary(int16_t id, const std::string& v) {
    WriteFieldHeader(id, CType::kBinary);
    WriteBinary(v);
  }

  const std::string& data() const { return out_; }
  std::string Finish() { return std::move(out_); }

  static uint64_t ZigZag(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  }

 private:
  std::string out_;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> id_stack_;
};

}  // namespace quiver::parquet::thrift
