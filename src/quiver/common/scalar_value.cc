#include "quiver/common/scalar_value.h"

#include <cstring>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/pretty_print.h"

namespace quiver {

namespace {

template <typename T>
ScalarValue MakePrimitive(const DataTypePtr& type, T v) {
  PrimitiveBuilder<T> b(type);
  (void)b.Append(v);
  return ScalarValue(*b.Finish());
}

ScalarValue MakeString(const DataTypePtr& type, std::string_view v) {
  auto b = *MakeBuilder(type);
  if (type->id() == TypeId::kLargeUtf8 || type->id() == TypeId::kLargeBinary) {
    (void)static_cast<LargeStringBuilder*>(b.get())->Append(v);
  } else {
    (void)static_cast<StringBuilder*>(b.get())->Append(v);
  }
  return ScalarValue(*b->Finish());
}

}  // namespace

ScalarValue ScalarValue::Null(const DataTypePtr& type) {
  auto b = MakeBuilder(type);
  if (!b.ok()) return ScalarValue();
  (void)(*b)->AppendNull();
  return ScalarValue(*(*b)->Finish());
}

ScalarValue ScalarValue::Boolean(bool v) {
  BooleanBuilder b;
  (void)b.Append(v);
  return ScalarValue(*b.Finish());
}
ScalarValue ScalarValue::Int8(int8_t v) { return MakePrimitive(int8(), v); }
ScalarValue ScalarValue::Int16(int16_t v) { return MakePrimitive(int16(), v); }
ScalarValue ScalarValue::Int32(int32_t v) { return MakePrimitive(int32(), v); }
ScalarValue ScalarValue::Int64(int64_t v) { return MakePrimitive(int64(), v); }
ScalarValue ScalarValue::UInt8(uint8_t v) { return MakePrimitive(uint8(), v); }
ScalarValue ScalarValue::UInt16(uint16_t v) { return MakePrimitive(uint16(), v); }
ScalarValue ScalarValue::UInt32(uint32_t v) { return MakePrimitive(uint32(), v); }
ScalarValue ScalarValue::UInt64(uint64_t v) { return MakePrimitive(uint64(), v); }
ScalarValue ScalarValue::Float32(float v) { return MakePrimitive(float32(), v); }
ScalarValue ScalarValue::Float64(double v) { return MakePrimitive(float64(), v); }
ScalarValue ScalarValue::Utf8(std::string_view v) { return MakeString(utf8(), v); }
ScalarValue ScalarValue::LargeUtf8(std::string_view v) { return MakeString(large_utf8(), v); }
ScalarValue ScalarValue::Binary(std::string_view v) { return MakeString(binary(), v); }
ScalarValue ScalarValue::Decimal128(Int128 unscaled, int32_t precision, int32_t scale) {
  return MakePrimitive(decimal128(precision, scale), unscaled);
}
ScalarValue ScalarValue::Date32(int32_t days) { return MakePrimitive(date32(), days); }
ScalarValue ScalarValue::Timestamp(int64_t v, TimeUnit unit, std::string tz) {
  return MakePrimitive(timestamp(unit, std::move(tz)), v);
}
ScalarValue ScalarValue::IntervalMonthDayNano(int32_t months, int32_t days, int64_t nanos) {
  return MakePrimitive(interval(IntervalUnit::kMonthDayNano),
                       quiver::IntervalMonthDayNano{months, days, nanos});
}

ScalarValue ScalarValue::FromArray(const ArrayPtr& array, int64_t index) {
  return ScalarValue(array->Slice(index, 1));
}

const DataTypePtr& ScalarValue::type() const {
  static const DataTypePtr kNull = null();
  return value_ ? value_->type() : kNull;
}

const ArrayPtr& ScalarValue::array() const {
  static const ArrayPtr kNullArray = ScalarValue::Null(null()).value_;
  return value_ ? value_ : kNullArray;
}

Result<ArrayPtr> ScalarValue::ToArray(int64_t n) const {
  const ArrayPtr& one = array();
  if (n == 1) return one;
  const int bits = one->type()->bit_width();
  if (bits >= 8 && bits % 8 == 0 && one->data()->buffers.size() == 2 && !one->IsNull(0)) {
    // Fixed-width value: fill the values buffer directly (count(1) and
    // literal arguments broadcast once per batch).
    const int64_t w = bits / 8;
    QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(n * w));
    const uint8_t* src = one->data()->buffers[1]->data() + one->offset() * w;
    uint8_t* dst = buf->mutable_data();
    if (w == 8) {
      uint64_t v;
      std::memcpy(&v, src, 8);
      for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * 8, &v, 8);
    } else {
      for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * w, src, w);
    }
    return MakeArray(ArrayData::Make(one->type(), n, {nullptr, std::move(buf)}, 0));
  }
  QUIVER_ASSIGN_OR_RAISE(auto b, MakeBuilder(one->type()));
  QUIVER_RETURN_NOT_OK(b->Reserve(n));
  if (one->IsNull(0)) {
    QUIVER_RETURN_NOT_OK(b->AppendNulls(n));
  } else {
    for (int64_t i = 0; i < n; ++i) QUIVER_RETURN_NOT_OK(b->AppendArraySlice(*one->data(), 0, 1));
  }
  return b->Finish();
}

