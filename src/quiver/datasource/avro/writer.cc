#include "quiver/datasource/avro/writer.h"

#include <chrono>
#include <cstring>
#include <random>

#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/decimal.h"
#include "quiver/common/json.h"

namespace quiver::avro {

namespace {

void PutLong(int64_t v, std::string* out) {
  uint64_t z = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  while (z >= 0x80) {
    out->push_back(static_cast<char>((z & 0x7F) | 0x80));
    z >>= 7;
  }
  out->push_back(static_cast<char>(z));
}

void PutBytes(std::string_view v, std::string* out) {
  PutLong(static_cast<int64_t>(v.size()), out);
  out->append(v);
}

// The type a leaf is written as (the encoders below handle only these).
DataTypePtr WritableLeaf(const DataTypePtr& t) {
  switch (t->id()) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kUInt8:
    case TypeId::kUInt16: return int32();
    case TypeId::kUInt32:
    case TypeId::kUInt64: return int64();
    case TypeId::kFloat16: return float32();
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View: return utf8();
    case TypeId::kLargeBinary:
    case TypeId::kBinaryView: return binary();
    case TypeId::kDate64: return date32();
    case TypeId::kTime32: return time32(TimeUnit::kMillisecond);
    case TypeId::kTime64: return time64(TimeUnit::kMicrosecond);
    case TypeId::kTimestamp:
      if (t->unit() == TimeUnit::kSecond) return timestamp(TimeUnit::kMillisecond, t->timezone());
      return t;
    case TypeId::kDictionary: return WritableLeaf(t->value_type());
    default: return t;
  }
}

class SchemaWriter {
 public:
  Result<json::Value> Type(const DataTypePtr& type, bool nullable) {
    QUIVER_ASSIGN_OR_RAISE(json::Value t, NonNull(type));
    if (!nullable || type->id() == TypeId::kNull) return t;
    return json::Value::Array({json::Value::String("null"), std::move(t)});
  }

  Result<json::Value> Record(const std::string& name, const std::vector<FieldPtr>& fields) {
    std::vector<json::Value> out;
    for (const auto& f : fields) {
      QUIVER_ASSIGN_OR_RAISE(json::Value t, Type(f->type(), f->nullable()));
      out.push_back(Object({{"name", json::Value::String(f->name())}, {"type", std::move(t)}}));
    }
    return Object({{"type", json::Value::String("record")},
                   {"name", json::Value::String(name)},
                   {"fields", json::Value::Array(std::move(out))}});
  }

 private:
  static json::Value Object(std::vector<std::pair<std::string, json::Value>> m) {
    return json::Value::Object(std::move(m));
  }
  static json::Value Int(int64_t v) { return json::Value::Number(0, std::to_string(v)); }
  static json::Value Logical(const char* base, const char* logical) {
    return Object(
        {{"type", json::Value::String(base)}, {"logicalType", json::Value::String(logical)}});
  }
  std::string NextName(const char* prefix) { return prefix + std::to_string(++names_); }

