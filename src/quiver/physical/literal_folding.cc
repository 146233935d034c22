#include "quiver/physical/literal_folding.h"

#include "quiver/arrow/record_batch.h"
#include "quiver/logical/literal_narrowing.h"

namespace quiver {

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

void NarrowComparisonOperands(PhysicalExprPtr* left, PhysicalExprPtr* right, BinaryTypes* types) {
  const bool lit_right = IsLiteral(*right) && !IsLiteral(*left);
  const bool lit_left = IsLiteral(*left) && !IsLiteral(*right);
  if (!lit_right && !lit_left) return;
  PhysicalExprPtr& other = lit_right ? *left : *right;
  PhysicalExprPtr& lit = lit_right ? *right : *left;
  const DataTypePtr& common = lit_right ? types->left : types->right;
  const DataTypePtr& own = other->type();
  if (!types->left->Equals(*types->right)) return;
  auto narrowed =
      NarrowComparisonLiteral(static_cast<const LiteralExpr&>(*lit).value(), own, common);
  if (!narrowed) return;
  lit = std::make_shared<LiteralExpr>(std::move(*narrowed));
  types->left = own;
  types->right = own;
}

}  // namespace quiver
