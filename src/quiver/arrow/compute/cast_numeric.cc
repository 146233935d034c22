// Numeric casts: booleans, integers, floats and decimals among themselves.
// Out-of-range values are errors (or nulls for TRY_CAST); float -> integer
// truncates toward zero; decimal rescaling rounds half away from zero.
#include <charconv>
#include <cmath>
#include <limits>

#include "quiver/arrow/compute/cast_internal.h"
#include "quiver/arrow/float16.h"
#include "quiver/arrow/pretty_print.h"

namespace quiver::compute::internal {

namespace {

bool IsPlainNumeric(TypeId id) {
  switch (id) {
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64: return true;
    default: return false;
  }
}

template <typename F>
void VisitPlain(TypeId id, F&& f) {
  switch (id) {
    case TypeId::kInt8: return f(Tag<int8_t>{});
    case TypeId::kInt16: return f(Tag<int16_t>{});
    case TypeId::kInt32: return f(Tag<int32_t>{});
    case TypeId::kInt64: return f(Tag<int64_t>{});
    case TypeId::kUInt8: return f(Tag<uint8_t>{});
    case TypeId::kUInt16: return f(Tag<uint16_t>{});
    case TypeId::kUInt32: return f(Tag<uint32_t>{});
    case TypeId::kUInt64: return f(Tag<uint64_t>{});
    case TypeId::kFloat32: return f(Tag<float>{});
    case TypeId::kFloat64: return f(Tag<double>{});
    default: return;
  }
}

template <typename D, typename S>
inline bool ConvertOne(S v, D* out) {
  if constexpr (std::is_integral_v<S> && std::is_integral_v<D>) {
    if constexpr (std::is_signed_v<S> == std::is_signed_v<D> && sizeof(D) >= sizeof(S)) {
      *out = static_cast<D>(v);
      return true;
    } else {
      if (!std::in_range<D>(v)) return false;
      *out = static_cast<D>(v);
      return true;
    }
  } else if constexpr (std::is_floating_point_v<S> && std::is_integral_v<D>) {
    if (!std::isfinite(v)) return false;
    double t = std::trunc(static_cast<double>(v));
    const double lo = static_cast<double>(std::numeric_limits<D>::min());
    const double hi = std::ldexp(1.0, std::numeric_limits<D>::digits);
    if (t < lo || t >= hi) return false;
    *out = static_cast<D>(t);
    return true;
  } else {
    *out = static_cast<D>(v);
    return true;
  }
}

std::string ValueText(const Array& a, int64_t i) { return FormatValue(a, i); }

Status CantCast(const Array& a, int64_t i, const DataType& to) {
  return CastError("Can't cast value " + ValueText(a, i) + " to type " + to.ToString());
}

template <typename S, typename D>
Result<ArrayPtr> CastPlain(const ArrayPtr& a, const DataTypePtr& to, const CastOptions& o) {
  const S* in = Values<S>(*a);
  return MapRows<D>(
      *a, to, o, [&](int64_t i, D* out) { return ConvertOne<D>(in[i], out); },
      [&](int64_t i) { return CantCast(*a, i, *to); });
}

// Reads row i as a double (for float16 and decimal sources).
double AsDouble(const Array& a, int64_t i) {
  const DataType& t = *a.type();
  switch (t.id()) {
    case TypeId::kFloat16: return HalfToFloat(Values<uint16_t>(a)[i]);
    case TypeId::kDecimal128:
      return static_cast<double>(Values<Int128>(a)[i]) / std::pow(10.0, t.scale());
    case TypeId::kDecimal256: {
      Int128 v;
      if (Int256ToInt128(Values<Int256>(a)[i], &v)) {
        return static_cast<double>(v) / std::pow(10.0, t.scale());
      }
      double d = 0;
      const auto& w = Values<Int256>(a)[i];
      Int256 mag = w.is_negative() ? w.Negate() : w;
      for (int k = 3; k >= 0; --k)
        d = d * 18446744073709551616.0 + static_cast<double>(mag.words[k]);
      return (w.is_negative() ? -d : d) / std::pow(10.0, t.scale());
    }
    default: {
      double d = 0;
      VisitPlain(t.id(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        d = static_cast<double>(Values<T>(a)[i]);
      });
      return d;
    }
  }
}

// Reads row i as an unscaled Int128 at `scale`; false when out of range.
bool AsScaled(const Array& a, int64_t i, int32_t scale, Int128* out) {
  const DataType& t = *a.type();
  auto rescale = [&](Int128 v, int32_t from) {
    if (scale >= from) {
      return !__builtin_mul_overflow(v, Pow10(scale - from), out);
    }
    Int128 div = Pow10(from - scale);
    Int128 q = v / div, r = v % div;
    if ((r < 0 ? -r : r) * 2 >= div) q += v < 0 ? -1 : 1;
    *out = q;
    return true;
  };
  switch (t.id()) {
    case TypeId::kBoolean: return rescale(static_cast<const BooleanArray&>(a).Value(i) ? 1 : 0, 0);
    case TypeId::kDecimal128: return rescale(Values<Int128>(a)[i], t.scale());
    case TypeId::kDecimal256: {
      Int128 v;
      return Int256ToInt128(Values<Int256>(a)[i], &v) && rescale(v, t.scale());
    }
    case TypeId::kFloat16:
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double d = AsDouble(a, i) * std::pow(10.0, scale);
      if (!std::isfinite(d)) return false;
      d = std::round(d);
      if (std::fabs(d) >= 1.7e38) return false;
      *out = static_cast<Int128>(d);
      return true;
    }
    default: {
      bool ok = false;
      VisitPlain(t.id(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (std::is_integral_v<T>) ok = rescale(static_cast<Int128>(Values<T>(a)[i]), 0);
      });
      return ok;
    }
  }
}

Result<ArrayPtr> ToDecimal(const ArrayPtr& a, const DataTypePtr& to, const CastOptions& o) {
  const int32_t p = to->precision(), s = to->scale();
  const Int128 max =
      p >= 39 ? static_cast<Int128>(~static_cast<unsigned __int128>(0) >> 1) : Pow10(p) - 1;
  if (to->id() == TypeId::kDecimal128 &&
      (a->type()->is_integer() || a->type()->id() == TypeId::kDecimal128)) {
    // Scaling up by one power of ten for the whole array; any row out of
    // range falls through to the per-row path for its error (or null).
    QUIVER_ASSIGN_OR_RAISE(auto buf, AllocateBuffer(a->length() * 16));
    if (ScaleUpToDecimal128(*a, p, s, buf->mutable_data_as<Int128>())) {
      QUIVER_ASSIGN_OR_RAISE(auto validity, CopyValidity(*a));
      return MakeArrayFromBuffers(to, a->length(), std::move(validity), {std::move(buf)});
    }
  }
  auto convert = [&](int64_t i, Int128* v) {
    return AsScaled(*a, i, s, v) && *v <= max && *v >= -max;
  };
  auto error = [&](int64_t i) {
    Int128 v;
    if (AsScaled(*a, i, s, &v)) {
      return Status::Arrow(
          "Invalid argument error: " + Int128ToString(v) + " is too large to store in a " +
          (to->id() == TypeId::kDecimal128 ? "Decimal128" : "Decimal256") + " of precision " +
          std::to_string(p) + ". Max is " + Int128ToString(max));
    }
    return CastError("Cannot cast to " + to->ToString() + ". Overflowing on " + ValueText(*a, i));
  };
  if (to->id() == TypeId::kDecimal128) return MapRows<Int128>(*a, to, o, convert, error);
  return MapRows<Int256>(
      *a, to, o,
      [&](int64_t i, Int256* out) {
        Int128 v;
        if (!convert(i, &v)) return false;
        *out = Int128ToInt256(v);
        return true;
      },
      error);
}

}  // namespace

