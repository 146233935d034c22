// Builders: append values one by one or in bulk, then Finish() into an
// immutable array. Every type has one; MakeBuilder() picks it for a type.
#pragma once

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "quiver/arrow/array.h"

namespace quiver {

/// A growable buffer of T used inside builders.
template <typename T>
class TypedBufferBuilder {
 public:
  explicit TypedBufferBuilder(MemoryPool* pool) : pool_(pool) {}
  Status Reserve(int64_t additional) {
    if (!buffer_) {
      QUIVER_ASSIGN_OR_RAISE(buffer_, AllocateBuffer(0, pool_));
    }
    return buffer_->Reserve((length_ + additional) * static_cast<int64_t>(sizeof(T)));
  }
  Status Append(T v) {
    if (!buffer_ || (length_ + 1) * static_cast<int64_t>(sizeof(T)) > buffer_->capacity()) {
      QUIVER_RETURN_NOT_OK(Reserve(1));
    }
    UnsafeAppend(v);
    return Status::OK();
  }
  void UnsafeAppend(T v) { buffer_->template mutable_data_as<T>()[length_++] = v; }
  Status Append(const T* values, int64_t n) {
    QUIVER_RETURN_NOT_OK(Reserve(n));
    if (n > 0) std::memcpy(buffer_->template mutable_data_as<T>() + length_, values, n * sizeof(T));
    length_ += n;
    return Status::OK();
  }
  Status AppendCopies(int64_t n, T v) {
    QUIVER_RETURN_NOT_OK(Reserve(n));
    T* p = buffer_->template mutable_data_as<T>() + length_;
    for (int64_t i = 0; i < n; ++i) p[i] = v;
    length_ += n;
    return Status::OK();
  }
  int64_t length() const { return length_; }
  T* mutable_data() { return buffer_ ? buffer_->template mutable_data_as<T>() : nullptr; }
  T back() const { return buffer_->template data_as<T>()[length_ - 1]; }
  /// The filled part as a buffer; the builder starts over.
  Result<BufferPtr> Finish() {
    if (!buffer_) QUIVER_RETURN_NOT_OK(Reserve(0));
    QUIVER_RETURN_NOT_OK(buffer_->Resize(length_ * static_cast<int64_t>(sizeof(T)), false));
    BufferPtr out = std::move(buffer_);
    buffer_ = nullptr;
    length_ = 0;
    return out;
  }

 private:
  MemoryPool* pool_;
  BufferPtr buffer_;
  int64_t length_ = 0;
};

class ArrayBuilder {
 public:
  ArrayBuilder(DataTypePtr type, MemoryPool* pool) : type_(std::move(type)), pool_(pool) {}
  virtual ~ArrayBuilder() = default;

  const DataTypePtr& type() const { return type_; }
  int64_t length() const { return length_; }
  int64_t null_count() const { return null_count_; }

  Status AppendNull() { return AppendNulls(1); }
  virtual Status AppendNulls(int64_t n) = 0;
  /// Appends values [offset, offset + length) of `array`, which must have
  /// this builder's type (any offset; dictionary arrays are decoded).
  virtual Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) = 0;
  Status AppendArray(const Array& array) {
    return AppendArraySlice(*array.data(), 0, array.length());
  }
  virtual Status Reserve(int64_t additional);
  /// The built array; the builder is empty afterwards and can be reused.
  virtual Result<ArrayDataPtr> FinishData() = 0;
  Result<ArrayPtr> Finish();

 protected:
  Status AppendValidity(bool valid) { return AppendValidity(1, valid); }
  Status AppendValidity(int64_t n, bool valid);
  /// Copies validity of [offset, offset + n) from `array` (all valid if it has none).
  Status AppendValidityFrom(const ArrayData& array, int64_t offset, int64_t n);
  BufferPtr FinishValidity();
  /// Standard finish for one validity bitmap plus the given buffers.
  ArrayDataPtr MakeData(std::vector<BufferPtr> buffers, std::vector<ArrayDataPtr> children = {});

  DataTypePtr type_;
  MemoryPool* pool_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;

 private:
  Status MaterializeValidity();
  BufferPtr validity_;  // allocated at the first null only
};

Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(const DataTypePtr& type,
                                                  MemoryPool* pool = default_memory_pool());

class NullBuilder : public ArrayBuilder {
 public:
  explicit NullBuilder(MemoryPool* pool = default_memory_pool()) : ArrayBuilder(null(), pool) {}
  Status AppendNulls(int64_t n) override;
  Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) override;
  Result<ArrayDataPtr> FinishData() override;
};

