#include "quiver/datasource/json/json_writer.h"

#include <charconv>
#include <cmath>

#include "quiver/arrow/decimal.h"
#include "quiver/arrow/float16.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/datasource/json/compressed_file.h"

namespace quiver::json {

namespace {

void AppendEscaped(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void AppendFloat(double v, std::string* out) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  double m = std::fabs(v);
  if (m != 0 && (m < 1e-7 || m >= 1e16)) {
    // Plain notation would be long: shortest round-trip exponent form.
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof(buf), v);
    out->append(buf, r.ptr);
    return;
  }
  AppendDouble(v, out);
}

void AppendJsonValue(const Array& a, int64_t i, std::string* out);

// The members of struct row i, skipping null members.
void AppendObject(const StructArray& s, int64_t i, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (int f = 0; f < s.num_fields(); ++f) {
    ArrayPtr child = s.field(f);
    if (child->IsNull(i)) continue;
    if (!first) out->push_back(',');
    first = false;
    AppendEscaped(s.type()->field(f)->name(), out);
    out->push_back(':');
    AppendJsonValue(*child, i, out);
  }
  out->push_back('}');
}

void AppendList(const Array& values, int64_t begin, int64_t end, std::string* out) {
  out->push_back('[');
  for (int64_t j = begin; j < end; ++j) {
    if (j > begin) out->push_back(',');
    AppendJsonValue(values, j, out);
  }
  out->push_back(']');
}

void AppendJsonValue(const Array& a, int64_t i, std::string* out) {
  if (a.IsNull(i)) {
    out->append("null");
    return;
  }
  switch (a.type_id()) {
    case TypeId::kNull: out->append("null"); return;
    // Booleans and integers are written as Arrow displays them.
    case TypeId::kBoolean:
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: AppendValue(a, i, out); return;
    case TypeId::kFloat16:
      AppendFloat(HalfToFloat(static_cast<const PrimitiveArray<uint16_t>&>(a).Value(i)), out);
      return;
    case TypeId::kFloat32: AppendFloat(static_cast<const Float32Array&>(a).Value(i), out); return;
    case TypeId::kFloat64: AppendFloat(static_cast<const Float64Array&>(a).Value(i), out); return;
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      AppendValue(a, i, out);  // a JSON number, like arrow-json
      return;
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View: AppendEscaped(GetBinaryView(a, i), out); return;
    case TypeId::kBinary:
    case TypeId::kLargeBinary:
    case TypeId::kBinaryView:
    case TypeId::kFixedSizeBinary: {
      static const char kHex[] = "0123456789abcdef";
      std::string_view v = GetBinaryView(a, i);
      out->push_back('"');
      for (char c : v) {
        out->push_back(kHex[static_cast<unsigned char>(c) >> 4]);
        out->push_back(kHex[static_cast<unsigned char>(c) & 15]);
      }
      out->push_back('"');
      return;
    }
    case TypeId::kList: {
      const auto& l = static_cast<const ListArray&>(a);
      AppendList(*l.values(), l.value_offset(i), l.value_offset(i + 1), out);
      return;
    }
    case TypeId::kLargeList: {
      const auto& l = static_cast<const LargeListArray&>(a);
      AppendList(*l.values(), l.value_offset(i), l.value_offset(i + 1), out);
      return;
    }
    case TypeId::kFixedSizeList: {
      const auto& l = static_cast<const FixedSizeListArray&>(a);
      AppendList(*l.values(), l.value_offset(i), l.value_offset(i) + l.list_size(), out);
      return;
    }
    case TypeId::kStruct: AppendObject(static_cast<const StructArray&>(a), i, out); return;
    case TypeId::kMap: {
      const auto& m = static_cast<const MapArray&>(a);
      ArrayPtr keys = m.keys(), items = m.items();
      out->push_back('{');
      for (int64_t j = m.value_offset(i); j < m.value_offset(i + 1); ++j) {
        if (j > m.value_offset(i)) out->push_back(',');
        if (keys->type()->is_string()) {
          AppendEscaped(GetBinaryView(*keys, j), out);
        } else {
          AppendEscaped(FormatValue(*keys, j), out);
        }
        out->push_back(':');
        AppendJsonValue(*items, j, out);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kDictionary: {
      const auto& d = static_cast<const DictionaryArray&>(a);
      ArrayPtr dict = d.dictionary();
      AppendJsonValue(*dict, d.GetValueIndex(i), out);
      return;
    }
    default: {
      // Dates, times, timestamps, durations, intervals: quoted display form.
      std::string text;
      AppendValue(a, i, &text);
      AppendEscaped(text, out);
      return;
    }
  }
}

}  // namespace

void AppendJsonLines(const RecordBatch& batch, std::string* out) {
  const auto& fields = batch.schema()->fields();
  std::vector<std::string> keys;
  for (const auto& f : fields) {
    std::string k;
    AppendEscaped(f->name(), &k);
    keys.push_back(k + ":");
  }
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    out->push_back('{');
    bool first = true;
    for (int c = 0; c < batch.num_columns(); ++c) {
      const Array& col = *batch.column(c);
      if (col.IsNull(r)) continue;
      if (!first) out->push_back(',');
      first = false;
      out->append(keys[static_cast<size_t>(c)]);
      AppendJsonValue(col, r, out);
    }
    out->append("}\n");
  }
}

Status WriteJsonFile(const std::string& path, const std::vector<RecordBatchPtr>& batches,
                     const JsonWriteOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(auto file,
                         internal::CompressedFileWriter::Open(path, options.compression));
  std::string buf;
  for (const auto& b : batches) {
    // Write in slices so that the text buffer stays small.
    for (int64_t off = 0; off < b->num_rows(); off += 4096) {
      buf.clear();
      AppendJsonLines(*b->Slice(off, std::min<int64_t>(4096, b->num_rows() - off)), &buf);
      QUIVER_RETURN_NOT_OK(file->Write(buf));
    }
  }
  return file->Commit();
}

}  // namespace quiver::json
