// Casts to strings: the Arrow display form of each value (dates, times,
// timestamps with offsets, decimals, intervals, nested values), except that
// floats use the shortest round-trip form with an exponent for very large
// or small magnitudes, as DataFusion's cast prints them.
#include <charconv>
#include <cmath>

#include "quiver/arrow/compute/cast_internal.h"
#include "quiver/arrow/float16.h"
#include "quiver/arrow/pretty_print.h"

namespace quiver::compute::internal {

namespace {

// Shortest digits of the value in its own precision (float or double).
template <typename T>
void AppendFloat(T v, std::string* out) {
  if (std::isnan(v)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(v)) {
    out->append(v < 0 ? "-inf" : "inf");
    return;
  }
  char buf[400];
  const double mag = std::fabs(static_cast<double>(v));
  if (mag == 0 || (mag >= 1e-5 && mag < 1e16)) {
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    std::string_view s(buf, r.ptr - buf);
    out->append(s);
    if (s.find('.') == std::string_view::npos) out->append(".0");
    return;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view s(buf, r.ptr - buf);
  // "1e+20" -> "1e20", "1.5e-07" -> "1.5e-7"
  size_t e = s.find('e');
  out->append(s.substr(0, e));
  out->push_back('e');
  std::string_view exp = s.substr(e + 1);
  if (!exp.empty() && exp[0] == '+') exp.remove_prefix(1);
  bool neg = !exp.empty() && exp[0] == '-';
  if (neg) exp.remove_prefix(1);
  while (exp.size() > 1 && exp[0] == '0') exp.remove_prefix(1);
  if (neg) out->push_back('-');
  out->append(exp);
}

Status AppendString(ArrayBuilder* b, std::string_view v) {
  switch (b->type()->id()) {
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: return static_cast<LargeStringBuilder*>(b)->Append(v);
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: return static_cast<BinaryViewBuilder*>(b)->Append(v);
    default: return static_cast<StringBuilder*>(b)->Append(v);
  }
}

}  // namespace

Result<ArrayPtr> CastToString(const ArrayPtr& a, const DataTypePtr& to, const CastOptions&) {
  QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(to));
  const Array& arr = *a;
  const TypeId id = arr.type_id();
  std::string text;
  for (int64_t i = 0; i < arr.length(); ++i) {
    if (arr.IsNull(i)) {
      QUIVER_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    text.clear();
    switch (id) {
      case TypeId::kFloat64: AppendFloat(Values<double>(arr)[i], &text); break;
      case TypeId::kFloat32: AppendFloat(Values<float>(arr)[i], &text); break;
      case TypeId::kFloat16: AppendFloat(HalfToFloat(Values<uint16_t>(arr)[i]), &text); break;
      case TypeId::kBoolean:
        text = static_cast<const BooleanArray&>(arr).Value(i) ? "true" : "false";
        break;
      default: AppendValue(arr, i, &text);
    }
    QUIVER_RETURN_NOT_OK(AppendString(builder.get(), text));
  }
  return builder->Finish();
}

}  // namespace quiver::compute::internal
