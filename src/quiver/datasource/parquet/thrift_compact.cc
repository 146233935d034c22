#include "quiver/datasource/parquet/thrift_compact.h"

#include <cstring>

namespace quiver::parquet::thrift {

namespace {

Status Corrupt(const char* what) {
  return Status::IO(std::string("corrupt Parquet metadata (thrift): ") + what);
}

int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

bool ValidType(uint8_t t) { return t <= static_cast<uint8_t>(CType::kStruct); }

}  // namespace

Status CompactReader::ReadVarint(uint64_t* out) {
  uint64_t result = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (pos_ >= end_) return Corrupt("truncated varint");
    uint8_t b = *pos_++;
    result |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      *out = result;
      return Status::OK();
    }
  }
  return Corrupt("varint too long");
}

Status CompactReader::BeginStruct() {
  if (static_cast<int>(id_stack_.size()) >= kMaxDepth) return Corrupt("nesting too deep");
  id_stack_.push_back(last_field_id_);
  last_field_id_ = 0;
  return Status::OK();
}

Status CompactReader::EndStruct() {
  if (id_stack_.empty()) return Corrupt("unbalanced struct");
  last_field_id_ = id_stack_.back();
  id_stack_.pop_back();
  return Status::OK();
}

Status CompactReader::ReadFieldHeader(FieldHeader* out) {
  if (pos_ >= end_) return Corrupt("truncated struct");
  uint8_t b = *pos_++;
  uint8_t type = b & 0x0F;
  if (type == 0) {
    out->type = CType::kStop;
    out->id = 0;
    return Status::OK();
  }
  if (!ValidType(type)) return Corrupt("invalid field type");
  uint8_t delta = b >> 4;
  if (delta != 0) {
    out->id = static_cast<int16_t>(last_field_id_ + delta);
  } else {
    int16_t id;
    QUIVER_RETURN_NOT_OK(ReadI16(&id));
    out->id = id;
  }
  last_field_id_ = out->id;
  out->type = static_cast<CType>(type);
  if (out->type == CType::kTrue || out->type == CType::kFalse) {
    out->bool_value = out->type == CType::kTrue;
  }
  return Status::OK();
}

Status CompactReader::ReadListHeader(ListHeader* out) {
  if (pos_ >= end_) return Corrupt("truncated list header");
  uint8_t b = *pos_++;
  uint8_t type = b & 0x0F;
  if (!ValidType(type) || type == 0) return Corrupt("invalid list element type");
  uint64_t size = b >> 4;
  if (size == 15) {
    QUIVER_RETURN_NOT_OK(ReadVarint(&size));
  }
  // Every element takes at least one byte, except booleans packed... which
  // also take one byte in a list; so a list cannot exceed the bytes left.
  if (size > static_cast<uint64_t>(end_ - pos_)) return Corrupt("list size exceeds input");
  out->elem_type = static_cast<CType>(type);
  out->size = static_cast<int32_t>(size);
  return Status::OK();
}

Status CompactReader::ReadBool(bool* out) {
  if (pos_ >= end_) return Corrupt("truncated bool");
  *out = (*pos_++ == 1);
  return Status::OK();
}

Status CompactReader::ReadI8(int8_t* out) {
  if (pos_ >= end_) return Corrupt("truncated byte");
  *out = static_cast<int8_t>(*pos_++);
  return Status::OK();
}

Status CompactReader::ReadI16(int16_t* out) {
  uint64_t v;
  QUIVER_RETURN_NOT_OK(ReadVarint(&v));
  int64_t s = UnZigZag(v);
  if (s < INT16_MIN || s > INT16_MAX) return Corrupt("i16 out of range");
  *out = static_cast<int16_t>(s);
  return Status::OK();
}

Status CompactReader::ReadI32(int32_t* out) {
  uint64_t v;
  QUIVER_RETURN_NOT_OK(ReadVarint(&v));
  int64_t s = UnZigZag(v);
  if (s < INT32_MIN || s > INT32_MAX) return Corrupt("i32 out of range");
  *out = static_cast<int32_t>(s);
  return Status::OK();
}

Status CompactReader::ReadI64(int64_t* out) {
  uint64_t v;
  QUIVER_RETURN_NOT_OK(ReadVarint(&v));
  *out = UnZigZag(v);
  return Status::OK();
}

Status CompactReader::ReadDouble(double* out) {
  if (end_ - pos_ < 8) return Corrupt("truncated double");
  std::memcpy(out, pos_, 8);
  pos_ += 8;
  return Status::OK();
}

Status CompactReader::ReadBinary(std::string* out) {
  uint64_t len;
  QUIVER_RETURN_NOT_OK(ReadVarint(&len));
  if (len > static_cast<uint64_t>(end_ - pos_)) return Corrupt("binary length exceeds input");
  out->assign(reinterpret_cast<const char*>(pos_), len);
  pos_ += len;
  return Status::OK();
}

