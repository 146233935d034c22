// Typed, read-only views over ArrayData. Accessors are inline and
// non-virtual so kernels can loop over values without per-row calls.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "quiver/arrow/array_data.h"
#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/decimal.h"

namespace quiver {

class Array;
using ArrayPtr = std::shared_ptr<Array>;

class Array {
 public:
  explicit Array(ArrayDataPtr data) : data_(std::move(data)) {
    null_bitmap_ =
        data_->buffers.empty() || !data_->buffers[0] ? nullptr : data_->buffers[0]->data();
  }
  virtual ~Array() = default;

  const ArrayDataPtr& data() const { return data_; }
  const DataTypePtr& type() const { return data_->type; }
  TypeId type_id() const { return data_->type->id(); }
  int64_t length() const { return data_->length; }
  int64_t offset() const { return data_->offset; }
  int64_t null_count() const { return data_->GetNullCount(); }
  const uint8_t* null_bitmap_data() const { return null_bitmap_; }

  bool IsNull(int64_t i) const {
    return null_bitmap_ ? !bit_util::GetBit(null_bitmap_, data_->offset + i)
                        : type_id() == TypeId::kNull;
  }
  bool IsValid(int64_t i) const { return !IsNull(i); }

  ArrayPtr Slice(int64_t offset, int64_t length) const;
  ArrayPtr Slice(int64_t offset) const { return Slice(offset, length() - offset); }
  /// Value-wise equality (types must match; slices compare by content).
  bool Equals(const Array& other) const;
  /// Arrow's pretty form: `[\n  1,\n  null\n]`.
  std::string ToString() const;

 protected:
  ArrayDataPtr data_;
  const uint8_t* null_bitmap_;
};

/// Wraps data in the Array subclass for its type.
ArrayPtr MakeArray(ArrayDataPtr data);

class NullArray : public Array {
 public:
  using Array::Array;
};

class BooleanArray : public Array {
 public:
  using Array::Array;
  const uint8_t* values_bitmap() const { return data_->buffers[1]->data(); }
  bool Value(int64_t i) const { return bit_util::GetBit(values_bitmap(), data_->offset + i); }
  /// Count of valid, true values.
  int64_t true_count() const;
};

/// Fixed-width values: integers, floats (float16 as uint16_t), dates, times,
/// timestamps, durations, intervals, decimals (Int128 / Int256).
template <typename T>
class PrimitiveArray : public Array {
 public:
  using value_type = T;
  using Array::Array;
  const T* raw_values() const { return data_->buffers[1]->template data_as<T>() + data_->offset; }
  T Value(int64_t i) const { return raw_values()[i]; }
};

using Int8Array = PrimitiveArray<int8_t>;
using Int16Array = PrimitiveArray<int16_t>;
using Int32Array = PrimitiveArray<int32_t>;
using Int64Array = PrimitiveArray<int64_t>;
using UInt8Array = PrimitiveArray<uint8_t>;
using UInt16Array = PrimitiveArray<uint16_t>;
using UInt32Array = PrimitiveArray<uint32_t>;
using UInt64Array = PrimitiveArray<uint64_t>;
using Float32Array = PrimitiveArray<float>;
using Float64Array = PrimitiveArray<double>;
using Decimal128Array = PrimitiveArray<Int128>;
using Decimal256Array = PrimitiveArray<Int256>;

/// Utf8/Binary (int32 offsets) and LargeUtf8/LargeBinary (int64 offsets).
template <typename OffsetT>
class BaseBinaryArray : public Array {
 public:
  using Array::Array;
  const OffsetT* raw_offsets() const {
    return data_->buffers[1]->template data_as<OffsetT>() + data_->offset;
  }
  const char* raw_data() const {
    return data_->buffers[2] ? data_->buffers[2]->template data_as<char>() : "";
  }
  OffsetT value_offset(int64_t i) const { return raw_offsets()[i]; }
  OffsetT value_length(int64_t i) const { return raw_offsets()[i + 1] - raw_offsets()[i]; }
  std::string_view GetView(int64_t i) const {
    const OffsetT* o = raw_offsets();
    return {raw_data() + o[i], static_cast<size_t>(o[i + 1] - o[i])};
  }
  std::string GetString(int64_t i) const { return std::string(GetView(i)); }
};

using StringArray = BaseBinaryArray<int32_t>;
using LargeStringArray = BaseBinaryArray<int64_t>;
using BinaryArray = BaseBinaryArray<int32_t>;
using LargeBinaryArray = BaseBinaryArray<int64_t>;

/// Utf8View/BinaryView: 16-byte views; strings up to 12 bytes are inline,
/// longer ones point into variadic data buffers (buffers[2...]).
struct StringViewHeader {
  int32_t size;
  union {
    char inlined[12];
    struct {
      char prefix[4];
      int32_t buffer_index;
      int32_t offset;
    } ref;
  };
};
static_assert(sizeof(StringViewHeader) == 16);
constexpr int32_t kInlineViewSize = 12;

class BinaryViewArray : public Array {
 public:
  using Array::Array;
  const StringViewHeader* raw_views() const {
    return data_->buffers[1]->data_as<StringViewHeader>() + data_->offset;
  }
  std::string_view GetView(int64_t i) const {
    const StringViewHeader& v = raw_views()[i];
    if (v.size <= kInlineViewSize) return {v.inlined, static_cast<size_t>(v.size)};
    const auto& buf = data_->buffers[2 + v.ref.buffer_index];
    return {buf->data_as<char>() + v.ref.offset, static_cast<size_t>(v.size)};
  }
  std::string GetString(int64_t i) const { return std::string(GetView(i)); }
};
using StringViewArray = BinaryViewArray;

class FixedSizeBinaryArray : public Array {
 public:
  using Array::Array;
  int32_t byte_width() const { return data_->type->byte_width(); }
  const uint8_t* GetValue(int64_t i) const {
    return data_->buffers[1]->data() + (data_->offset + i) * byte_width();
  }
  std::string_view GetView(int64_t i) const {
    return {reinterpret_cast<const char*>(GetValue(i)), static_cast<size_t>(byte_width())};
  }
};

/// List and LargeList (and Map, which is a list of entry structs).
template <typename OffsetT>
class BaseListArray : public Array {
 public:
  explicit BaseListArray(ArrayDataPtr data) : Array(std::move(data)) {
    values_ = MakeArray(data_->children[0]);
  }
  const OffsetT* raw_offsets() const {
    return data_->buffers[1]->template data_as<OffsetT>() + data_->offset;
  }
  OffsetT value_offset(int64_t i) const { return raw_offsets()[i]; }
  OffsetT value_length(int64_t i) const { return raw_offsets()[i + 1] - raw_offsets()[i]; }
  /// All child values (not sliced to this array's range).
  const ArrayPtr& values() const { return values_; }
  ArrayPtr value_slice(int64_t i) const { return values_->Slice(value_offset(i), value_length(i)); }

