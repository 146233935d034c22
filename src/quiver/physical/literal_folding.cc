#include "quiver/physical/literal_folding.h"

#include "quiver/arrow/record_batch.h"

namespace quiver {

namespace {

bool IsExactNumber(const DataType& t) { return t.is_integer() || t.id() == TypeId::kDecimal128; }

// Every value of `from` is exactly a value of `to`, in the same order.
bool WidensLosslessly(const DataType& from, const DataType& to) {
  if (from.is_integer() && to.is_integer()) {
    if (from.is_signed_integer())
      return to.is_signed_integer() && to.bit_width() >= from.bit_width();
    return to.is_signed_integer() ? to.bit_width() > from.bit_width()
                                  : to.bit_width() >= from.bit_width();
  }
  if (to.id() != TypeId::kDecimal128) return false;
  DataTypePtr d = from.is_integer() ? DecimalForInteger(from) : nullptr;
  const DataType& f = d ? *d : from;
  if (f.id() != TypeId::kDecimal128) return false;
  return to.scale() >= f.scale() && to.precision() - to.scale() >= f.precision() - f.scale();
}

// The literal as `target` when converting it to `common` and to `target`
// agree exactly; null otherwise.
PhysicalExprPtr Narrowed(const LiteralExpr& lit, const DataTypePtr& target,
                         const DataTypePtr& common) {
  if (lit.value().is_null()) return nullptr;
  auto at_common = compute::Cast(lit.value().array(), common);
  if (!at_common.ok()) return nullptr;
  auto at_target = compute::Cast(*at_common, target);
  if (!at_target.ok()) return nullptr;
  auto back = compute::Cast(*at_target, common);
  if (!back.ok() || !(*back)->Equals(**at_common)) return nullptr;
  return std::make_shared<LiteralExpr>(ScalarValue(*at_target));
}

}  // namespace

bool IsLiteral(const PhysicalExprPtr& e) {
  return dynamic_cast<const LiteralExpr*>(e.get()) != nullptr;
}

PhysicalExprPtr FoldToLiteral(PhysicalExprPtr e) {
  static const RecordBatchPtr kOneRow = RecordBatch::Make(schema({}), 1, {});
  auto v = e->Evaluate(*kOneRow);
  if (!v.ok() || !v->is_scalar || v->array->length() != 1 || !v->type()->Equals(*e->type())) {
    return e;
  }
  return std::make_shared<LiteralExpr>(ScalarValue(v->array));
}

void NarrowComparisonLiteral(PhysicalExprPtr* left, PhysicalExprPtr* right, BinaryTypes* types) {
  const bool lit_right = IsLiteral(*right) && !IsLiteral(*left);
  const bool lit_left = IsLiteral(*left) && !IsLiteral(*right);
  if (!lit_right && !lit_left) return;
  PhysicalExprPtr& other = lit_right ? *left : *right;
  PhysicalExprPtr& lit = lit_right ? *right : *left;
  const DataTypePtr& common = lit_right ? types->left : types->right;
  const DataTypePtr& own = other->type();
  if (own->Equals(*common) || !IsExactNumber(*own) || !IsExactNumber(*common) ||
      !types->left->Equals(*types->right) || !WidensLosslessly(*own, *common)) {
    return;
  }
  auto narrowed = Narrowed(static_cast<const LiteralExpr&>(*lit), own, common);
  if (!narrowed) return;
  lit = std::move(narrowed);
  types->left = own;
  types->right = own;
}

}  // namespace quiver
