#include "quiver/logical/literal_narrowing.h"

#include "quiver/arrow/compute/compute.h"
#include "quiver/logical/type_coercion.h"

namespace quiver {

namespace {

bool IsExactNumber(const DataType& t) { return t.is_integer() || t.id() == TypeId::kDecimal128; }

}  // namespace

bool WidensLosslessly(const DataType& from, const DataType& to) {
  if (from.is_integer() && to.is_integer()) {
    if (from.is_signed_integer()) {
      return to.is_signed_integer() && to.bit_width() >= from.bit_width();
    }
    return to.is_signed_integer() ? to.bit_width() > from.bit_width()
                                  : to.bit_width() >= from.bit_width();
  }
  if (to.id() != TypeId::kDecimal128) return false;
  DataTypePtr d = from.is_integer() ? DecimalForInteger(from) : nullptr;
  const DataType& f = d ? *d : from;
  if (f.id() != TypeId::kDecimal128) return false;
  return to.scale() >= f.scale() && to.precision() - to.scale() >= f.precision() - f.scale();
}

std::optional<ScalarValue> NarrowComparisonLiteral(const ScalarValue& lit, const DataTypePtr& own,
                                                   const DataTypePtr& common) {
  if (lit.is_null() || own->Equals(*common) || !IsExactNumber(*own) || !IsExactNumber(*common) ||
      !WidensLosslessly(*own, *common)) {
    return std::nullopt;
  }
  auto at_common = compute::Cast(lit.array(), common);
  if (!at_common.ok()) return std::nullopt;
  auto at_own = compute::Cast(*at_common, own);
  if (!at_own.ok()) return std::nullopt;
  auto back = compute::Cast(*at_own, common);
  if (!back.ok() || !(*back)->Equals(**at_common)) return std::nullopt;
  return ScalarValue(*at_own);
}

}  // namespace quiver