bool Int256ToInt128(const Int256& v, Int128* out) {
  uint64_t ext = (v.words[1] >> 63) ? ~uint64_t{0} : 0;
  if (v.words[2] != ext || v.words[3] != ext) return false;
  *out = static_cast<Int128>((static_cast<unsigned __int128>(v.words[1]) << 64) | v.words[0]);
  return true;
}

Int256 Int128ToInt256(Int128 v) { return Int256::FromInt128(v); }

bool CanCastNumeric(const DataType& from, const DataType& to) {
  auto numeric = [](const DataType& t) {
    return IsPlainNumeric(t.id()) || t.id() == TypeId::kBoolean || t.id() == TypeId::kFloat16 ||
           t.is_decimal();
  };
  return numeric(from) && numeric(to);
}

Result<ArrayPtr> CastNumeric(const ArrayPtr& a, const DataTypePtr& to, const CastOptions& o) {
  const DataType& from = *a->type();
  if (to->is_decimal()) return ToDecimal(a, to, o);
  if (to->id() == TypeId::kBoolean) {
    // Non-zero is true.
    const int64_t n = a->length();
    QUIVER_ASSIGN_OR_RAISE(auto bits, AllocateBitmap(n));
    QUIVER_ASSIGN_OR_RAISE(auto validity, CopyValidity(*a));
    for (int64_t i = 0; i < n; ++i) {
      if (a->IsValid(i) && AsDouble(*a, i) != 0) bit_util::SetBit(bits->mutable_data(), i);
    }
    if (from.is_decimal()) {
      for (int64_t i = 0; i < n; ++i) {
        Int128 v;
        bool nz = a->IsValid(i) && (!AsScaled(*a, i, from.scale(), &v) || v != 0);
        bit_util::SetBitTo(bits->mutable_data(), i, nz);
      }
    }
    return MakeArrayFromBuffers(to, n, std::move(validity), {std::move(bits)});
  }
  if (to->id() == TypeId::kFloat16) {
    return MapRows<uint16_t>(
        *a, to, o,
        [&](int64_t i, uint16_t* out) {
          *out = FloatToHalf(static_cast<float>(AsDouble(*a, i)));
          return true;
        },
        [&](int64_t i) { return CantCast(*a, i, *to); });
  }
  if (IsPlainNumeric(from.id())) {
    Result<ArrayPtr> out = Status::NotImplemented("cast");
    VisitPlain(from.id(), [&](auto stag) {
      using S = typename decltype(stag)::type;
      VisitPlain(to->id(), [&](auto dtag) {
        using D = typename decltype(dtag)::type;
        out = CastPlain<S, D>(a, to, o);
      });
    });
    return out;
  }
  // Boolean, float16 or decimal source into a plain numeric type.
  Result<ArrayPtr> out = Status::NotImplemented("cast from " + from.ToString());
  VisitPlain(to->id(), [&](auto dtag) {
    using D = typename decltype(dtag)::type;
    out = MapRows<D>(
        *a, to, o,
        [&](int64_t i, D* v) {
          if (from.id() == TypeId::kBoolean) {
            *v = static_cast<const BooleanArray&>(*a).Value(i) ? 1 : 0;
            return true;
          }
          if constexpr (std::is_integral_v<D>) {
            if (from.is_decimal()) {
              Int128 scaled;
              // Truncate toward zero: rescale down without rounding.
              if (!AsScaled(*a, i, from.scale(), &scaled)) return false;
              Int128 whole = scaled / Pow10(from.scale());
              if (!std::in_range<D>(static_cast<int64_t>(whole)) || whole > INT64_MAX ||
                  whole < INT64_MIN) {
                if constexpr (std::is_same_v<D, uint64_t>) {
                  if (whole >= 0 && whole <= static_cast<Int128>(UINT64_MAX)) {
                    *v = static_cast<D>(whole);
                    return true;
                  }
                }
                return false;
              }
              *v = static_cast<D>(whole);
              return true;
            }
          }
          return ConvertOne<D>(AsDouble(*a, i), v);
        },
        [&](int64_t i) { return CantCast(*a, i, *to); });
  });
  return out;
}

}  // namespace quiver::compute::internal