  Result<json::Value> NonNull(const DataTypePtr& in) {
    const DataTypePtr t = in->is_nested() ? in : WritableLeaf(in);
    const bool ms = t->unit() == TimeUnit::kMillisecond;
    const bool us = t->unit() == TimeUnit::kMicrosecond;
    switch (t->id()) {
      case TypeId::kNull: return json::Value::String("null");
      case TypeId::kBoolean: return json::Value::String("boolean");
      case TypeId::kInt32: return json::Value::String("int");
      case TypeId::kInt64:
      case TypeId::kDuration: return json::Value::String("long");
      case TypeId::kFloat32: return json::Value::String("float");
      case TypeId::kFloat64: return json::Value::String("double");
      case TypeId::kUtf8: return json::Value::String("string");
      case TypeId::kBinary: return json::Value::String("bytes");
      case TypeId::kDate32: return Logical("int", "date");
      case TypeId::kTime32: return Logical("int", "time-millis");
      case TypeId::kTime64: return Logical("long", "time-micros");
      case TypeId::kTimestamp: {
        const bool local = t->timezone().empty();
        const char* name = ms   ? (local ? "local-timestamp-millis" : "timestamp-millis")
                           : us ? (local ? "local-timestamp-micros" : "timestamp-micros")
                                : (local ? "local-timestamp-nanos" : "timestamp-nanos");
        return Logical("long", name);
      }
      case TypeId::kFixedSizeBinary:
        return Object({{"type", json::Value::String("fixed")},
                       {"name", json::Value::String(NextName("fixed"))},
                       {"size", Int(t->byte_width())}});
      case TypeId::kDecimal128:
      case TypeId::kDecimal256:
        return Object({{"type", json::Value::String("bytes")},
                       {"logicalType", json::Value::String("decimal")},
                       {"precision", Int(t->precision())},
                       {"scale", Int(t->scale())}});
      case TypeId::kInterval:
        if (t->interval_unit() != IntervalUnit::kMonthDayNano) break;
        return Object({{"type", json::Value::String("fixed")},
                       {"name", json::Value::String(NextName("duration"))},
                       {"size", Int(12)},
                       {"logicalType", json::Value::String("duration")}});
      case TypeId::kList:
      case TypeId::kLargeList:
      case TypeId::kFixedSizeList: {
        QUIVER_ASSIGN_OR_RAISE(json::Value items,
                               Type(t->field(0)->type(), t->field(0)->nullable()));
        return Object({{"type", json::Value::String("array")}, {"items", std::move(items)}});
      }
      case TypeId::kMap: {
        const auto& entries = t->field(0)->type();
        if (!entries->field(0)->type()->is_string()) break;
        const FieldPtr& value = entries->field(1);
        QUIVER_ASSIGN_OR_RAISE(json::Value values, Type(value->type(), value->nullable()));
        return Object({{"type", json::Value::String("map")}, {"values", std::move(values)}});
      }
      case TypeId::kStruct: return Record(NextName("record"), t->fields());
      default: break;
    }
    return Status::NotImplemented("writing " + in->ToString() + " to Avro");
  }

  int names_ = 0;
};

// Appends the encoding of value i of one array.
class Encoder {
 public:
  virtual ~Encoder() = default;
  virtual Status Encode(int64_t i, std::string* out) = 0;
};

Result<std::unique_ptr<Encoder>> MakeEncoder(ArrayPtr array, bool nullable);

template <typename F>
class LeafEncoder : public Encoder {
 public:
  LeafEncoder(ArrayPtr array, F f) : array_(std::move(array)), f_(std::move(f)) {}
  Status Encode(int64_t i, std::string* out) override { return f_(*array_, i, out); }

 private:
  ArrayPtr array_;
  F f_;
};

template <typename F>
std::unique_ptr<Encoder> Leaf(ArrayPtr a, F f) {
  return std::make_unique<LeafEncoder<F>>(std::move(a), std::move(f));
}

// Two's complement big-endian bytes, without redundant sign bytes.
void PutDecimal(const uint64_t* words, int nwords, std::string* out) {
  std::string be;
  for (int w = nwords - 1; w >= 0; --w) {
    for (int b = 7; b >= 0; --b) be.push_back(static_cast<char>(words[w] >> (8 * b)));
  }
  size_t start = 0;
  while (start + 1 < be.size()) {
    const uint8_t lead = static_cast<uint8_t>(be[start]);
    const uint8_t next = static_cast<uint8_t>(be[start + 1]);
    if ((lead == 0x00 && !(next & 0x80)) || (lead == 0xFF && (next & 0x80))) {
      ++start;
    } else {
      break;
    }
  }
  PutBytes(std::string_view(be).substr(start), out);
}

class NullableEncoder : public Encoder {
 public:
  NullableEncoder(ArrayPtr array, std::unique_ptr<Encoder> inner)
      : array_(std::move(array)), inner_(std::move(inner)) {}
  Status Encode(int64_t i, std::string* out) override {
    if (array_->IsNull(i)) {
      PutLong(0, out);
      return Status::OK();
    }
    PutLong(1, out);
    return inner_->Encode(i, out);
  }

