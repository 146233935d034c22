// Internal helpers shared by the compute kernels: output buffers, validity
// combination, scalar broadcasting and storage-type dispatch. Not part of the
// public API.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"

namespace quiver::compute::internal {

/// A zeroed bitmap for `length` bits.
Result<BufferPtr> AllocateBitmap(int64_t length);
/// An all-set bitmap for `length` bits.
Result<BufferPtr> AllocateSetBitmap(int64_t length);

/// Number of output rows for a binary operation (scalars broadcast); checks
/// that two arrays have equal lengths.
Result<int64_t> BinaryLength(const Datum& a, const Datum& b);

/// Validity of `d` expanded to `length` rows (a scalar broadcasts) ANDed into
/// `*bitmap` (created on first use; null stays "all valid").
Status AndValidity(const Datum& d, int64_t length, BufferPtr* bitmap);

/// The validity of `a` copied to bit 0 (null when it has no nulls).
Result<BufferPtr> CopyValidity(const Array& a);

/// Wraps buffers as an array; null_count is computed from the bitmap.
ArrayPtr MakeArrayFromBuffers(DataTypePtr type, int64_t length, BufferPtr validity,
                              std::vector<BufferPtr> rest, std::vector<ArrayDataPtr> children = {});

/// An all-null array of any type.
Result<ArrayPtr> MakeNullArray(const DataTypePtr& type, int64_t length);

/// Byte width of fixed-width storage (boolean: 0, variable: -1).
int FixedByteWidth(const DataType& type);

/// Returns the dictionary-decoded array (itself if not a dictionary).
Result<ArrayPtr> DecodeDictionary(const ArrayPtr& array);

/// Take with indices already widened and checked: -1 means a null row.
Result<ArrayPtr> TakeInt64(const ArrayPtr& values, const std::vector<int64_t>& indices);

/// "Arrow error: Cast error: ..." style messages.
inline Status CastError(std::string msg) { return Status::Arrow("Cast error: " + std::move(msg)); }
inline Status OverflowError(std::string msg) {
  return Status::Arrow("Arithmetic overflow: " + std::move(msg));
}
inline Status DivideByZero() { return Status::Arrow("Divide by zero error"); }
inline Status ComputeError(std::string msg) {
  return Status::Arrow("Compute error: " + std::move(msg));
}

template <typename T>
struct Tag {
  using type = T;
};

/// Calls f(Tag<T>{}) with the storage type of a fixed-width type (integers,
/// floats with float16 as uint16_t, decimals, temporal, intervals); returns
/// false for other types.
template <typename F>
bool VisitFixedWidth(const DataType& t, F&& f) {
  switch (t.id()) {
    case TypeId::kInt8: f(Tag<int8_t>{}); return true;
    case TypeId::kInt16: f(Tag<int16_t>{}); return true;
    case TypeId::kInt32:
    case TypeId::kDate32:
    case TypeId::kTime32: f(Tag<int32_t>{}); return true;
    case TypeId::kInt64:
    case TypeId::kDate64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: f(Tag<int64_t>{}); return true;
    case TypeId::kUInt8: f(Tag<uint8_t>{}); return true;
    case TypeId::kUInt16:
    case TypeId::kFloat16: f(Tag<uint16_t>{}); return true;
    case TypeId::kUInt32: f(Tag<uint32_t>{}); return true;
    case TypeId::kUInt64: f(Tag<uint64_t>{}); return true;
    case TypeId::kFloat32: f(Tag<float>{}); return true;
    case TypeId::kFloat64: f(Tag<double>{}); return true;
    case TypeId::kDecimal128: f(Tag<Int128>{}); return true;
    case TypeId::kDecimal256: f(Tag<Int256>{}); return true;
    case TypeId::kInterval:
      switch (t.interval_unit()) {
        case IntervalUnit::kYearMonth: f(Tag<int32_t>{}); return true;
        case IntervalUnit::kDayTime: f(Tag<IntervalDayTime>{}); return true;
        case IntervalUnit::kMonthDayNano: f(Tag<IntervalMonthDayNano>{}); return true;
      }
      return false;
    default: return false;
  }
}

/// Values buffer of a fixed-width array, at its offset.
template <typename T>
const T* Values(const Array& a) {
  return a.data()->buffers[1]->data_as<T>() + a.offset();
}

}  // namespace quiver::compute::internal
