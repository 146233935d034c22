// The Arrow type system: DataType, Field and Schema.
//
// One DataType class carries every parameter (unit, time zone, precision,
// children, ...) instead of a subclass per type: kernels dispatch on id() with
// a switch, and types are cheap to compare and print.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver {

enum class TypeId : uint8_t {
  kNull,
  kBoolean,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kFloat16,
  kFloat32,
  kFloat64,
  kDecimal128,
  kDecimal256,
  kUtf8,
  kLargeUtf8,
  kUtf8View,
  kBinary,
  kLargeBinary,
  kBinaryView,
  kFixedSizeBinary,
  kDate32,
  kDate64,
  kTime32,
  kTime64,
  kTimestamp,
  kDuration,
  kInterval,
  kList,
  kLargeList,
  kFixedSizeList,
  kStruct,
  kMap,
  kDictionary,
};

enum class TimeUnit : uint8_t { kSecond, kMillisecond, kMicrosecond, kNanosecond };
enum class IntervalUnit : uint8_t { kYearMonth, kDayTime, kMonthDayNano };

const char* TimeUnitName(TimeUnit unit);   // "Second", "Millisecond", ...
int64_t TimeUnitPerSecond(TimeUnit unit);  // 1, 1000, 1e6, 1e9

class DataType;
class Field;
using DataTypePtr = std::shared_ptr<const DataType>;
using FieldPtr = std::shared_ptr<const Field>;
using KeyValueMetadata = std::map<std::string, std::string>;

class DataType {
 public:
  TypeId id() const { return id_; }

  // Parameters; each is meaningful only for the types named.
  int32_t byte_width() const { return width_; }              // FixedSizeBinary
  int32_t list_size() const { return width_; }               // FixedSizeList
  int32_t precision() const { return precision_; }           // Decimal128/256
  int32_t scale() const { return scale_; }                   // Decimal128/256
  TimeUnit unit() const { return unit_; }                    // Time32/64, Timestamp, Duration
  const std::string& timezone() const { return timezone_; }  // Timestamp; "" = none
  IntervalUnit interval_unit() const { return interval_unit_; }
  bool keys_sorted() const { return flag_; }  // Map
  bool ordered() const { return flag_; }      // Dictionary
  /// Children: List/LargeList/FixedSizeList/Map have one, Struct has n.
  const std::vector<FieldPtr>& fields() const { return fields_; }
  const FieldPtr& field(int i) const { return fields_[i]; }
  int num_fields() const { return static_cast<int>(fields_.size()); }
  const DataTypePtr& value_type() const;  // list element or dictionary value type
  const DataTypePtr& index_type() const { return index_type_; }  // Dictionary

  /// Width in bits of one value of a fixed-width type (boolean: 1); 0 if variable.
  int bit_width() const;
  bool is_integer() const;
  bool is_signed_integer() const;
  bool is_unsigned_integer() const;
  bool is_floating() const;
  bool is_numeric() const;  // integers, floats and decimals
  bool is_decimal() const { return id_ == TypeId::kDecimal128 || id_ == TypeId::kDecimal256; }
  bool is_string() const;  // Utf8, LargeUtf8, Utf8View
  bool is_binary() const;  // Binary, LargeBinary, BinaryView, FixedSizeBinary
  bool is_temporal() const;
  bool is_nested() const;  // List, LargeList, FixedSizeList, Struct, Map
  bool is_list() const;    // List, LargeList, FixedSizeList

  bool Equals(const DataType& other) const;
  bool operator==(const DataType& other) const { return Equals(other); }
  /// The name as DataFusion's arrow_typeof prints it: `Int64`,
  /// `Timestamp(Nanosecond, Some("+00:00"))`, `List(Field { ... })`.
  std::string ToString() const;

  // Construction is through the factory functions below.
  struct Params;
  explicit DataType(const Params& p);

 private:
  TypeId id_;
  int32_t width_ = 0;
  int32_t precision_ = 0;
  int32_t scale_ = 0;
  TimeUnit unit_ = TimeUnit::kSecond;
  IntervalUnit interval_unit_ = IntervalUnit::kYearMonth;
  bool flag_ = false;
  std::string timezone_;
  std::vector<FieldPtr> fields_;
  DataTypePtr index_type_;
  DataTypePtr value_type_;
};

