#include "quiver/arrow/builder.h"

#include <limits>
#include <string>

#include "quiver/arrow/bit_util.h"

namespace quiver {

// ---- ArrayBuilder ----

Result<ArrayPtr> ArrayBuilder::Finish() {
  QUIVER_ASSIGN_OR_RAISE(auto data, FinishData());
  return MakeArray(std::move(data));
}

Status ArrayBuilder::Reserve(int64_t) { return Status::OK(); }

Status ArrayBuilder::MaterializeValidity() {
  QUIVER_ASSIGN_OR_RAISE(validity_, AllocateBuffer(bit_util::BytesForBits(length_ + 1), pool_));
  bit_util::SetBitsTo(validity_->mutable_data(), 0, length_, true);
  return Status::OK();
}

Status ArrayBuilder::AppendValidity(int64_t n, bool valid) {
  if (!valid && !validity_) QUIVER_RETURN_NOT_OK(MaterializeValidity());
  if (validity_) {
    QUIVER_RETURN_NOT_OK(validity_->Resize(bit_util::BytesForBits(length_ + n)));
    bit_util::SetBitsTo(validity_->mutable_data(), length_, n, valid);
  }
  if (!valid) null_count_ += n;
  length_ += n;
  return Status::OK();
}

Status ArrayBuilder::AppendValidityFrom(const ArrayData& array, int64_t offset, int64_t n) {
  const bool has_bitmap = !array.buffers.empty() && array.buffers[0] != nullptr;
  if (array.type->id() == TypeId::kNull) return AppendValidity(n, false);
  if (!has_bitmap) return AppendValidity(n, true);
  const uint8_t* bits = array.buffers[0]->data();
  int64_t valid = bit_util::CountSetBits(bits, array.offset + offset, n);
  if (valid == n) return AppendValidity(n, true);
  if (!validity_) QUIVER_RETURN_NOT_OK(MaterializeValidity());
  QUIVER_RETURN_NOT_OK(validity_->Resize(bit_util::BytesForBits(length_ + n)));
  bit_util::CopyBitmap(bits, array.offset + offset, n, validity_->mutable_data(), length_);
  null_count_ += n - valid;
  length_ += n;
  return Status::OK();
}

BufferPtr ArrayBuilder::FinishValidity() {
  BufferPtr out = null_count_ > 0 ? std::move(validity_) : nullptr;
  validity_ = nullptr;
  return out;
}

ArrayDataPtr ArrayBuilder::MakeData(std::vector<BufferPtr> buffers,
                                    std::vector<ArrayDataPtr> children) {
  buffers.insert(buffers.begin(), FinishValidity());
  auto data =
      ArrayData::Make(type_, length_, std::move(buffers), null_count_, 0, std::move(children));
  length_ = 0;
  null_count_ = 0;
  return data;
}

// ---- Null ----

Status NullBuilder::AppendNulls(int64_t n) {
  length_ += n;
  null_count_ += n;
  return Status::OK();
}
Status NullBuilder::AppendArraySlice(const ArrayData&, int64_t, int64_t length) {
  return AppendNulls(length);
}
Result<ArrayDataPtr> NullBuilder::FinishData() {
  auto d = ArrayData::Make(null(), length_, {nullptr}, length_);
  length_ = null_count_ = 0;
  return d;
}

// ---- Boolean ----

Status BooleanBuilder::AppendBits(int64_t n, bool v) {
  int64_t bits_after = length_ + n;
  QUIVER_RETURN_NOT_OK(bits_.Reserve(bit_util::BytesForBits(bits_after) - bits_.length()));
  while (bits_.length() < bit_util::BytesForBits(bits_after)) bits_.UnsafeAppend(0);
  bit_util::SetBitsTo(bits_.mutable_data(), length_, n, v);
  return Status::OK();
}

Status BooleanBuilder::Append(bool v) {
  QUIVER_RETURN_NOT_OK(AppendBits(1, v));
  return AppendValidity(true);
}

Status BooleanBuilder::AppendNulls(int64_t n) {
  QUIVER_RETURN_NOT_OK(AppendBits(n, false));
  return AppendValidity(n, false);
}

Status BooleanBuilder::AppendArraySlice(const ArrayData& a, int64_t offset, int64_t n) {
  QUIVER_RETURN_NOT_OK(AppendBits(n, false));
  bit_util::CopyBitmap(a.buffers[1]->data(), a.offset + offset, n, bits_.mutable_data(), length_);
  return AppendValidityFrom(a, offset, n);
}

Result<ArrayDataPtr> BooleanBuilder::FinishData() {
  QUIVER_ASSIGN_OR_RAISE(auto bits, bits_.Finish());
  return MakeData({std::move(bits)});
}

// ---- Primitive ----

template <typename T>
Status PrimitiveBuilder<T>::AppendValues(const T* values, int64_t n, const uint8_t* validity,
                                         int64_t validity_offset) {
  QUIVER_RETURN_NOT_OK(values_.Append(values, n));
  if (validity == nullptr) return AppendValidity(n, true);
  ArrayData tmp;
  tmp.type = type_;
  tmp.offset = validity_offset;
  tmp.buffers = {std::make_shared<Buffer>(validity, bit_util::BytesForBits(validity_offset + n))};
  return AppendValidityFrom(tmp, 0, n);
}

template <typename T>
Status PrimitiveBuilder<T>::AppendNulls(int64_t n) {
  QUIVER_RETURN_NOT_OK(values_.AppendCopies(n, T{}));
  return AppendValidity(n, false);
}

template <typename T>
Status PrimitiveBuilder<T>::AppendArraySlice(const ArrayData& a, int64_t offset, int64_t n) {
  QUIVER_RETURN_NOT_OK(values_.Append(a.buffers[1]->data_as<T>() + a.offset + offset, n));
  return AppendValidityFrom(a, offset, n);
}

template <typename T>
Status PrimitiveBuilder<T>::Reserve(int64_t additional) {
  return values_.Reserve(additional);
}

template <typename T>
Result<ArrayDataPtr> PrimitiveBuilder<T>::FinishData() {
  QUIVER_ASSIGN_OR_RAISE(auto values, values_.Finish());
  return MakeData({std::move(values)});
}

template class PrimitiveBuilder<int8_t>;
template class PrimitiveBuilder<int16_t>;
template class PrimitiveBuilder<int32_t>;
template class PrimitiveBuilder<int64_t>;
template class PrimitiveBuilder<uint8_t>;
template class PrimitiveBuilder<uint16_t>;
template class PrimitiveBuilder<uint32_t>;
template class PrimitiveBuilder<uint64_t>;
template class PrimitiveBuilder<float>;
template class PrimitiveBuilder<double>;
template class PrimitiveBuilder<Int128>;
template class PrimitiveBuilder<Int256>;
template class PrimitiveBuilder<IntervalDayTime>;
template class PrimitiveBuilder<IntervalMonthDayNano>;

// ---- Binary ----

template <typename OffsetT>
BaseBinaryBuilder<OffsetT>::BaseBinaryBuilder(DataTypePtr type, MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), offsets_(pool), data_(pool) {}

template <typename OffsetT>
Status BaseBinaryBuilder<OffsetT>::Append(std::string_view v) {
  if (offsets_.length() == 0) QUIVER_RETURN_NOT_OK(offsets_.Append(0));
  if (static_cast<uint64_t>(data_.length()) + v.size() >
      static_cast<uint64_t>(std::numeric_limits<OffsetT>::max())) {
    return Status::ResourcesExhausted("string array larger than its offset type allows");
  }
  QUIVER_RETURN_NOT_OK(data_.Append(v.data(), static_cast<int64_t>(v.size())));
  QUIVER_RETURN_NOT_OK(offsets_.Append(static_cast<OffsetT>(data_.length())));
  return AppendValidity(true);
}

template <typename OffsetT>
Status BaseBinaryBuilder<OffsetT>::AppendNulls(int64_t n) {
  if (offsets_.length() == 0) QUIVER_RETURN_NOT_OK(offsets_.Append(0));
  QUIVER_RETURN_NOT_OK(offsets_.AppendCopies(n, static_cast<OffsetT>(data_.length())));
  return AppendValidity(n, false);
}

template <typename OffsetT>
Status BaseBinaryBuilder<OffsetT>::AppendArraySlice(const ArrayData& a, int64_t offset, int64_t n) {
  const bool wide_source =
      a.type->id() == TypeId::kLargeUtf8 || a.type->id() == TypeId::kLargeBinary;
  if (a.type->id() == TypeId::kDictionary || a.type->id() == TypeId::kUtf8View ||
      a.type->id() == TypeId::kBinaryView || a.type->id() == TypeId::kFixedSizeBinary ||
      wide_source != (sizeof(OffsetT) == 8)) {
    // Foreign layouts (views, dictionaries, other offset width): value by value.
    auto arr = MakeArray(std::make_shared<ArrayData>(a));
    for (int64_t i = offset; i < offset + n; ++i) {
      if (arr->IsNull(i)) {
        QUIVER_RETURN_NOT_OK(AppendNull());
      } else {
        QUIVER_RETURN_NOT_OK(Append(GetBinaryView(*arr, i)));
      }
    }
    return Status::OK();
  }
  if (offsets_.length() == 0) QUIVER_RETURN_NOT_OK(offsets_.Append(0));
  const OffsetT* src = a.buffers[1]->data_as<OffsetT>() + a.offset + offset;
  const char* bytes = a.buffers.size() > 2 && a.buffers[2] ? a.buffers[2]->data_as<char>() : "";
  OffsetT base = src[0];
  int64_t total = static_cast<int64_t>(src[n]) - base;
  if (data_.length() + total > static_cast<int64_t>(std::numeric_limits<OffsetT>::max())) {
    return Status::ResourcesExhausted("string array larger than its offset type allows");
  }
  QUIVER_RETURN_NOT_OK(data_.Append(bytes + base, total));
  QUIVER_RETURN_NOT_OK(offsets_.Reserve(n));
  OffsetT shift = static_cast<OffsetT>(data_.length() - total) - base;
  for (int64_t i = 1; i <= n; ++i) offsets_.UnsafeAppend(src[i] + shift);
  return AppendValidityFrom(a, offset, n);
}

template <typename OffsetT>
Status BaseBinaryBuilder<OffsetT>::Reserve(int64_t additional) {
  return offsets_.Reserve(additional + 1);
}

template <typename OffsetT>
Result<ArrayDataPtr> BaseBinaryBuilder<OffsetT>::FinishData() {
  if (offsets_.length() == 0) QUIVER_RETURN_NOT_OK(offsets_.Append(0));
  QUIVER_ASSIGN_OR_RAISE(auto offsets, offsets_.Finish());
  QUIVER_ASSIGN_OR_RAISE(auto data, data_.Finish());
  return MakeData({std::move(offsets), std::move(data)});
}

template class BaseBinaryBuilder<int32_t>;
template class BaseBinaryBuilder<int64_t>;

// ---- Binary view ----

Status BinaryViewBuilder::Append(std::string_view v) {
  StringViewHeader h{};
  h.size = static_cast<int32_t>(v.size());
  if (v.size() <= static_cast<size_t>(kInlineViewSize)) {
    std::memcpy(h.inlined, v.data(), v.size());
  } else {
    if (data_.length() + static_cast<int64_t>(v.size()) > std::numeric_limits<int32_t>::max()) {
      return Status::ResourcesExhausted("string view data buffer over 2 GiB");
    }
    std::memcpy(h.ref.prefix, v.data(), 4);
    h.ref.buffer_index = 0;
    h.ref.offset = static_cast<int32_t>(data_.length());
    QUIVER_RETURN_NOT_OK(data_.Append(v.data(), static_cast<int64_t>(v.size())));
  }
  QUIVER_RETURN_NOT_OK(views_.Append(h));
  return AppendValidity(true);
}

Status BinaryViewBuilder::AppendNulls(int64_t n) {
  QUIVER_RETURN_NOT_OK(views_.AppendCopies(n, StringViewHeader{}));
  return AppendValidity(n, false);
}

Status BinaryViewBuilder::AppendArraySlice(const ArrayData& a, int64_t offset, int64_t n) {
  auto arr = MakeArray(std::make_shared<ArrayData>(a));
  for (int64_t i = offset; i < offset + n; ++i) {
    if (arr->IsNull(i)) {
      QUIVER_RETURN_NOT_OK(AppendNull());
    } else {
      QUIVER_RETURN_NOT_OK(Append(GetBinaryView(*arr, i)));
    }
  }
  return Status::OK();
}

Result<ArrayDataPtr> BinaryViewBuilder::FinishData() {
  QUIVER_ASSIGN_OR_RAISE(auto views, views_.Finish());
  QUIVER_ASSIGN_OR_RAISE(auto data, data_.Finish());
  return MakeData({std::move(views), std::move(data)});
}

// ---- Fixed size binary ----

Status FixedSizeBinaryBuilder::Append(std::string_view v) {
  if (static_cast<int32_t>(v.size()) != type_->byte_width()) {
    return Status::Arrow("FixedSizeBinary(" + std::to_string(type_->byte_width()) + ") value has " +
                         std::to_string(v.size()) + " bytes");
  }
  QUIVER_RETURN_NOT_OK(
      data_.Append(reinterpret_cast<const uint8_t*>(v.data()), static_cast<int64_t>(v.size())));
  return AppendValidity(true);
}

Status FixedSizeBinaryBuilder::AppendNulls(int64_t n) {
  QUIVER_RETURN_NOT_OK(data_.AppendCopies(n * type_->byte_width(), 0));
  return AppendValidity(n, false);
}

Status FixedSizeBinaryBuilder::AppendArraySlice(const ArrayData& a, int64_t offset, int64_t n) {
  int64_t w = type_->byte_width();
  QUIVER_RETURN_NOT_OK(data_.Append(a.buffers[1]->data() + (a.offset + offset) * w, n * w));
  return AppendValidityFrom(a, offset, n);
}

Result<ArrayDataPtr> FixedSizeBinaryBuilder::FinishData() {
  QUIVER_ASSIGN_OR_RAISE(auto data, data_.Finish());
  return MakeData({std::move(data)});
}

// ---- Lists ----

template <typename OffsetT>
BaseListBuilder<OffsetT>::BaseListBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> values,
                                          MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), offsets_(pool), values_(std::move(values)) {}

