// ScalarValue: one value of any Arrow type, possibly null. It is held as a
// length-1 array, so every type the Arrow layer supports is a scalar too, and
// display, casting and broadcasting reuse the array code.
#pragma once

#include <cstdint>
#include <string>

#include "quiver/arrow/array.h"

namespace quiver {

class ScalarValue {
 public:
  ScalarValue() = default;  // a null of type Null
  explicit ScalarValue(ArrayPtr one) : value_(std::move(one)) {}

  static ScalarValue Null(const DataTypePtr& type);
  static ScalarValue Boolean(bool v);
  static ScalarValue Int8(int8_t v);
  static ScalarValue Int16(int16_t v);
  static ScalarValue Int32(int32_t v);
  static ScalarValue Int64(int64_t v);
  static ScalarValue UInt8(uint8_t v);
  static ScalarValue UInt16(uint16_t v);
  static ScalarValue UInt32(uint32_t v);
  static ScalarValue UInt64(uint64_t v);
  static ScalarValue Float32(float v);
  static ScalarValue Float64(double v);
  static ScalarValue Utf8(std::string_view v);
  static ScalarValue LargeUtf8(std::string_view v);
  static ScalarValue Binary(std::string_view v);
  static ScalarValue Decimal128(Int128 unscaled, int32_t precision, int32_t scale);
  static ScalarValue Date32(int32_t days);
  static ScalarValue Timestamp(int64_t v, TimeUnit unit, std::string tz = "");
  static ScalarValue IntervalMonthDayNano(int32_t months, int32_t days, int64_t nanos);
  /// Value `index` of an array (kept as a slice; no copy).
  static ScalarValue FromArray(const ArrayPtr& array, int64_t index);

  const DataTypePtr& type() const;
  bool is_null() const { return !value_ || value_->IsNull(0); }
  /// The value as a length-1 array.
  const ArrayPtr& array() const;
  /// The value repeated n times.
  Result<ArrayPtr> ToArray(int64_t n) const;

  // Typed access; meaningful only for the matching type family.
  bool GetBool() const;
  int64_t GetInt64() const;    // any integer type, dates, times, timestamps
  uint64_t GetUInt64() const;  // unsigned integers
  double GetDouble() const;    // floats and integers
  std::string_view GetString() const;  // strings and binary
  Int128 GetDecimal128() const;

  bool Equals(const ScalarValue& other) const;
  /// DataFusion's debug form, as in plans: `Int64(1)`, `Utf8("a")`, `NULL`.
  std::string ToString() const;
  /// Value only, as query results print it (`1`, `a`, `NULL`).
  std::string ValueToString() const;

 private:
  ArrayPtr value_;
};

}  // namespace quiver