 private:
  ArrayPtr array_;
  std::unique_ptr<Encoder> inner_;
};

class ListEncoder : public Encoder {
 public:
  ListEncoder(ArrayPtr array, std::unique_ptr<Encoder> items)
      : array_(std::move(array)), items_(std::move(items)) {}
  Status Encode(int64_t i, std::string* out) override {
    int64_t begin = 0, n = 0;
    switch (array_->type()->id()) {
      case TypeId::kLargeList: {
        const auto& l = static_cast<const LargeListArray&>(*array_);
        begin = l.value_offset(i);
        n = l.value_length(i);
        break;
      }
      case TypeId::kFixedSizeList: {
        const auto& l = static_cast<const FixedSizeListArray&>(*array_);
        begin = l.value_offset(i);
        n = l.list_size();
        break;
      }
      default: {  // List and Map
        const auto& l = static_cast<const ListArray&>(*array_);
        begin = l.value_offset(i);
        n = l.value_length(i);
      }
    }
    if (n > 0) {
      PutLong(n, out);
      for (int64_t k = 0; k < n; ++k) QUIVER_RETURN_NOT_OK(items_->Encode(begin + k, out));
    }
    PutLong(0, out);
    return Status::OK();
  }

 private:
  ArrayPtr array_;
  std::unique_ptr<Encoder> items_;
};

// A map's entries: key then value, per child index.
class EntryEncoder : public Encoder {
 public:
  EntryEncoder(ArrayPtr keys, std::unique_ptr<Encoder> values)
      : keys_(std::move(keys)), values_(std::move(values)) {}
  Status Encode(int64_t i, std::string* out) override {
    if (keys_->IsNull(i)) return Status::Execution("a null map key cannot be written to Avro");
    PutBytes(GetBinaryView(*keys_, i), out);
    return values_->Encode(i, out);
  }

 private:
  ArrayPtr keys_;
  std::unique_ptr<Encoder> values_;
};

class StructEncoder : public Encoder {
 public:
  explicit StructEncoder(std::vector<std::unique_ptr<Encoder>> fields)
      : fields_(std::move(fields)) {}
  Status Encode(int64_t i, std::string* out) override {
    for (auto& f : fields_) QUIVER_RETURN_NOT_OK(f->Encode(i, out));
    return Status::OK();
  }

 private:
  std::vector<std::unique_ptr<Encoder>> fields_;
};

class NotNullEncoder : public Encoder {
 public:
  NotNullEncoder(ArrayPtr array, std::unique_ptr<Encoder> inner)
      : array_(std::move(array)), inner_(std::move(inner)) {}
  Status Encode(int64_t i, std::string* out) override {
    if (array_->IsNull(i)) return Status::Execution("null value in a non-nullable column");
    return inner_->Encode(i, out);
  }

