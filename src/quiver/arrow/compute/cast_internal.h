// Internal: the cast kernels by family, and the per-row loop they share.
#pragma once

#include <string>
#include <string_view>

#include "quiver/arrow/compute/decimal_util.h"
#include "quiver/arrow/compute/kernel_util.h"

namespace quiver::compute::internal {

/// Booleans, integers, floats (incl. float16) and decimals among themselves.
bool CanCastNumeric(const DataType& from, const DataType& to);
Result<ArrayPtr> CastNumeric(const ArrayPtr& array, const DataTypePtr& to, const CastOptions& o);

/// Any string layout -> numbers, booleans, decimals, dates, times,
/// timestamps, durations, intervals.
bool CanCastFromString(const DataType& to);
Result<ArrayPtr> CastFromString(const ArrayPtr& array, const DataTypePtr& to, const CastOptions& o);
/// Anything displayable -> Utf8 / LargeUtf8 / Utf8View.
Result<ArrayPtr> CastToString(const ArrayPtr& array, const DataTypePtr& to, const CastOptions& o);

/// Dates, times, timestamps, durations among themselves and from/to integers.
bool CanCastTemporal(const DataType& from, const DataType& to);
Result<ArrayPtr> CastTemporal(const ArrayPtr& array, const DataTypePtr& to, const CastOptions& o);

/// Writes Out values for every valid row with `f(i, &out) -> bool`; a false
/// row becomes null with to_null_on_error, else `error(i)` is returned.
template <typename Out, typename F, typename E>
Result<ArrayPtr> MapRows(const Array& in, const DataTypePtr& to, const CastOptions& o, F&& f,
                         E&& error) {
  const int64_t n = in.length();
  QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(n * static_cast<int64_t>(sizeof(Out))));
  Out* out = buf->mutable_data_as<Out>();
  QUIVER_ASSIGN_OR_RAISE(BufferPtr validity, CopyValidity(in));
  for (int64_t i = 0; i < n; ++i) {
    if (validity && !bit_util::GetBit(validity->data(), i)) continue;
    if (!f(i, &out[i])) {
      if (!o.to_null_on_error) return error(i);
      if (!validity) {
        QUIVER_ASSIGN_OR_RAISE(validity, AllocateSetBitmap(n));
      }
      bit_util::ClearBit(validity->mutable_data(), i);
      out[i] = Out{};
    }
  }
  return MakeArrayFromBuffers(to, n, std::move(validity), {std::move(buf)});
}

/// Decimal helpers.
/// Parses a decimal string into an unscaled value at `scale` (rounding half
/// away from zero); false when malformed or wider than `precision`.
bool ParseDecimal(std::string_view s, int32_t precision, int32_t scale, Int128* out);
bool Int256ToInt128(const Int256& v, Int128* out);
Int256 Int128ToInt256(Int128 v);

}  // namespace quiver::compute::internal
