#include "quiver/arrow/array_data.h"

#include <cstdint>

#include "quiver/arrow/bit_util.h"

namespace quiver {

int64_t ArrayData::GetNullCount() {
  if (null_count != kUnknownNullCount) return null_count;
  if (type->id() == TypeId::kNull) {
    null_count = length;
  } else if (buffers.empty() || !buffers[0]) {
    null_count = 0;
  } else {
    null_count = length - bit_util::CountSetBits(buffers[0]->data(), offset, length);
  }
  return null_count;
}

ArrayDataPtr ArrayData::Slice(int64_t off, int64_t len) const {
  auto out = std::make_shared<ArrayData>(*this);
  out->offset = offset + off;
  out->length = len;
  if (null_count != 0 || type->id() == TypeId::kNull) {
    out->null_count = type->id() == TypeId::kNull ? len : kUnknownNullCount;
  }
  return out;
}

namespace {

Status Invalid(const ArrayData& d, const std::string& what) {
  return Status::Arrow("Invalid " + d.type->ToString() + " array: " + what);
}

Status NeedBuffers(const ArrayData& d, size_t n) {
  if (d.buffers.size() < n) return Invalid(d, "expected " + std::to_string(n) + " buffers");
  for (size_t i = 1; i < n; ++i) {
    if (!d.buffers[i]) return Invalid(d, "buffer " + std::to_string(i) + " is missing");
  }
  return Status::OK();
}

Status CheckSize(const ArrayData& d, int i, int64_t needed) {
  if (d.buffers[i]->size() < needed) {
    return Invalid(d, "buffer " + std::to_string(i) + " has " +
                          std::to_string(d.buffers[i]->size()) + " bytes, needs " +
                          std::to_string(needed));
  }
  return Status::OK();
}

template <typename OffsetT>
Status ValidateOffsets(const ArrayData& d, int64_t child_or_data_length) {
  int64_t end = d.offset + d.length;
  QUIVER_RETURN_NOT_OK(CheckSize(d, 1, (end + 1) * static_cast<int64_t>(sizeof(OffsetT))));
  if (d.length == 0) return Status::OK();
  const auto* offsets = d.buffers[1]->data_as<OffsetT>();
  OffsetT prev = offsets[d.offset];
  if (prev < 0) return Invalid(d, "negative offset");
  for (int64_t i = d.offset + 1; i <= end; ++i) {
    if (offsets[i] < prev) return Invalid(d, "offsets are not monotonic");
    prev = offsets[i];
  }
  if (prev > child_or_data_length) return Invalid(d, "offset past the end of the values");
  return Status::OK();
}

// Every valid index must point into the dictionary.
template <typename IndexT>
Status CheckIndices(const ArrayData& d) {
  const auto* idx = d.buffers[1]->data_as<IndexT>();
  const uint8_t* valid = d.buffers[0] ? d.buffers[0]->data() : nullptr;
  const int64_t n = d.dictionary->length;
  for (int64_t i = d.offset; i < d.offset + d.length; ++i) {
    const int64_t v = static_cast<int64_t>(idx[i]);
    // (uint64 indices above INT64_MAX wrap to negative and fail too.)
    if ((v < 0 || v >= n) && (valid == nullptr || bit_util::GetBit(valid, i))) {
      return Invalid(d, "dictionary index " + std::to_string(v) + " out of range");
    }
  }
  return Status::OK();
}

Status ValidateDictionaryIndices(const ArrayData& d) {
  switch (d.type->index_type()->id()) {
    case TypeId::kInt8: return CheckIndices<int8_t>(d);
    case TypeId::kUInt8: return CheckIndices<uint8_t>(d);
    case TypeId::kInt16: return CheckIndices<int16_t>(d);
    case TypeId::kUInt16: return CheckIndices<uint16_t>(d);
    case TypeId::kInt32: return CheckIndices<int32_t>(d);
    case TypeId::kUInt32: return CheckIndices<uint32_t>(d);
    case TypeId::kInt64: return CheckIndices<int64_t>(d);
    case TypeId::kUInt64: return CheckIndices<uint64_t>(d);
    default: return Invalid(d, "dictionary index type is not an integer");
  }
}

}  // namespace

Status ArrayData::Validate() const {
  if (!type) return Status::Arrow("array without a type");
  if (length < 0 || offset < 0) return Invalid(*this, "negative length or offset");
  const int64_t end = offset + length;
  if (!buffers.empty() && buffers[0] && type->id() != TypeId::kNull) {
    QUIVER_RETURN_NOT_OK(CheckSize(*this, 0, bit_util::BytesForBits(end)));
  }
  switch (type->id()) {
    case TypeId::kNull: return Status::OK();
    case TypeId::kBoolean:
      QUIVER_RETURN_NOT_OK(NeedBuffers(*this, 2));
      return CheckSize(*this, 1, bit_util::BytesForBits(end));
    case TypeId::kUtf8:
    case TypeId::kBinary:
      QUIVER_RETURN_NOT_OK(NeedBuffers(*this, 2));
      return ValidateOffsets<int32_t>(*this,
                                      buffers.size() > 2 && buffers[2] ? buffers[2]->size() : 0);
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary:
      QUIVER_RETURN_NOT_OK(NeedBuffers(*this, 2));
      return ValidateOffsets<int64_t>(*this,
                                      buffers.size() > 2 && buffers[2] ? buffers[2]->size() : 0);
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      QUIVER_RETURN_NOT_OK(NeedBuffers(*this, 2));
      QUIVER_RETURN_NOT_OK(CheckSize(*this, 1, end * 16));
      const auto* views = reinterpret_cast<const int32_t*>(buffers[1]->data());
      for (int64_t i = offset; i < end; ++i) {
        const int32_t* v = views + i * 4;
        if (v[0] < 0) return Invalid(*this, "negative view length");
        if (v[0] <= 12) continue;
        int64_t b = 2 + static_cast<int64_t>(v[2]);
        if (v[2] < 0 || b >= static_cast<int64_t>(buffers.size()) || !buffers[b] || v[3] < 0 ||
            static_cast<int64_t>(v[3]) + v[0] > buffers[b]->size()) {
          return Invalid(*this, "view points outside its data buffer");
        }
      }
      return Status::OK();
    }
    case TypeId::kList:
    case TypeId::kMap:
      QUIVER_RETURN_NOT_OK(NeedBuffers(*this, 2));
      if (children.size() != 1 || !children[0]) return Invalid(*this, "expected one child");
      QUIVER_RETURN_NOT_OK(ValidateOffsets<int32_t>(*this, children[0]->length));
      return children[0]->Validate();
    case TypeId::kLargeList:
      QUIVER_RETURN_NOT_OK(NeedBuffers(*this, 2));
      if (children.size() != 1 || !children[0]) return Invalid(*this, "expected one child");
      QUIVER_RETURN_NOT_OK(ValidateOffsets<int64_t>(*this, children[0]->length));
      return children[0]->Validate();
    case TypeId::kFixedSizeList:
      if (children.size() != 1 || !children[0]) return Invalid(*this, "expected one child");
      if (children[0]->length < end * type->list_size()) return Invalid(*this, "child too short");
      return children[0]->Validate();
    case TypeId::kStruct:
      if (children.size() != static_cast<size_t>(type->num_fields())) {
        return Invalid(*this, "child count does not match the fields");
      }
      for (const auto& c : children) {
        if (!c || c->length < end) return Invalid(*this, "child too short");
        QUIVER_RETURN_NOT_OK(c->Validate());
      }
      return Status::OK();
    case TypeId::kDictionary: {
      QUIVER_RETURN_NOT_OK(NeedBuffers(*this, 2));
      if (!dictionary) return Invalid(*this, "missing dictionary");
      QUIVER_RETURN_NOT_OK(CheckSize(*this, 1, end * type->index_type()->bit_width() / 8));
      QUIVER_RETURN_NOT_OK(dictionary->Validate());
      return ValidateDictionaryIndices(*this);
    }
    default: {
      QUIVER_RETURN_NOT_OK(NeedBuffers(*this, 2));
      int bits = type->bit_width();
      return CheckSize(*this, 1, end * (bits / 8));
    }
  }
}

}  // namespace quiver