template <typename OffsetT>
Status BaseListBuilder<OffsetT>::Append(bool valid) {
  if (offsets_.length() == 0) QUIVER_RETURN_NOT_OK(offsets_.Append(0));
  // The previous list ends where the child builder is now.
  offsets_.mutable_data()[offsets_.length() - 1] = static_cast<OffsetT>(values_->length());
  QUIVER_RETURN_NOT_OK(offsets_.Append(static_cast<OffsetT>(values_->length())));
  return AppendValidity(valid);
}

template <typename OffsetT>
Status BaseListBuilder<OffsetT>::AppendNulls(int64_t n) {
  for (int64_t i = 0; i < n; ++i) QUIVER_RETURN_NOT_OK(Append(false));
  return Status::OK();
}

template <typename OffsetT>
Status BaseListBuilder<OffsetT>::AppendArraySlice(const ArrayData& a, int64_t offset, int64_t n) {
  if (offsets_.length() == 0) QUIVER_RETURN_NOT_OK(offsets_.Append(0));
  offsets_.mutable_data()[offsets_.length() - 1] = static_cast<OffsetT>(values_->length());
  if (a.type->id() == TypeId::kFixedSizeList) {
    int64_t size = a.type->list_size();
    QUIVER_RETURN_NOT_OK(
        values_->AppendArraySlice(*a.children[0], (a.offset + offset) * size, n * size));
    for (int64_t i = 0; i < n; ++i) {
      OffsetT end = offsets_.back() + static_cast<OffsetT>(size);
      QUIVER_RETURN_NOT_OK(offsets_.Append(end));
    }
    return AppendValidityFrom(a, offset, n);
  }
  // Source offsets may be 32 or 64 bits (List vs LargeList).
  auto src_offset = [&](int64_t i) -> int64_t {
    if (a.type->id() == TypeId::kLargeList) return a.buffers[1]->data_as<int64_t>()[a.offset + i];
    return a.buffers[1]->data_as<int32_t>()[a.offset + i];
  };
  int64_t first = src_offset(offset);
  int64_t last = src_offset(offset + n);
  QUIVER_RETURN_NOT_OK(values_->AppendArraySlice(*a.children[0], first, last - first));
  OffsetT shift = offsets_.back() - static_cast<OffsetT>(first);
  QUIVER_RETURN_NOT_OK(offsets_.Reserve(n));
  for (int64_t i = 1; i <= n; ++i) {
    offsets_.UnsafeAppend(static_cast<OffsetT>(src_offset(offset + i)) + shift);
  }
  return AppendValidityFrom(a, offset, n);
}

