// Take: gather rows by index for every type. Indices are first widened to
// int64 (-1 = null row) so each layout needs one typed gather loop; nested
// types recurse into their children and dictionaries keep their encoding.
#include <cstring>
#include <limits>

#include "quiver/arrow/compute/kernel_util.h"

namespace quiver::compute {

namespace internal {
namespace {

// Validity of the output: index valid and source row valid.
Result<BufferPtr> GatherValidity(const Array& values, const std::vector<int64_t>& idx) {
  const int64_t n = static_cast<int64_t>(idx.size());
  const uint8_t* src = values.null_count() > 0 ? values.null_bitmap_data() : nullptr;
  bool any_null_index = false;
  for (int64_t i : idx) any_null_index |= i < 0;
  if (!src && !any_null_index) return BufferPtr();
  QUIVER_ASSIGN_OR_RAISE(auto out, AllocateBitmap(n));
  uint8_t* dst = out->mutable_data();
  const int64_t off = values.offset();
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = idx[i];
    bool valid = j >= 0 && (!src || bit_util::GetBit(src, off + j));
    if (valid) bit_util::SetBit(dst, i);
  }
  return out;
}

template <typename T>
Result<BufferPtr> GatherFixed(const Array& values, const std::vector<int64_t>& idx) {
  const int64_t n = static_cast<int64_t>(idx.size());
  QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(n * static_cast<int64_t>(sizeof(T))));
  T* out = buf->mutable_data_as<T>();
  const T* in = Values<T>(values);
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = idx[i];
    out[i] = j >= 0 ? in[j] : T{};
  }
  return buf;
}

Result<BufferPtr> GatherBytes(const Array& values, const std::vector<int64_t>& idx, int width) {
  const int64_t n = static_cast<int64_t>(idx.size());
  QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(n * width));
  uint8_t* out = buf->mutable_data();
  const uint8_t* in = values.data()->buffers[1]->data() + values.offset() * width;
  for (int64_t i = 0; i < n; ++i) {
    if (idx[i] >= 0) std::memcpy(out + i * width, in + idx[i] * width, width);
  }
  return buf;
}

template <typename OffsetT>
Result<ArrayPtr> TakeBinary(const ArrayPtr& values, const std::vector<int64_t>& idx,
                            BufferPtr validity) {
  const auto& a = static_cast<const BaseBinaryArray<OffsetT>&>(*values);
  const int64_t n = static_cast<int64_t>(idx.size());
  QUIVER_ASSIGN_OR_RAISE(auto offsets, AllocateBuffer((n + 1) * sizeof(OffsetT)));
  OffsetT* o = offsets->mutable_data_as<OffsetT>();
  const OffsetT* src = a.raw_offsets();
  int64_t total = 0;
  o[0] = 0;
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = idx[i];
    if (j >= 0) total += src[j + 1] - src[j];
    if (total > std::numeric_limits<OffsetT>::max()) {
      return Status::ResourcesExhausted("take: string data exceeds the offset type");
    }
    o[i + 1] = static_cast<OffsetT>(total);
  }
  QUIVER_ASSIGN_OR_RAISE(auto data, AllocateBuffer(total));
  char* d = data->mutable_data_as<char>();
  const char* in = a.raw_data();
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = idx[i];
    if (j >= 0) std::memcpy(d + o[i], in + src[j], src[j + 1] - src[j]);
  }
  return MakeArrayFromBuffers(values->type(), n, std::move(validity),
                              {std::move(offsets), std::move(data)});
}

template <typename OffsetT>
Result<ArrayPtr> TakeList(const ArrayPtr& values, const std::vector<int64_t>& idx,
                          BufferPtr validity) {
  const auto& a = static_cast<const BaseListArray<OffsetT>&>(*values);
  const int64_t n = static_cast<int64_t>(idx.size());
  QUIVER_ASSIGN_OR_RAISE(auto offsets, AllocateBuffer((n + 1) * sizeof(OffsetT)));
  OffsetT* o = offsets->mutable_data_as<OffsetT>();
  const OffsetT* src = a.raw_offsets();
  std::vector<int64_t> child_idx;
  o[0] = 0;
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = idx[i];
    if (j >= 0 && a.IsValid(j)) {
      for (OffsetT k = src[j]; k < src[j + 1]; ++k) child_idx.push_back(k);
    }
    if (static_cast<int64_t>(child_idx.size()) > std::numeric_limits<OffsetT>::max()) {
      return Status::ResourcesExhausted("take: list exceeds the offset type");
    }
    o[i + 1] = static_cast<OffsetT>(child_idx.size());
  }
  QUIVER_ASSIGN_OR_RAISE(auto child, TakeInt64(a.values(), child_idx));
  return MakeArrayFromBuffers(values->type(), n, std::move(validity), {std::move(offsets)},
                              {child->data()});
}

}  // namespace

