#include "quiver/arrow/type.h"

#include <sstream>

namespace quiver {

const char* TimeUnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return "Second";
    case TimeUnit::kMillisecond: return "Millisecond";
    case TimeUnit::kMicrosecond: return "Microsecond";
    case TimeUnit::kNanosecond: return "Nanosecond";
  }
  return "?";
}

int64_t TimeUnitPerSecond(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return 1;
    case TimeUnit::kMillisecond: return 1000;
    case TimeUnit::kMicrosecond: return 1000000;
    case TimeUnit::kNanosecond: return 1000000000;
  }
  return 1;
}

DataType::DataType(const Params& p)
    : id_(p.id),
      width_(p.width),
      precision_(p.precision),
      scale_(p.scale),
      unit_(p.unit),
      interval_unit_(p.interval_unit),
      flag_(p.flag),
      timezone_(p.timezone),
      fields_(p.fields),
      index_type_(p.index_type),
      value_type_(p.value_type) {}

const DataTypePtr& DataType::value_type() const {
  static const DataTypePtr kNone;
  if (id_ == TypeId::kDictionary) return value_type_;
  if (is_list()) return fields_[0]->type();
  return kNone;
}

int DataType::bit_width() const {
  switch (id_) {
    case TypeId::kBoolean: return 1;
    case TypeId::kInt8:
    case TypeId::kUInt8: return 8;
    case TypeId::kInt16:
    case TypeId::kUInt16:
    case TypeId::kFloat16: return 16;
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kFloat32:
    case TypeId::kDate32:
    case TypeId::kTime32: return 32;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return 64;
    case TypeId::kDecimal128: return 128;
    case TypeId::kDecimal256: return 256;
    case TypeId::kFixedSizeBinary: return width_ * 8;
    case TypeId::kInterval:
      switch (interval_unit_) {
        case IntervalUnit::kYearMonth: return 32;
        case IntervalUnit::kDayTime: return 64;
        case IntervalUnit::kMonthDayNano: return 128;
      }
      return 0;
    default: return 0;
  }
}

bool DataType::is_integer() const { return is_signed_integer() || is_unsigned_integer(); }
bool DataType::is_signed_integer() const {
  return id_ == TypeId::kInt8 || id_ == TypeId::kInt16 || id_ == TypeId::kInt32 ||
         id_ == TypeId::kInt64;
}
bool DataType::is_unsigned_integer() const {
  return id_ == TypeId::kUInt8 || id_ == TypeId::kUInt16 || id_ == TypeId::kUInt32 ||
         id_ == TypeId::kUInt64;
}
bool DataType::is_floating() const {
  return id_ == TypeId::kFloat16 || id_ == TypeId::kFloat32 || id_ == TypeId::kFloat64;
}
bool DataType::is_numeric() const { return is_integer() || is_floating() || is_decimal(); }
bool DataType::is_string() const {
  return id_ == TypeId::kUtf8 || id_ == TypeId::kLargeUtf8 || id_ == TypeId::kUtf8View;
}
bool DataType::is_binary() const {
  return id_ == TypeId::kBinary || id_ == TypeId::kLargeBinary || id_ == TypeId::kBinaryView ||
         id_ == TypeId::kFixedSizeBinary;
}
bool DataType::is_temporal() const {
  switch (id_) {
    case TypeId::kDate32:
    case TypeId::kDate64:
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration:
    case TypeId::kInterval: return true;
    default: return false;
  }
}
bool DataType::is_nested() const {
  return is_list() || id_ == TypeId::kStruct || id_ == TypeId::kMap;
}
bool DataType::is_list() const {
  return id_ == TypeId::kList || id_ == TypeId::kLargeList || id_ == TypeId::kFixedSizeList;
}

bool DataType::Equals(const DataType& o) const {
  if (this == &o) return true;
  if (id_ != o.id_ || width_ != o.width_ || precision_ != o.precision_ || scale_ != o.scale_ ||
      unit_ != o.unit_ || interval_unit_ != o.interval_unit_ || flag_ != o.flag_ ||
      timezone_ != o.timezone_ || fields_.size() != o.fields_.size()) {
    return false;
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i]->Equals(*o.fields_[i])) return false;
  }
  if (id_ == TypeId::kDictionary) {
    return index_type_->Equals(*o.index_type_) && value_type_->Equals(*o.value_type_);
  }
  return true;
}