template <typename OffsetT>
Result<ArrayDataPtr> BaseListBuilder<OffsetT>::FinishData() {
  if (offsets_.length() == 0) QUIVER_RETURN_NOT_OK(offsets_.Append(0));
  offsets_.mutable_data()[offsets_.length() - 1] = static_cast<OffsetT>(values_->length());
  QUIVER_ASSIGN_OR_RAISE(auto offsets, offsets_.Finish());
  QUIVER_ASSIGN_OR_RAISE(auto child, values_->FinishData());
  return MakeData({std::move(offsets)}, {std::move(child)});
}

template class BaseListBuilder<int32_t>;
template class BaseListBuilder<int64_t>;

Status FixedSizeListBuilder::Append() { return AppendValidity(true); }

Status FixedSizeListBuilder::AppendNulls(int64_t n) {
  QUIVER_RETURN_NOT_OK(values_->AppendNulls(n * type_->list_size()));
  return AppendValidity(n, false);
}

Status FixedSizeListBuilder::AppendArraySlice(const ArrayData& a, int64_t offset, int64_t n) {
  int64_t size = type_->list_size();
  QUIVER_RETURN_NOT_OK(
      values_->AppendArraySlice(*a.children[0], (a.offset + offset) * size, n * size));
  return AppendValidityFrom(a, offset, n);
}