bool ScalarValue::GetBool() const { return static_cast<const BooleanArray&>(*value_).Value(0); }

int64_t ScalarValue::GetInt64() const {
  switch (type()->id()) {
    case TypeId::kInt8: return static_cast<const Int8Array&>(*value_).Value(0);
    case TypeId::kInt16: return static_cast<const Int16Array&>(*value_).Value(0);
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32: return static_cast<const Int32Array&>(*value_).Value(0);
    case TypeId::kUInt8: return static_cast<const UInt8Array&>(*value_).Value(0);
    case TypeId::kUInt16: return static_cast<const UInt16Array&>(*value_).Value(0);
    case TypeId::kUInt32: return static_cast<const UInt32Array&>(*value_).Value(0);
    case TypeId::kUInt64:
      return static_cast<int64_t>(static_cast<const UInt64Array&>(*value_).Value(0));
    case TypeId::kInt64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return static_cast<const Int64Array&>(*value_).Value(0);
    default: return 0;
  }
}

uint64_t ScalarValue::GetUInt64() const {
  if (type()->id() == TypeId::kUInt64) return static_cast<const UInt64Array&>(*value_).Value(0);
  return static_cast<uint64_t>(GetInt64());
}

double ScalarValue::GetDouble() const {
  switch (type()->id()) {
    case TypeId::kFloat32: return static_cast<const Float32Array&>(*value_).Value(0);
    case TypeId::kFloat64: return static_cast<const Float64Array&>(*value_).Value(0);
    case TypeId::kUInt64: return static_cast<double>(GetUInt64());
    default: return static_cast<double>(GetInt64());
  }
}

std::string_view ScalarValue::GetString() const { return GetBinaryView(*value_, 0); }

Int128 ScalarValue::GetDecimal128() const {
  return static_cast<const Decimal128Array&>(*value_).Value(0);
}

bool ScalarValue::Equals(const ScalarValue& other) const { return array()->Equals(*other.array()); }

std::string ScalarValue::ValueToString() const {
  if (is_null()) return "NULL";
  return FormatValue(*value_, 0);
}

std::string ScalarValue::ToString() const {
  const DataType& t = *type();
  if (t.id() == TypeId::kNull) return "NULL";
  std::string v = is_null() ? "NULL" : FormatValue(*value_, 0);
  switch (t.id()) {
    case TypeId::kUtf8: return is_null() ? "Utf8(NULL)" : "Utf8(\"" + v + "\")";
    case TypeId::kLargeUtf8: return is_null() ? "LargeUtf8(NULL)" : "LargeUtf8(\"" + v + "\")";
    case TypeId::kUtf8View: return is_null() ? "Utf8View(NULL)" : "Utf8View(\"" + v + "\")";
    case TypeId::kDecimal128:
      return "Decimal128(" + (is_null() ? "None" : "Some(" + Int128ToString(GetDecimal128()) + ")") +
             "," + std::to_string(t.precision()) + "," + std::to_string(t.scale()) + ")";
    case TypeId::kTimestamp: {
      std::string unit = TimeUnitName(t.unit());
      std::string tz = t.timezone().empty() ? "None" : "Some(\"" + t.timezone() + "\")";
      return "Timestamp" + unit + "(" +
             (is_null() ? "NULL" : std::to_string(GetInt64())) + ", " + tz + ")";
    }
    default: {
      std::string name = t.ToString();
      auto paren = name.find('(');
      if (paren != std::string::npos) name = name.substr(0, paren);
      return name + "(" + v + ")";
    }
  }
}

}  // namespace quiver