std::string DataType::ToString() const {
  switch (id_) {
    case TypeId::kNull: return "Null";
    case TypeId::kBoolean: return "Boolean";
    case TypeId::kInt8: return "Int8";
    case TypeId::kInt16: return "Int16";
    case TypeId::kInt32: return "Int32";
    case TypeId::kInt64: return "Int64";
    case TypeId::kUInt8: return "UInt8";
    case TypeId::kUInt16: return "UInt16";
    case TypeId::kUInt32: return "UInt32";
    case TypeId::kUInt64: return "UInt64";
    case TypeId::kFloat16: return "Float16";
    case TypeId::kFloat32: return "Float32";
    case TypeId::kFloat64: return "Float64";
    case TypeId::kDecimal128:
      return "Decimal128(" + std::to_string(precision_) + ", " + std::to_string(scale_) + ")";
    case TypeId::kDecimal256:
      return "Decimal256(" + std::to_string(precision_) + ", " + std::to_string(scale_) + ")";
    case TypeId::kUtf8: return "Utf8";
    case TypeId::kLargeUtf8: return "LargeUtf8";
    case TypeId::kUtf8View: return "Utf8View";
    case TypeId::kBinary: return "Binary";
    case TypeId::kLargeBinary: return "LargeBinary";
    case TypeId::kBinaryView: return "BinaryView";
    case TypeId::kFixedSizeBinary: return "FixedSizeBinary(" + std::to_string(width_) + ")";
    case TypeId::kDate32: return "Date32";
    case TypeId::kDate64: return "Date64";
    case TypeId::kTime32: return std::string("Time32(") + TimeUnitName(unit_) + ")";
    case TypeId::kTime64: return std::string("Time64(") + TimeUnitName(unit_) + ")";
    case TypeId::kTimestamp:
      return std::string("Timestamp(") + TimeUnitName(unit_) + ", " +
             (timezone_.empty() ? std::string("None") : "Some(\"" + timezone_ + "\")") + ")";
    case TypeId::kDuration: return std::string("Duration(") + TimeUnitName(unit_) + ")";
    case TypeId::kInterval:
      switch (interval_unit_) {
        case IntervalUnit::kYearMonth: return "Interval(YearMonth)";
        case IntervalUnit::kDayTime: return "Interval(DayTime)";
        case IntervalUnit::kMonthDayNano: return "Interval(MonthDayNano)";
      }
      return "Interval";
    case TypeId::kList: return "List(" + fields_[0]->ToString() + ")";
    case TypeId::kLargeList: return "LargeList(" + fields_[0]->ToString() + ")";
    case TypeId::kFixedSizeList:
      return "FixedSizeList(" + fields_[0]->ToString() + ", " + std::to_string(width_) + ")";
    case TypeId::kStruct: {
      std::string out = "Struct([";
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i) out += ", ";
        out += fields_[i]->ToString();
      }
      return out + "])";
    }
    case TypeId::kMap:
      return "Map(" + fields_[0]->ToString() + ", " + (flag_ ? "true" : "false") + ")";
    case TypeId::kDictionary:
      return "Dictionary(" + index_type_->ToString() + ", " + value_type_->ToString() + ")";
  }
  return "?";
}

namespace {
DataTypePtr Make(DataType::Params p) { return std::make_shared<const DataType>(p); }

#define QUIVER_SINGLETON_TYPE(fn, type_id)                          \
  DataTypePtr fn() {                                                \
    static const DataTypePtr kType = Make({.id = TypeId::type_id}); \
    return kType;                                                   \
  }
}  // namespace

QUIVER_SINGLETON_TYPE(null, kNull)
QUIVER_SINGLETON_TYPE(boolean, kBoolean)
QUIVER_SINGLETON_TYPE(int8, kInt8)
QUIVER_SINGLETON_TYPE(int16, kInt16)
QUIVER_SINGLETON_TYPE(int32, kInt32)
QUIVER_SINGLETON_TYPE(int64, kInt64)
QUIVER_SINGLETON_TYPE(uint8, kUInt8)
QUIVER_SINGLETON_TYPE(uint16, kUInt16)
QUIVER_SINGLETON_TYPE(uint32, kUInt32)
QUIVER_SINGLETON_TYPE(uint64, kUInt64)
QUIVER_SINGLETON_TYPE(float16, kFloat16)
QUIVER_SINGLETON_TYPE(float32, kFloat32)
QUIVER_SINGLETON_TYPE(float64, kFloat64)
QUIVER_SINGLETON_TYPE(utf8, kUtf8)
QUIVER_SINGLETON_TYPE(large_utf8, kLargeUtf8)
QUIVER_SINGLETON_TYPE(utf8_view, kUtf8View)
QUIVER_SINGLETON_TYPE(binary, kBinary)
QUIVER_SINGLETON_TYPE(large_binary, kLargeBinary)
QUIVER_SINGLETON_TYPE(binary_view, kBinaryView)
QUIVER_SINGLETON_TYPE(date32, kDate32)
QUIVER_SINGLETON_TYPE(date64, kDate64)
#undef QUIVER_SINGLETON_TYPE

