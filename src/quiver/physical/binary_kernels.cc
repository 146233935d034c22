#include "quiver/physical/binary_kernels.h"

#include "quiver/arrow/builder.h"

namespace quiver {

namespace {
int64_t OutputLength(const compute::Datum& l, const compute::Datum& r) {
  if (l.is_scalar && !r.is_scalar) return r.length();
  return l.length();
}
}  // namespace

Result<ArrayPtr> ConcatStrings(const compute::Datum& l, const compute::Datum& r,
                               const DataTypePtr& result_type) {
  const int64_t n = OutputLength(l, r);
  QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(result_type));
  std::string buf;
  for (int64_t i = 0; i < n; ++i) {
    int64_t li = l.is_scalar ? 0 : i, ri = r.is_scalar ? 0 : i;
    if (l.array->IsNull(li) || r.array->IsNull(ri)) {
      QUIVER_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    buf.assign(GetBinaryView(*l.array, li));
    buf.append(GetBinaryView(*r.array, ri));
    if (result_type->id() == TypeId::kLargeUtf8) {
      QUIVER_RETURN_NOT_OK(static_cast<LargeStringBuilder*>(builder.get())->Append(buf));
    } else {
      QUIVER_RETURN_NOT_OK(static_cast<StringBuilder*>(builder.get())->Append(buf));
    }
  }
  return builder->Finish();
}

Result<ArrayPtr> Bitwise(Operator op, const compute::Datum& l, const compute::Datum& r,
                         const DataTypePtr& result_type) {
  if (result_type->id() == TypeId::kNull) {
    NullBuilder b;
    QUIVER_RETURN_NOT_OK(b.AppendNulls(OutputLength(l, r)));
    return b.Finish();
  }
  // Computed in 64 bits, then narrowed back to the operands' type.
  QUIVER_ASSIGN_OR_RAISE(auto la, compute::Cast(l.array, int64()));
  QUIVER_ASSIGN_OR_RAISE(auto ra, compute::Cast(r.array, int64()));
  const auto& a = static_cast<const Int64Array&>(*la);
  const auto& b = static_cast<const Int64Array&>(*ra);
  const int64_t n = OutputLength(l, r);
  const int bits = result_type->bit_width();
  Int64Builder out(int64());
  QUIVER_RETURN_NOT_OK(out.Reserve(n));
  for (int64_t i = 0; i < n; ++i) {
    int64_t li = l.is_scalar ? 0 : i, ri = r.is_scalar ? 0 : i;
    if (a.IsNull(li) || b.IsNull(ri)) {
      QUIVER_RETURN_NOT_OK(out.AppendNull());
      continue;
    }
    int64_t x = a.Value(li), y = b.Value(ri), v = 0;
    uint64_t shift = static_cast<uint64_t>(y) % static_cast<uint64_t>(bits);
    switch (op) {
      case Operator::kBitwiseAnd: v = x & y; break;
      case Operator::kBitwiseOr: v = x | y; break;
      case Operator::kBitwiseXor: v = x ^ y; break;
      case Operator::kBitwiseShiftLeft: v = static_cast<int64_t>(static_cast<uint64_t>(x) << shift); break;
      case Operator::kBitwiseShiftRight: v = x >> shift; break;
      default: return Status::Internal("not a bitwise operator");
    }
    QUIVER_RETURN_NOT_OK(out.Append(v));
  }
  QUIVER_ASSIGN_OR_RAISE(auto wide, out.Finish());
  compute::CastOptions wrap;
  wrap.to_null_on_error = false;
  return compute::Cast(wide, result_type, wrap);
}

}  // namespace quiver