Result<ArrayDataPtr> FixedSizeListBuilder::FinishData() {
  QUIVER_ASSIGN_OR_RAISE(auto child, values_->FinishData());
  return MakeData({}, {std::move(child)});
}

// ---- Struct ----

Status StructBuilder::Append(bool valid) { return AppendValidity(valid); }

Status StructBuilder::AppendNulls(int64_t n) {
  for (auto& c : children_) QUIVER_RETURN_NOT_OK(c->AppendNulls(n));
  return AppendValidity(n, false);
}

Status StructBuilder::AppendArraySlice(const ArrayData& a, int64_t offset, int64_t n) {
  for (size_t i = 0; i < children_.size(); ++i) {
    QUIVER_RETURN_NOT_OK(children_[i]->AppendArraySlice(*a.children[i], a.offset + offset, n));
  }
  return AppendValidityFrom(a, offset, n);
}

Result<ArrayDataPtr> StructBuilder::FinishData() {
  std::vector<ArrayDataPtr> kids;
  for (auto& c : children_) {
    QUIVER_ASSIGN_OR_RAISE(auto d, c->FinishData());
    kids.push_back(std::move(d));
  }
  return MakeData({}, std::move(kids));
}

// ---- Factory ----

Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(const DataTypePtr& type, MemoryPool* pool) {
  std::unique_ptr<ArrayBuilder> out;
  switch (type->id()) {
    case TypeId::kNull: out = std::make_unique<NullBuilder>(pool); break;
    case TypeId::kBoolean: out = std::make_unique<BooleanBuilder>(pool); break;
    case TypeId::kInt8: out = std::make_unique<Int8Builder>(type, pool); break;
    case TypeId::kInt16: out = std::make_unique<Int16Builder>(type, pool); break;
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32: out = std::make_unique<Int32Builder>(type, pool); break;
    case TypeId::kInt64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: out = std::make_unique<Int64Builder>(type, pool); break;
    case TypeId::kUInt8: out = std::make_unique<UInt8Builder>(type, pool); break;
    case TypeId::kUInt16:
    case TypeId::kFloat16: out = std::make_unique<UInt16Builder>(type, pool); break;
    case TypeId::kUInt32: out = std::make_unique<UInt32Builder>(type, pool); break;
    case TypeId::kUInt64: out = std::make_unique<UInt64Builder>(type, pool); break;
    case TypeId::kFloat32: out = std::make_unique<Float32Builder>(type, pool); break;
    case TypeId::kFloat64: out = std::make_unique<Float64Builder>(type, pool); break;
    case TypeId::kDecimal128: out = std::make_unique<Decimal128Builder>(type, pool); break;
    case TypeId::kDecimal256: out = std::make_unique<Decimal256Builder>(type, pool); break;
    case TypeId::kInterval:
      switch (type->interval_unit()) {
        case IntervalUnit::kYearMonth: out = std::make_unique<Int32Builder>(type, pool); break;
        case IntervalUnit::kDayTime:
          out = std::make_unique<PrimitiveBuilder<IntervalDayTime>>(type, pool);
          break;
        case IntervalUnit::kMonthDayNano:
          out = std::make_unique<PrimitiveBuilder<IntervalMonthDayNano>>(type, pool);
          break;
      }
      break;
    case TypeId::kUtf8:
    case TypeId::kBinary: out = std::make_unique<StringBuilder>(type, pool); break;
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: out = std::make_unique<LargeStringBuilder>(type, pool); break;
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: out = std::make_unique<BinaryViewBuilder>(type, pool); break;
    case TypeId::kFixedSizeBinary:
      out = std::make_unique<FixedSizeBinaryBuilder>(type, pool);
      break;
    case TypeId::kList:
    case TypeId::kMap: {
      QUIVER_ASSIGN_OR_RAISE(auto child, MakeBuilder(type->field(0)->type(), pool));
      out = std::make_unique<ListBuilder>(type, std::move(child), pool);
      break;
    }
    case TypeId::kLargeList: {
      QUIVER_ASSIGN_OR_RAISE(auto child, MakeBuilder(type->field(0)->type(), pool));
      out = std::make_unique<LargeListBuilder>(type, std::move(child), pool);
      break;
    }
    case TypeId::kFixedSizeList: {
      QUIVER_ASSIGN_OR_RAISE(auto child, MakeBuilder(type->field(0)->type(), pool));
      out = std::make_unique<FixedSizeListBuilder>(type, std::move(child), pool);
      break;
    }
    case TypeId::kStruct: {
      std::vector<std::unique_ptr<ArrayBuilder>> kids;
      for (const auto& f : type->fields()) {
        QUIVER_ASSIGN_OR_RAISE(auto child, MakeBuilder(f->type(), pool));
        kids.push_back(std::move(child));
      }
      out = std::make_unique<StructBuilder>(type, std::move(kids), pool);
      break;
    }
    case TypeId::kDictionary: {
      QUIVER_ASSIGN_OR_RAISE(auto values, MakeBuilder(type->value_type(), pool));
      out = std::make_unique<DictionaryBuilder>(type, std::move(values), pool);
      break;
    }
  }
  if (!out) return Status::NotImplemented("no builder for " + type->ToString());
  return out;
}

}  // namespace quiver