 private:
  ArrayPtr array_;
  std::unique_ptr<Encoder> inner_;
};

Result<std::unique_ptr<Encoder>> MakeValueEncoder(ArrayPtr a) {
  using Ptr = std::unique_ptr<Encoder>;
  const DataTypePtr& t = a->type();
  switch (t->id()) {
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kFixedSizeList: {
      ArrayPtr values = MakeArray(a->data()->children[0]);
      QUIVER_ASSIGN_OR_RAISE(Ptr items, MakeEncoder(values, t->field(0)->nullable()));
      return Ptr(std::make_unique<ListEncoder>(std::move(a), std::move(items)));
    }
    case TypeId::kMap: {
      const auto& m = static_cast<const MapArray&>(*a);
      const FieldPtr& value_field = t->field(0)->type()->field(1);
      QUIVER_ASSIGN_OR_RAISE(Ptr values, MakeEncoder(m.items(), value_field->nullable()));
      Ptr entries = std::make_unique<EntryEncoder>(m.keys(), std::move(values));
      return Ptr(std::make_unique<ListEncoder>(std::move(a), std::move(entries)));
    }
    case TypeId::kStruct: {
      const auto& s = static_cast<const StructArray&>(*a);
      std::vector<Ptr> fields;
      for (int k = 0; k < s.num_fields(); ++k) {
        QUIVER_ASSIGN_OR_RAISE(Ptr f, MakeEncoder(s.field(k), t->field(k)->nullable()));
        fields.push_back(std::move(f));
      }
      return Ptr(std::make_unique<StructEncoder>(std::move(fields)));
    }
    default: break;
  }
  const DataTypePtr w = WritableLeaf(t);
  if (!w->Equals(*t)) {
    QUIVER_ASSIGN_OR_RAISE(a, compute::Cast(a, w));
  }
  switch (w->id()) {
    case TypeId::kNull:
      return Leaf(a, [](const Array&, int64_t, std::string*) { return Status::OK(); });
    case TypeId::kBoolean:
      return Leaf(a, [](const Array& x, int64_t i, std::string* out) {
        out->push_back(static_cast<const BooleanArray&>(x).Value(i) ? 1 : 0);
        return Status::OK();
      });
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32:
      return Leaf(a, [](const Array& x, int64_t i, std::string* out) {
        PutLong(static_cast<const Int32Array&>(x).Value(i), out);
        return Status::OK();
      });
    case TypeId::kInt64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
      return Leaf(a, [](const Array& x, int64_t i, std::string* out) {
        PutLong(static_cast<const Int64Array&>(x).Value(i), out);
        return Status::OK();
      });
    case TypeId::kFloat32:
      return Leaf(a, [](const Array& x, int64_t i, std::string* out) {
        const float v = static_cast<const Float32Array&>(x).Value(i);
        out->append(reinterpret_cast<const char*>(&v), sizeof v);
        return Status::OK();
      });
    case TypeId::kFloat64:
      return Leaf(a, [](const Array& x, int64_t i, std::string* out) {
        const double v = static_cast<const Float64Array&>(x).Value(i);
        out->append(reinterpret_cast<const char*>(&v), sizeof v);
        return Status::OK();
      });
    case TypeId::kUtf8:
    case TypeId::kBinary:
      return Leaf(a, [](const Array& x, int64_t i, std::string* out) {
        PutBytes(static_cast<const StringArray&>(x).GetView(i), out);
        return Status::OK();
      });
    case TypeId::kFixedSizeBinary:
      return Leaf(a, [](const Array& x, int64_t i, std::string* out) {
        out->append(static_cast<const FixedSizeBinaryArray&>(x).GetView(i));
        return Status::OK();
      });
    case TypeId::kDecimal128:
      return Leaf(a, [](const Array& x, int64_t i, std::string* out) {
        const Int128 v = static_cast<const Decimal128Array&>(x).Value(i);
        const uint64_t words[2] = {static_cast<uint64_t>(v),
                                   static_cast<uint64_t>(static_cast<unsigned __int128>(v) >> 64)};
        PutDecimal(words, 2, out);
        return Status::OK();
      });
    case TypeId::kDecimal256:
      return Leaf(a, [](const Array& x, int64_t i, std::string* out) {
        PutDecimal(static_cast<const Decimal256Array&>(x).Value(i).words, 4, out);
        return Status::OK();
      });
    case TypeId::kInterval:
      if (w->interval_unit() != IntervalUnit::kMonthDayNano) break;
      return Leaf(a, [](const Array& x, int64_t i, std::string* out) {
        const auto v = static_cast<const PrimitiveArray<IntervalMonthDayNano>&>(x).Value(i);
        if (v.months < 0 || v.days < 0 || v.nanoseconds < 0 || v.nanoseconds % 1000000 != 0 ||
            v.nanoseconds / 1000000 > UINT32_MAX) {
          return Status::Execution(
              "an Avro duration holds non-negative months, days and whole milliseconds");
        }
        const uint32_t parts[3] = {static_cast<uint32_t>(v.months), static_cast<uint32_t>(v.days),
                                   static_cast<uint32_t>(v.nanoseconds / 1000000)};
        out->append(reinterpret_cast<const char*>(parts), sizeof parts);
        return Status::OK();
      });
    default: break;
  }
  return Status::NotImplemented("writing " + t->ToString() + " to Avro");
}

Result<std::unique_ptr<Encoder>> MakeEncoder(ArrayPtr array, bool nullable) {
  const bool null_type = array->type()->id() == TypeId::kNull;
  QUIVER_ASSIGN_OR_RAISE(auto inner, MakeValueEncoder(array));
  if (null_type) return inner;
  if (nullable)
    return std::unique_ptr<Encoder>(std::make_unique<NullableEncoder>(array, std::move(inner)));
  if (array->null_count() == 0) return inner;
  return std::unique_ptr<Encoder>(std::make_unique<NotNullEncoder>(array, std::move(inner)));
}

std::string RandomSync() {
  std::random_device rd;
  std::mt19937_64 gen(
      rd() ^ static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::string s(16, '\0');
  for (int i = 0; i < 2; ++i) {
    const uint64_t v = gen();
    std::memcpy(s.data() + 8 * i, &v, 8);
  }
  return s;
}

}  // namespace

Result<std::string> AvroSchemaFor(const Schema& schema) {
  SchemaWriter w;
  QUIVER_ASSIGN_OR_RAISE(json::Value v, w.Record("topLevelRecord", schema.fields()));
  return v.ToString();
}

Result<std::string> WriteAvroFile(const SchemaPtr& schema,
                                  const std::vector<RecordBatchPtr>& batches,
                                  const AvroWriteOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(std::string json_schema, AvroSchemaFor(*schema));
  const std::string sync = RandomSync();
  std::string out("Obj\x01", 4);
  PutLong(2, &out);
  PutBytes("avro.schema", &out);
  PutBytes(json_schema, &out);
  PutBytes("avro.codec", &out);
  PutBytes(CodecName(options.codec), &out);
  PutLong(0, &out);
  out += sync;

  std::string block;
  int64_t block_rows = 0;
  auto flush = [&]() -> Status {
    if (block_rows == 0) return Status::OK();
    QUIVER_ASSIGN_OR_RAISE(
        std::string data,
        CompressBlock(options.codec, reinterpret_cast<const uint8_t*>(block.data()),
                      static_cast<int64_t>(block.size())));
    PutLong(block_rows, &out);
    PutBytes(data, &out);
    out += sync;
    block.clear();
    block_rows = 0;
    return Status::OK();
  };
  for (const auto& b : batches) {
    if (b->num_columns() != schema->num_fields()) {
      return Status::Internal("batch does not match the Avro file schema");
    }
    std::vector<std::unique_ptr<Encoder>> cols;
    for (int c = 0; c < b->num_columns(); ++c) {
      QUIVER_ASSIGN_OR_RAISE(auto e, MakeEncoder(b->column(c), schema->field(c)->nullable()));
      cols.push_back(std::move(e));
    }
    for (int64_t r = 0; r < b->num_rows(); ++r) {
      for (auto& e : cols) QUIVER_RETURN_NOT_OK(e->Encode(r, &block));
      ++block_rows;
      if (static_cast<int64_t>(block.size()) >= options.block_bytes) QUIVER_RETURN_NOT_OK(flush());
    }
  }
  QUIVER_RETURN_NOT_OK(flush());
  return out;
}

}  // namespace quiver::avro