Result<ArrayPtr> TakeInt64(const ArrayPtr& values, const std::vector<int64_t>& idx) {
  const DataType& t = *values->type();
  const int64_t n = static_cast<int64_t>(idx.size());
  if (t.id() == TypeId::kNull) return MakeNullArray(values->type(), n);
  QUIVER_ASSIGN_OR_RAISE(auto validity, GatherValidity(*values, idx));
  switch (t.id()) {
    case TypeId::kBoolean: {
      QUIVER_ASSIGN_OR_RAISE(auto bits, AllocateBitmap(n));
      const auto& b = static_cast<const BooleanArray&>(*values);
      uint8_t* dst = bits->mutable_data();
      for (int64_t i = 0; i < n; ++i) {
        if (idx[i] >= 0 && b.Value(idx[i])) bit_util::SetBit(dst, i);
      }
      return MakeArrayFromBuffers(values->type(), n, std::move(validity), {std::move(bits)});
    }
    case TypeId::kUtf8:
    case TypeId::kBinary: return TakeBinary<int32_t>(values, idx, std::move(validity));
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: return TakeBinary<int64_t>(values, idx, std::move(validity));
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      // Views are gathered; the variadic data buffers are shared as they are.
      QUIVER_ASSIGN_OR_RAISE(auto views, GatherFixed<StringViewHeader>(*values, idx));
      std::vector<BufferPtr> bufs = {std::move(views)};
      const auto& src = values->data()->buffers;
      for (size_t k = 2; k < src.size(); ++k) bufs.push_back(src[k]);
      return MakeArrayFromBuffers(values->type(), n, std::move(validity), std::move(bufs));
    }
    case TypeId::kFixedSizeBinary: {
      QUIVER_ASSIGN_OR_RAISE(auto bytes, GatherBytes(*values, idx, t.byte_width()));
      return MakeArrayFromBuffers(values->type(), n, std::move(validity), {std::move(bytes)});
    }
    case TypeId::kList: return TakeList<int32_t>(values, idx, std::move(validity));
    case TypeId::kMap: return TakeList<int32_t>(values, idx, std::move(validity));
    case TypeId::kLargeList: return TakeList<int64_t>(values, idx, std::move(validity));
    case TypeId::kFixedSizeList: {
      const auto& a = static_cast<const FixedSizeListArray&>(*values);
      const int64_t size = a.list_size();
      std::vector<int64_t> child_idx(n * size, -1);
      for (int64_t i = 0; i < n; ++i) {
        if (idx[i] < 0) continue;
        int64_t base = a.value_offset(idx[i]);
        for (int64_t k = 0; k < size; ++k) child_idx[i * size + k] = base + k;
      }
      QUIVER_ASSIGN_OR_RAISE(auto child, TakeInt64(a.values(), child_idx));
      return MakeArrayFromBuffers(values->type(), n, std::move(validity), {}, {child->data()});
    }
    case TypeId::kStruct: {
      const auto& a = static_cast<const StructArray&>(*values);
      std::vector<ArrayDataPtr> children;
      for (int f = 0; f < a.num_fields(); ++f) {
        QUIVER_ASSIGN_OR_RAISE(auto child, TakeInt64(a.field(f), idx));
        children.push_back(child->data());
      }
      return MakeArrayFromBuffers(values->type(), n, std::move(validity), {}, std::move(children));
    }
    case TypeId::kDictionary: {
      const auto& a = static_cast<const DictionaryArray&>(*values);
      QUIVER_ASSIGN_OR_RAISE(auto taken, TakeInt64(a.indices(), idx));
      auto d = std::make_shared<ArrayData>(*taken->data());
      d->type = values->type();
      d->dictionary = values->data()->dictionary;
      return MakeArray(d);
    }
    default: break;
  }
  Result<BufferPtr> buf = Status::NotImplemented("take for " + t.ToString());
  VisitFixedWidth(t, [&](auto tag) {
    using T = typename decltype(tag)::type;
    buf = GatherFixed<T>(*values, idx);
  });
  QUIVER_RETURN_NOT_OK(buf.status());
  return MakeArrayFromBuffers(values->type(), n, std::move(validity), {std::move(*buf)});
}

