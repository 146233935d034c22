#include "quiver/arrow/array.h"

#include <cstring>

#include "quiver/arrow/pretty_print.h"

namespace quiver {

ArrayPtr Array::Slice(int64_t off, int64_t len) const { return MakeArray(data_->Slice(off, len)); }

std::string Array::ToString() const { return PrettyPrintArray(*this); }

bool Array::Equals(const Array& other) const {
  if (!type()->Equals(*other.type()) || length() != other.length()) return false;
  for (int64_t i = 0; i < length(); ++i) {
    bool null_a = IsNull(i);
    if (null_a != other.IsNull(i)) return false;
    if (!null_a && !ValuesEqual(*this, i, other, i)) return false;
  }
  return true;
}

int64_t BooleanArray::true_count() const {
  const int64_t off = data_->offset, len = length();
  const uint8_t* values = values_bitmap();
  const uint8_t* valid = data_->buffers[0] ? data_->buffers[0]->data() : nullptr;
  if (!valid) return bit_util::CountSetBits(values, off, len);
  // Both bitmaps share the offset: single bits up to a byte boundary, then
  // 64 bits of (valid AND value) per popcount, then the tail.
  int64_t n = 0, i = 0;
  for (; i < len && ((off + i) & 7) != 0; ++i) {
    n += bit_util::GetBit(valid, off + i) & bit_util::GetBit(values, off + i);
  }
  for (; i + 64 <= len; i += 64) {
    uint64_t a, b;
    std::memcpy(&a, valid + ((off + i) >> 3), 8);
    std::memcpy(&b, values + ((off + i) >> 3), 8);
    n += __builtin_popcountll(a & b);
  }
  for (; i < len; ++i) n += bit_util::GetBit(valid, off + i) & bit_util::GetBit(values, off + i);
  return n;
}

ArrayPtr StructArray::field(int i) const {
  auto child = data_->children[i];
  if (data_->offset != 0 || child->length != data_->length) {
    child = child->Slice(data_->offset, data_->length);
  }
  return MakeArray(child);
}

ArrayPtr StructArray::GetFieldByName(const std::string& name) const {
  for (int i = 0; i < num_fields(); ++i) {
    if (type()->field(i)->name() == name) return field(i);
  }
  return nullptr;
}

ArrayPtr DictionaryArray::indices() const {
  auto d = std::make_shared<ArrayData>(*data_);
  d->type = data_->type->index_type();
  d->dictionary = nullptr;
  return MakeArray(d);
}

int64_t DictionaryArray::GetValueIndex(int64_t i) const {
  const uint8_t* raw = data_->buffers[1]->data();
  int64_t j = data_->offset + i;
  switch (type()->index_type()->id()) {
    case TypeId::kInt8: return reinterpret_cast<const int8_t*>(raw)[j];
    case TypeId::kUInt8: return raw[j];
    case TypeId::kInt16: return reinterpret_cast<const int16_t*>(raw)[j];
    case TypeId::kUInt16: return reinterpret_cast<const uint16_t*>(raw)[j];
    case TypeId::kInt32: return reinterpret_cast<const int32_t*>(raw)[j];
    case TypeId::kUInt32: return reinterpret_cast<const uint32_t*>(raw)[j];
    case TypeId::kInt64: return reinterpret_cast<const int64_t*>(raw)[j];
    case TypeId::kUInt64: return static_cast<int64_t>(reinterpret_cast<const uint64_t*>(raw)[j]);
    default: return 0;
  }
}

std::string_view GetBinaryView(const Array& a, int64_t i) {
  switch (a.type_id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary: return static_cast<const StringArray&>(a).GetView(i);
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: return static_cast<const LargeStringArray&>(a).GetView(i);
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: return static_cast<const BinaryViewArray&>(a).GetView(i);
    case TypeId::kFixedSizeBinary: return static_cast<const FixedSizeBinaryArray&>(a).GetView(i);
    case TypeId::kDictionary: {
      const auto& d = static_cast<const DictionaryArray&>(a);
      return GetBinaryView(*d.dictionary(), d.GetValueIndex(i));
    }
    default: return {};
  }
}

ArrayPtr MakeArray(ArrayDataPtr data) {
  switch (data->type->id()) {
    case TypeId::kNull: return std::make_shared<NullArray>(std::move(data));
    case TypeId::kBoolean: return std::make_shared<BooleanArray>(std::move(data));
    case TypeId::kInt8: return std::make_shared<Int8Array>(std::move(data));
    case TypeId::kInt16: return std::make_shared<Int16Array>(std::move(data));
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32: return std::make_shared<Int32Array>(std::move(data));
    case TypeId::kInt64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: return std::make_shared<Int64Array>(std::move(data));
    case TypeId::kUInt8: return std::make_shared<UInt8Array>(std::move(data));
    case TypeId::kUInt16:
    case TypeId::kFloat16: return std::make_shared<UInt16Array>(std::move(data));
    case TypeId::kUInt32: return std::make_shared<UInt32Array>(std::move(data));
    case TypeId::kUInt64: return std::make_shared<UInt64Array>(std::move(data));
    case TypeId::kFloat32: return std::make_shared<Float32Array>(std::move(data));
    case TypeId::kFloat64: return std::make_shared<Float64Array>(std::move(data));
    case TypeId::kDecimal128: return std::make_shared<Decimal128Array>(std::move(data));
    case TypeId::kDecimal256: return std::make_shared<Decimal256Array>(std::move(data));
    case TypeId::kInterval:
      switch (data->type->interval_unit()) {
        case IntervalUnit::kYearMonth: return std::make_shared<Int32Array>(std::move(data));
        case IntervalUnit::kDayTime:
          return std::make_shared<PrimitiveArray<IntervalDayTime>>(std::move(data));
        case IntervalUnit::kMonthDayNano:
          return std::make_shared<PrimitiveArray<IntervalMonthDayNano>>(std::move(data));
      }
      break;
    case TypeId::kUtf8:
    case TypeId::kBinary: return std::make_shared<StringArray>(std::move(data));
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: return std::make_shared<LargeStringArray>(std::move(data));
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: return std::make_shared<BinaryViewArray>(std::move(data));
    case TypeId::kFixedSizeBinary: return std::make_shared<FixedSizeBinaryArray>(std::move(data));
    case TypeId::kList: return std::make_shared<ListArray>(std::move(data));
    case TypeId::kLargeList: return std::make_shared<LargeListArray>(std::move(data));
    case TypeId::kFixedSizeList: return std::make_shared<FixedSizeListArray>(std::move(data));
    case TypeId::kMap: return std::make_shared<MapArray>(std::move(data));
    case TypeId::kStruct: return std::make_shared<StructArray>(std::move(data));
    case TypeId::kDictionary: return std::make_shared<DictionaryArray>(std::move(data));
  }
  return std::make_shared<NullArray>(std::move(data));
}

}  // namespace quiver
