#include "quiver/arrow/compute/kernel_util.h"

#include <cstring>

namespace quiver::compute::internal {

Result<BufferPtr> AllocateBitmap(int64_t length) {
  return AllocateBuffer(bit_util::BytesForBits(length));
}

Result<BufferPtr> AllocateSetBitmap(int64_t length) {
  QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(bit_util::BytesForBits(length)));
  if (length > 0) std::memset(buf->mutable_data(), 0xff, buf->size());
  return buf;
}

Result<int64_t> BinaryLength(const Datum& a, const Datum& b) {
  if (a.is_scalar && b.is_scalar) return int64_t{1};
  if (a.is_scalar) return b.length();
  if (b.is_scalar) return a.length();
  if (a.length() != b.length()) {
    return ComputeError("Cannot perform a binary operation on arrays of different length");
  }
  return a.length();
}

Status AndValidity(const Datum& d, int64_t length, BufferPtr* bitmap) {
  const Array& a = *d.array;
  if (d.is_scalar) {
    if (a.IsValid(0)) return Status::OK();
    if (!*bitmap) {
      QUIVER_ASSIGN_OR_RAISE(*bitmap, AllocateBitmap(length));
    } else {
      std::memset((*bitmap)->mutable_data(), 0, (*bitmap)->size());
    }
    return Status::OK();
  }
  if (a.type_id() == TypeId::kNull) {
    QUIVER_ASSIGN_OR_RAISE(*bitmap, AllocateBitmap(length));
    return Status::OK();
  }
  const uint8_t* src = a.null_bitmap_data();
  if (!src || a.null_count() == 0) return Status::OK();
  if (!*bitmap) {
    QUIVER_ASSIGN_OR_RAISE(*bitmap, AllocateBitmap(length));
    bit_util::CopyBitmap(src, a.offset(), length, (*bitmap)->mutable_data(), 0);
    return Status::OK();
  }
  uint8_t* dst = (*bitmap)->mutable_data();
  if (a.offset() % 8 == 0) {
    const uint8_t* s = src + a.offset() / 8;
    int64_t bytes = bit_util::BytesForBits(length);
    for (int64_t i = 0; i < bytes; ++i) dst[i] &= s[i];
  } else {
    for (int64_t i = 0; i < length; ++i) {
      if (!bit_util::GetBit(src, a.offset() + i)) bit_util::ClearBit(dst, i);
    }
  }
  return Status::OK();
}

Result<BufferPtr> CopyValidity(const Array& a) {
  if (a.type_id() == TypeId::kNull) return AllocateBitmap(a.length());
  if (a.null_count() == 0) return BufferPtr();
  QUIVER_ASSIGN_OR_RAISE(auto out, AllocateBitmap(a.length()));
  bit_util::CopyBitmap(a.null_bitmap_data(), a.offset(), a.length(), out->mutable_data(), 0);
  return out;
}

ArrayPtr MakeArrayFromBuffers(DataTypePtr type, int64_t length, BufferPtr validity,
                              std::vector<BufferPtr> rest, std::vector<ArrayDataPtr> children) {
  int64_t nulls = 0;
  if (validity) {
    nulls = length - bit_util::CountSetBits(validity->data(), 0, length);
    if (nulls == 0) validity = nullptr;
  }
  rest.insert(rest.begin(), std::move(validity));
  return MakeArray(
      ArrayData::Make(std::move(type), length, std::move(rest), nulls, 0, std::move(children)));
}

Result<ArrayPtr> MakeNullArray(const DataTypePtr& type, int64_t length) {
  QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(type));
  QUIVER_RETURN_NOT_OK(builder->AppendNulls(length));
  return builder->Finish();
}

int FixedByteWidth(const DataType& type) {
  if (type.id() == TypeId::kBoolean) return 0;
  if (type.id() == TypeId::kFixedSizeBinary) return type.byte_width();
  int width = -1;
  VisitFixedWidth(type, [&](auto tag) { width = sizeof(typename decltype(tag)::type); });
  return width;
}

}  // namespace quiver::compute::internal