Result<ArrayPtr> DecodeDictionary(const ArrayPtr& array) {
  if (array->type_id() != TypeId::kDictionary) return array;
  const auto& d = static_cast<const DictionaryArray&>(*array);
  std::vector<int64_t> idx(array->length());
  const int64_t dict_len = array->data()->dictionary->length;
  for (int64_t i = 0; i < array->length(); ++i) {
    if (array->IsNull(i)) {
      idx[i] = -1;
      continue;
    }
    int64_t j = d.GetValueIndex(i);
    if (j < 0 || j >= dict_len) return ComputeError("dictionary index out of bounds");
    idx[i] = j;
  }
  return TakeInt64(d.dictionary(), idx);
}

}  // namespace internal

namespace {

template <typename I>
Status WidenIndices(const Array& indices, int64_t bound, std::vector<int64_t>* out) {
  const I* raw = internal::Values<I>(indices);
  const int64_t n = indices.length();
  out->resize(n);
  const bool nulls = indices.null_count() > 0;
  for (int64_t i = 0; i < n; ++i) {
    if (nulls && indices.IsNull(i)) {
      (*out)[i] = -1;
      continue;
    }
    I v = raw[i];
    if constexpr (std::is_signed_v<I>) {
      if (v < 0 || static_cast<int64_t>(v) >= bound) {
        return internal::ComputeError("Array index out of bounds, cannot get item at index " +
                                      std::to_string(v) + " from " + std::to_string(bound) +
                                      " entries");
      }
    } else {
      if (v >= static_cast<uint64_t>(bound)) {
        return internal::ComputeError("Array index out of bounds, cannot get item at index " +
                                      std::to_string(v) + " from " + std::to_string(bound) +
                                      " entries");
      }
    }
    (*out)[i] = static_cast<int64_t>(v);
  }
  return Status::OK();
}

Status WidenAny(const Array& indices, int64_t bound, std::vector<int64_t>* idx) {
  switch (indices.type_id()) {
    case TypeId::kInt32: return WidenIndices<int32_t>(indices, bound, idx);
    case TypeId::kInt64: return WidenIndices<int64_t>(indices, bound, idx);
    case TypeId::kUInt32: return WidenIndices<uint32_t>(indices, bound, idx);
    case TypeId::kUInt64: return WidenIndices<uint64_t>(indices, bound, idx);
    case TypeId::kNull: idx->assign(indices.length(), -1); return Status::OK();
    default:
      return Status::Internal("take: indices must be Int32, Int64, UInt32 or UInt64, got " +
                              indices.type()->ToString());
  }
}

}  // namespace

Result<ArrayPtr> Take(const ArrayPtr& values, const Array& indices) {
  std::vector<int64_t> idx;
  QUIVER_RETURN_NOT_OK(WidenAny(indices, values->length(), &idx));
  return internal::TakeInt64(values, idx);
}

Result<RecordBatchPtr> TakeBatch(const RecordBatchPtr& batch, const Array& indices) {
  std::vector<int64_t> idx;
  QUIVER_RETURN_NOT_OK(WidenAny(indices, batch->num_rows(), &idx));
  std::vector<ArrayPtr> cols;
  cols.reserve(batch->num_columns());
  for (const auto& c : batch->columns()) {
    QUIVER_ASSIGN_OR_RAISE(auto t, internal::TakeInt64(c, idx));
    cols.push_back(std::move(t));
  }
  return RecordBatch::Make(batch->schema(), static_cast<int64_t>(idx.size()), std::move(cols));
}

}  // namespace quiver::compute