struct DataType::Params {
  TypeId id;
  int32_t width = 0;
  int32_t precision = 0;
  int32_t scale = 0;
  TimeUnit unit = TimeUnit::kSecond;
  IntervalUnit interval_unit = IntervalUnit::kYearMonth;
  bool flag = false;
  std::string timezone;
  std::vector<FieldPtr> fields;
  DataTypePtr index_type;
  DataTypePtr value_type;
};

// Factories. Parameterless types are shared singletons.
DataTypePtr null();
DataTypePtr boolean();
DataTypePtr int8();
DataTypePtr int16();
DataTypePtr int32();
DataTypePtr int64();
DataTypePtr uint8();
DataTypePtr uint16();
DataTypePtr uint32();
DataTypePtr uint64();
DataTypePtr float16();
DataTypePtr float32();
DataTypePtr float64();
DataTypePtr utf8();
DataTypePtr large_utf8();
DataTypePtr utf8_view();
DataTypePtr binary();
DataTypePtr large_binary();
DataTypePtr binary_view();
DataTypePtr date32();
DataTypePtr date64();
DataTypePtr fixed_size_binary(int32_t byte_width);
DataTypePtr decimal128(int32_t precision, int32_t scale);
DataTypePtr decimal256(int32_t precision, int32_t scale);
DataTypePtr time32(TimeUnit unit);
DataTypePtr time64(TimeUnit unit);
DataTypePtr timestamp(TimeUnit unit, std::string timezone = "");
DataTypePtr duration(TimeUnit unit);
DataTypePtr interval(IntervalUnit unit);
DataTypePtr list(FieldPtr item);
DataTypePtr list(DataTypePtr item_type);  // element field "item", nullable
DataTypePtr large_list(FieldPtr item);
DataTypePtr large_list(DataTypePtr item_type);
DataTypePtr fixed_size_list(FieldPtr item, int32_t size);
DataTypePtr fixed_size_list(DataTypePtr item_type, int32_t size);
DataTypePtr struct_(std::vector<FieldPtr> fields);
/// Map of an "entries" struct with non-null "key" and nullable "value".
DataTypePtr map(DataTypePtr key_type, DataTypePtr item_type, bool keys_sorted = false);
DataTypePtr map(FieldPtr entries, bool keys_sorted = false);
DataTypePtr dictionary(DataTypePtr index_type, DataTypePtr value_type, bool ordered = false);

/// Checks that a decimal's precision and scale are representable.
Status ValidateDecimal(TypeId id, int32_t precision, int32_t scale);

class Field {
 public:
  Field(std::string name, DataTypePtr type, bool nullable = true, KeyValueMetadata metadata = {})
      : name_(std::move(name)),
        type_(std::move(type)),
        nullable_(nullable),
        metadata_(std::move(metadata)) {}

  const std::string& name() const { return name_; }
  const DataTypePtr& type() const { return type_; }
  bool nullable() const { return nullable_; }
  const KeyValueMetadata& metadata() const { return metadata_; }

  FieldPtr WithName(std::string name) const;
  FieldPtr WithType(DataTypePtr type) const;
  FieldPtr WithNullable(bool nullable) const;
  FieldPtr WithMetadata(KeyValueMetadata metadata) const;

  bool Equals(const Field& other, bool check_metadata = false) const;
  /// Rust-debug form used inside nested type names: `Field { name: "item", ... }`.
  std::string ToString() const;

 private:
  std::string name_;
  DataTypePtr type_;
  bool nullable_;
  KeyValueMetadata metadata_;
};

FieldPtr field(std::string name, DataTypePtr type, bool nullable = true,
               KeyValueMetadata metadata = {});

class Schema;
using SchemaPtr = std::shared_ptr<const Schema>;

class Schema {
 public:
  explicit Schema(std::vector<FieldPtr> fields, KeyValueMetadata metadata = {})
      : fields_(std::move(fields)), metadata_(std::move(metadata)) {}

  const std::vector<FieldPtr>& fields() const { return fields_; }
  const FieldPtr& field(int i) const { return fields_[i]; }
  int num_fields() const { return static_cast<int>(fields_.size()); }
  const KeyValueMetadata& metadata() const { return metadata_; }
  /// Index of the first field with this name, or -1.
  int GetFieldIndex(const std::string& name) const;
  std::vector<std::string> field_names() const;

  bool Equals(const Schema& other, bool check_metadata = false) const;
  std::string ToString() const;  // one "name: type [not null]" line per field

 private:
  std::vector<FieldPtr> fields_;
  KeyValueMetadata metadata_;
};

SchemaPtr schema(std::vector<FieldPtr> fields, KeyValueMetadata metadata = {});

}  // namespace quiver