class BooleanBuilder : public ArrayBuilder {
 public:
  explicit BooleanBuilder(MemoryPool* pool = default_memory_pool())
      : ArrayBuilder(boolean(), pool), bits_(pool) {}
  Status Append(bool v);
  Status AppendNulls(int64_t n) override;
  Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) override;
  Result<ArrayDataPtr> FinishData() override;

 private:
  Status AppendBits(int64_t n, bool v);
  TypedBufferBuilder<uint8_t> bits_;
};

/// Fixed-width values. T is the storage type (int32_t for Date32, Int128 for
/// Decimal128, IntervalMonthDayNano, ...).
template <typename T>
class PrimitiveBuilder : public ArrayBuilder {
 public:
  PrimitiveBuilder(DataTypePtr type, MemoryPool* pool = default_memory_pool())
      : ArrayBuilder(std::move(type), pool), values_(pool) {}
  Status Append(T v) {
    QUIVER_RETURN_NOT_OK(AppendValidity(true));
    return values_.Append(v);
  }
  /// Appends n values; `validity` (bit-packed, at validity_offset) may be null.
  Status AppendValues(const T* values, int64_t n, const uint8_t* validity = nullptr,
                      int64_t validity_offset = 0);
  Status AppendNulls(int64_t n) override;
  Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) override;
  Status Reserve(int64_t additional) override;
  Result<ArrayDataPtr> FinishData() override;
  T* mutable_values() { return values_.mutable_data(); }

 private:
  TypedBufferBuilder<T> values_;
};

using Int8Builder = PrimitiveBuilder<int8_t>;
using Int16Builder = PrimitiveBuilder<int16_t>;
using Int32Builder = PrimitiveBuilder<int32_t>;
using Int64Builder = PrimitiveBuilder<int64_t>;
using UInt8Builder = PrimitiveBuilder<uint8_t>;
using UInt16Builder = PrimitiveBuilder<uint16_t>;
using UInt32Builder = PrimitiveBuilder<uint32_t>;
using UInt64Builder = PrimitiveBuilder<uint64_t>;
using Float32Builder = PrimitiveBuilder<float>;
using Float64Builder = PrimitiveBuilder<double>;
using Decimal128Builder = PrimitiveBuilder<Int128>;
using Decimal256Builder = PrimitiveBuilder<Int256>;

extern template class PrimitiveBuilder<int8_t>;
extern template class PrimitiveBuilder<int16_t>;
extern template class PrimitiveBuilder<int32_t>;
extern template class PrimitiveBuilder<int64_t>;
extern template class PrimitiveBuilder<uint8_t>;
extern template class PrimitiveBuilder<uint16_t>;
extern template class PrimitiveBuilder<uint32_t>;
extern template class PrimitiveBuilder<uint64_t>;
extern template class PrimitiveBuilder<float>;
extern template class PrimitiveBuilder<double>;
extern template class PrimitiveBuilder<Int128>;
extern template class PrimitiveBuilder<Int256>;
extern template class PrimitiveBuilder<IntervalDayTime>;
extern template class PrimitiveBuilder<IntervalMonthDayNano>;

/// Utf8/Binary (int32 offsets) and LargeUtf8/LargeBinary (int64 offsets).
template <typename OffsetT>
class BaseBinaryBuilder : public ArrayBuilder {
 public:
  BaseBinaryBuilder(DataTypePtr type, MemoryPool* pool = default_memory_pool());
  Status Append(std::string_view v);
  Status AppendNulls(int64_t n) override;
  Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) override;
  Status Reserve(int64_t additional) override;
  Status ReserveData(int64_t bytes) { return data_.Reserve(bytes); }
  Result<ArrayDataPtr> FinishData() override;
  int64_t value_data_length() const { return data_.length(); }

 private:
  TypedBufferBuilder<OffsetT> offsets_;
  TypedBufferBuilder<char> data_;
};

using StringBuilder = BaseBinaryBuilder<int32_t>;
using LargeStringBuilder = BaseBinaryBuilder<int64_t>;
using BinaryBuilder = BaseBinaryBuilder<int32_t>;
using LargeBinaryBuilder = BaseBinaryBuilder<int64_t>;
extern template class BaseBinaryBuilder<int32_t>;
extern template class BaseBinaryBuilder<int64_t>;