 private:
  ArrayPtr values_;
};

using ListArray = BaseListArray<int32_t>;
using LargeListArray = BaseListArray<int64_t>;

class MapArray : public ListArray {
 public:
  using ListArray::ListArray;
  ArrayPtr keys() const { return MakeArray(values()->data()->children[0]); }
  ArrayPtr items() const { return MakeArray(values()->data()->children[1]); }
};

class FixedSizeListArray : public Array {
 public:
  explicit FixedSizeListArray(ArrayDataPtr data) : Array(std::move(data)) {
    values_ = MakeArray(data_->children[0]);
  }
  int32_t list_size() const { return data_->type->list_size(); }
  int64_t value_offset(int64_t i) const { return (data_->offset + i) * list_size(); }
  const ArrayPtr& values() const { return values_; }
  ArrayPtr value_slice(int64_t i) const { return values_->Slice(value_offset(i), list_size()); }

 private:
  ArrayPtr values_;
};

class StructArray : public Array {
 public:
  using Array::Array;
  int num_fields() const { return static_cast<int>(data_->children.size()); }
  /// Child i, sliced to this array's offset and length.
  ArrayPtr field(int i) const;
  ArrayPtr GetFieldByName(const std::string& name) const;
};

class DictionaryArray : public Array {
 public:
  using Array::Array;
  /// The indices as an integer array of the index type.
  ArrayPtr indices() const;
  ArrayPtr dictionary() const { return MakeArray(data_->dictionary); }
  /// Index of value i, widened to int64.
  int64_t GetValueIndex(int64_t i) const;
};

/// Bytes of value i of any string or binary array (Utf8, LargeUtf8, views,
/// Binary kinds, FixedSizeBinary, or a dictionary of those).
std::string_view GetBinaryView(const Array& array, int64_t i);

}  // namespace quiver