Status CompactReader::Skip(CType type) { return SkipDepth(type, 0); }

Status CompactReader::SkipDepth(CType type, int depth) {
  if (depth > kMaxDepth) return Corrupt("nesting too deep");
  switch (type) {
    case CType::kTrue:
    case CType::kFalse: return Status::OK();  // value lives in the field header
    case CType::kByte: {
      int8_t v;
      return ReadI8(&v);
    }
    case CType::kI16:
    case CType::kI32:
    case CType::kI64: {
      uint64_t v;
      return ReadVarint(&v);
    }
    case CType::kDouble: {
      double d;
      return ReadDouble(&d);
    }
    case CType::kBinary: {
      uint64_t len;
      QUIVER_RETURN_NOT_OK(ReadVarint(&len));
      if (len > static_cast<uint64_t>(end_ - pos_)) return Corrupt("binary length exceeds input");
      pos_ += len;
      return Status::OK();
    }
    case CType::kList:
    case CType::kSet: {
      ListHeader h;
      QUIVER_RETURN_NOT_OK(ReadListHeader(&h));
      for (int32_t i = 0; i < h.size; ++i) {
        if (h.elem_type == CType::kTrue || h.elem_type == CType::kFalse) {
          bool b;
          QUIVER_RETURN_NOT_OK(ReadBool(&b));
        } else {
          QUIVER_RETURN_NOT_OK(SkipDepth(h.elem_type, depth + 1));
        }
      }
      return Status::OK();
    }
    case CType::kMap: {
      uint64_t size;
      QUIVER_RETURN_NOT_OK(ReadVarint(&size));
      if (size == 0) return Status::OK();
      if (size > static_cast<uint64_t>(end_ - pos_)) return Corrupt("map size exceeds input");
      if (pos_ >= end_) return Corrupt("truncated map header");
      uint8_t kv = *pos_++;
      auto kt = static_cast<CType>(kv >> 4), vt = static_cast<CType>(kv & 0x0F);
      if (!ValidType(kv >> 4) || !ValidType(kv & 0x0F)) return Corrupt("invalid map types");
      for (uint64_t i = 0; i < size; ++i) {
        for (CType t : {kt, vt}) {
          if (t == CType::kTrue || t == CType::kFalse) {
            bool b;
            QUIVER_RETURN_NOT_OK(ReadBool(&b));
          } else {
            QUIVER_RETURN_NOT_OK(SkipDepth(t, depth + 1));
          }
        }
      }
      return Status::OK();
    }
    case CType::kStruct: {
      QUIVER_RETURN_NOT_OK(BeginStruct());
      while (true) {
        FieldHeader fh;
        QUIVER_RETURN_NOT_OK(ReadFieldHeader(&fh));
        if (fh.type == CType::kStop) break;
        QUIVER_RETURN_NOT_OK(SkipDepth(fh.type, depth + 1));
      }
      return EndStruct();
    }
    case CType::kStop: break;
  }
  return Corrupt("cannot skip invalid type");
}

// ---------------------------------------------------------------- writer

void CompactWriter::WriteVarint(uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void CompactWriter::BeginStruct() {
  id_stack_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void CompactWriter::EndStruct() {
  out_.push_back(0);
  last_field_id_ = id_stack_.empty() ? 0 : id_stack_.back();
  if (!id_stack_.empty()) id_stack_.pop_back();
}

void CompactWriter::WriteFieldHeader(int16_t id, CType type) {
  int delta = id - last_field_id_;
  if (delta > 0 && delta <= 15) {
    out_.push_back(static_cast<char>((delta << 4) | static_cast<uint8_t>(type)));
  } else {
    out_.push_back(static_cast<char>(static_cast<uint8_t>(type)));
    WriteI16(id);
  }
  last_field_id_ = id;
}

void CompactWriter::WriteBoolField(int16_t id, bool v) {
  WriteFieldHeader(id, v ? CType::kTrue : CType::kFalse);
}

void CompactWriter::WriteListHeader(CType elem_type, int32_t size) {
  if (size < 15) {
    out_.push_back(static_cast<char>((size << 4) | static_cast<uint8_t>(elem_type)));
  } else {
    out_.push_back(static_cast<char>(0xF0 | static_cast<uint8_t>(elem_type)));
    WriteVarint(static_cast<uint64_t>(size));
  }
}

void CompactWriter::WriteBool(bool v) { out_.push_back(v ? 1 : 2); }

void CompactWriter::WriteI8(int8_t v) { out_.push_back(static_cast<char>(v)); }

void CompactWriter::WriteDouble(double v) {
  char buf[8];
  std::memcpy(buf, &v, 8);
  out_.append(buf, 8);
}

void CompactWriter::WriteBinary(const std::string& v) {
  WriteVarint(v.size());
  out_.append(v);
}

}  // namespace quiver::parquet::thrift