/// Utf8View/BinaryView.
class BinaryViewBuilder : public ArrayBuilder {
 public:
  BinaryViewBuilder(DataTypePtr type, MemoryPool* pool = default_memory_pool())
      : ArrayBuilder(std::move(type), pool), views_(pool), data_(pool) {}
  Status Append(std::string_view v);
  Status AppendNulls(int64_t n) override;
  Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) override;
  Result<ArrayDataPtr> FinishData() override;

 private:
  TypedBufferBuilder<StringViewHeader> views_;
  TypedBufferBuilder<char> data_;  // one variadic buffer
};

class FixedSizeBinaryBuilder : public ArrayBuilder {
 public:
  FixedSizeBinaryBuilder(DataTypePtr type, MemoryPool* pool = default_memory_pool())
      : ArrayBuilder(std::move(type), pool), data_(pool) {}
  /// `v` must be exactly byte_width() bytes.
  Status Append(std::string_view v);
  Status AppendNulls(int64_t n) override;
  Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) override;
  Result<ArrayDataPtr> FinishData() override;

 private:
  TypedBufferBuilder<uint8_t> data_;
};

/// List, LargeList and Map: call Append() to start a list, then append its
/// elements to value_builder().
template <typename OffsetT>
class BaseListBuilder : public ArrayBuilder {
 public:
  BaseListBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> value_builder,
                  MemoryPool* pool = default_memory_pool());
  Status Append(bool valid = true);
  Status AppendNulls(int64_t n) override;
  Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) override;
  Result<ArrayDataPtr> FinishData() override;
  ArrayBuilder* value_builder() { return values_.get(); }

 private:
  TypedBufferBuilder<OffsetT> offsets_;
  std::unique_ptr<ArrayBuilder> values_;
};

using ListBuilder = BaseListBuilder<int32_t>;
using LargeListBuilder = BaseListBuilder<int64_t>;
extern template class BaseListBuilder<int32_t>;
extern template class BaseListBuilder<int64_t>;

class FixedSizeListBuilder : public ArrayBuilder {
 public:
  FixedSizeListBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> value_builder,
                       MemoryPool* pool = default_memory_pool())
      : ArrayBuilder(std::move(type), pool), values_(std::move(value_builder)) {}
  /// Starts a valid list; append exactly list_size() values to value_builder().
  Status Append();
  Status AppendNulls(int64_t n) override;
  Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) override;
  Result<ArrayDataPtr> FinishData() override;
  ArrayBuilder* value_builder() { return values_.get(); }

 private:
  std::unique_ptr<ArrayBuilder> values_;
};

/// Struct: Append() marks a valid row; append one value to every child.
class StructBuilder : public ArrayBuilder {
 public:
  StructBuilder(DataTypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> children,
                MemoryPool* pool = default_memory_pool())
      : ArrayBuilder(std::move(type), pool), children_(std::move(children)) {}
  Status Append(bool valid = true);
  /// Appends a null row (and a null to every child).
  Status AppendNulls(int64_t n) override;
  Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) override;
  Result<ArrayDataPtr> FinishData() override;
  ArrayBuilder* field_builder(int i) { return children_[i].get(); }
  int num_fields() const { return static_cast<int>(children_.size()); }

 private:
  std::vector<std::unique_ptr<ArrayBuilder>> children_;
};

/// Dictionary-encodes values as they arrive (any value type, any integer
/// index type); equal values share one dictionary entry.
class DictionaryBuilder : public ArrayBuilder {
 public:
  DictionaryBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> value_builder,
                    MemoryPool* pool = default_memory_pool());
  ~DictionaryBuilder() override;
  /// Appends the value held at `index` of `values` (of the value type).
  Status AppendValueFrom(const ArrayData& values, int64_t index);
  /// For string/binary value types.
  Status Append(std::string_view v);
  Status AppendNulls(int64_t n) override;
  Status AppendArraySlice(const ArrayData& array, int64_t offset, int64_t length) override;
  Result<ArrayDataPtr> FinishData() override;

 private:
  struct Memo;
  Status AppendIndex(int64_t index);
  std::unique_ptr<ArrayBuilder> values_;
  std::unique_ptr<ArrayBuilder> indices_;
  std::unique_ptr<Memo> memo_;
};

/// Builds an array from a list of optional values (for tests and literals).
template <typename T>
Result<ArrayPtr> ArrayFromVector(const DataTypePtr& type, const std::vector<T>& values,
                                 const std::vector<bool>& valid = {});

}  // namespace quiver