DataTypePtr fixed_size_binary(int32_t w) {
  return Make({.id = TypeId::kFixedSizeBinary, .width = w});
}
DataTypePtr decimal128(int32_t p, int32_t s) {
  return Make({.id = TypeId::kDecimal128, .precision = p, .scale = s});
}
DataTypePtr decimal256(int32_t p, int32_t s) {
  return Make({.id = TypeId::kDecimal256, .precision = p, .scale = s});
}
DataTypePtr time32(TimeUnit u) { return Make({.id = TypeId::kTime32, .unit = u}); }
DataTypePtr time64(TimeUnit u) { return Make({.id = TypeId::kTime64, .unit = u}); }
DataTypePtr timestamp(TimeUnit u, std::string tz) {
  return Make({.id = TypeId::kTimestamp, .unit = u, .timezone = std::move(tz)});
}
DataTypePtr duration(TimeUnit u) { return Make({.id = TypeId::kDuration, .unit = u}); }
DataTypePtr interval(IntervalUnit u) { return Make({.id = TypeId::kInterval, .interval_unit = u}); }
DataTypePtr list(FieldPtr item) { return Make({.id = TypeId::kList, .fields = {std::move(item)}}); }
DataTypePtr list(DataTypePtr t) { return list(field("item", std::move(t))); }
DataTypePtr large_list(FieldPtr item) {
  return Make({.id = TypeId::kLargeList, .fields = {std::move(item)}});
}
DataTypePtr large_list(DataTypePtr t) { return large_list(field("item", std::move(t))); }
DataTypePtr fixed_size_list(FieldPtr item, int32_t size) {
  return Make({.id = TypeId::kFixedSizeList, .width = size, .fields = {std::move(item)}});
}
DataTypePtr fixed_size_list(DataTypePtr t, int32_t size) {
  return fixed_size_list(field("item", std::move(t)), size);
}
DataTypePtr struct_(std::vector<FieldPtr> fields) {
  return Make({.id = TypeId::kStruct, .fields = std::move(fields)});
}
DataTypePtr map(DataTypePtr key_type, DataTypePtr item_type, bool keys_sorted) {
  auto entries = field("entries",
                       struct_({field("key", std::move(key_type), false),
                                field("value", std::move(item_type), true)}),
                       false);
  return map(std::move(entries), keys_sorted);
}
DataTypePtr map(FieldPtr entries, bool keys_sorted) {
  return Make({.id = TypeId::kMap, .flag = keys_sorted, .fields = {std::move(entries)}});
}
DataTypePtr dictionary(DataTypePtr index_type, DataTypePtr value_type, bool ordered) {
  return Make({.id = TypeId::kDictionary,
               .flag = ordered,
               .index_type = std::move(index_type),
               .value_type = std::move(value_type)});
}

Status ValidateDecimal(TypeId id, int32_t precision, int32_t scale) {
  int32_t max_precision = id == TypeId::kDecimal128 ? 38 : 76;
  if (precision < 1 || precision > max_precision) {
    return Status::Arrow("Decimal precision must be in 1.." + std::to_string(max_precision) +
                         ", got " + std::to_string(precision));
  }
  if (scale > precision) {
    return Status::Arrow("Decimal scale " + std::to_string(scale) + " is greater than precision " +
                         std::to_string(precision));
  }
  return Status::OK();
}

// ---- Field ----

FieldPtr Field::WithName(std::string name) const {
  return std::make_shared<const Field>(std::move(name), type_, nullable_, metadata_);
}
FieldPtr Field::WithType(DataTypePtr type) const {
  return std::make_shared<const Field>(name_, std::move(type), nullable_, metadata_);
}
FieldPtr Field::WithNullable(bool nullable) const {
  return std::make_shared<const Field>(name_, type_, nullable, metadata_);
}
FieldPtr Field::WithMetadata(KeyValueMetadata metadata) const {
  return std::make_shared<const Field>(name_, type_, nullable_, std::move(metadata));
}

bool Field::Equals(const Field& o, bool check_metadata) const {
  return name_ == o.name_ && nullable_ == o.nullable_ && type_->Equals(*o.type_) &&
         (!check_metadata || metadata_ == o.metadata_);
}

std::string Field::ToString() const {
  std::string out = "Field { name: \"" + name_ + "\", data_type: " + type_->ToString() +
                    ", nullable: " + (nullable_ ? "true" : "false") +
                    ", dict_id: 0, dict_is_ordered: false, metadata: {";
  bool first = true;
  for (const auto& [k, v] : metadata_) {
    if (!first) out += ", ";
    first = false;
    out += "\"" + k + "\": \"" + v + "\"";
  }
  return out + "} }";
}

FieldPtr field(std::string name, DataTypePtr type, bool nullable, KeyValueMetadata metadata) {
  return std::make_shared<const Field>(std::move(name), std::move(type), nullable,
                                       std::move(metadata));
}

// ---- Schema ----

int Schema::GetFieldIndex(const std::string& name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i]->name() == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> Schema::field_names() const {
  std::vector<std::string> names;
  names.reserve(fields_.size());
  for (const auto& f : fields_) names.push_back(f->name());
  return names;
}

bool Schema::Equals(const Schema& o, bool check_metadata) const {
  if (fields_.size() != o.fields_.size()) return false;
  if (check_metadata && metadata_ != o.metadata_) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i]->Equals(*o.fields_[i], check_metadata)) return false;
  }
  return true;
}

std::string Schema::ToString() const {
  std::string out;
  for (const auto& f : fields_) {
    out += f->name() + ": " + f->type()->ToString() + (f->nullable() ? "" : " not null") + "\n";
  }
  return out;
}

SchemaPtr schema(std::vector<FieldPtr> fields, KeyValueMetadata metadata) {
  return std::make_shared<const Schema>(std::move(fields), std::move(metadata));
}

}  // namespace quiver
