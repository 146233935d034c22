// Filter predicates with their literal work done at planning time, as
// DataFusion's simplifier leaves them (and EXPLAIN shows them):
//   casts and numeric arithmetic of literals fold to one literal;
//   x BETWEEN a AND b (x a column) becomes x >= a AND x <= b;
//   a number compared with a literal of another numeric type compares in
//   its own type when the literal converts exactly (see literal_narrowing.h).
// Anything that fails to fold is kept as it was, so errors still happen at
// run time. Runs before filter push-down, so scans see the same predicates.
#include "quiver/arrow/compute/compute.h"
#include "quiver/logical/literal_narrowing.h"
#include "quiver/logical/subquery.h"
#include "quiver/logical/type_coercion.h"
#include "quiver/optimizer/optimizer.h"

namespace quiver {

namespace {

bool IsLit(const ExprPtr& e) { return e && e->kind == ExprKind::kLiteral; }

ExprPtr FoldCast(const Expr& e) {
  if (!IsLit(e.expr) || !e.cast_type) return nullptr;
  compute::CastOptions o;
  o.to_null_on_error = e.kind == ExprKind::kTryCast;
  auto out = compute::Cast(e.expr->literal.array(), e.cast_type, o);
  if (!out.ok() || (*out)->length() != 1) return nullptr;
  return Lit(ScalarValue(*out));
}

ExprPtr FoldArithmetic(const Expr& e) {
  if (!IsLit(e.left) || !IsLit(e.right) || !IsArithmeticOperator(e.op)) return nullptr;
  const DataTypePtr& lt = e.left->literal.type();
  const DataTypePtr& rt = e.right->literal.type();
  // Numbers only: temporal arithmetic has its own kernels and rules.
  if (!lt->is_numeric() || !rt->is_numeric()) return nullptr;
  auto types = CoerceBinary(lt, e.op, rt);
  if (!types.ok()) return nullptr;
  auto l = compute::Cast(e.left->literal.array(), types->left);
  auto r = compute::Cast(e.right->literal.array(), types->right);
  if (!l.ok() || !r.ok()) return nullptr;
  static const compute::ArithmeticOp kOps[] = {
      compute::ArithmeticOp::kAdd, compute::ArithmeticOp::kSubtract,
      compute::ArithmeticOp::kMultiply, compute::ArithmeticOp::kDivide,
      compute::ArithmeticOp::kModulo};
  const int i = static_cast<int>(e.op) - static_cast<int>(Operator::kPlus);
  auto out = compute::Arithmetic(kOps[i], compute::Datum::Scalar(*l), compute::Datum::Scalar(*r),
                                 types->result);
  if (!out.ok() || (*out)->length() != 1) return nullptr;
  return Lit(ScalarValue(*out));
}

// `x op literal` (either side) with the literal in x's own type, or null.
ExprPtr NarrowComparison(const ExprPtr& e, const DFSchema& schema) {
  const bool lit_right = IsLit(e->right) && !IsLit(e->left);
  const bool lit_left = IsLit(e->left) && !IsLit(e->right);
  if (!lit_right && !lit_left) return nullptr;
  const ExprPtr& other = lit_right ? e->left : e->right;
  const ScalarValue& lit = (lit_right ? e->right : e->left)->literal;
  auto own = GetType(other, schema);
  if (!own.ok()) return nullptr;
  auto types =
      lit_right ? CoerceBinary(*own, e->op, lit.type()) : CoerceBinary(lit.type(), e->op, *own);
  if (!types.ok() || !types->left->Equals(*types->right)) return nullptr;
  auto narrowed = NarrowComparisonLiteral(lit, *own, types->left);
  if (!narrowed) return nullptr;
  return lit_right ? Binary(other, e->op, Lit(*narrowed)) : Binary(Lit(*narrowed), e->op, other);
}

ExprPtr Simplify(const ExprPtr& e, const DFSchema& schema) {
  switch (e->kind) {
    case ExprKind::kCast:
    case ExprKind::kTryCast: return FoldCast(*e);
    case ExprKind::kBinary:
      if (IsComparisonOperator(e->op)) return NarrowComparison(e, schema);
      return FoldArithmetic(*e);
    case ExprKind::kBetween: {
      // Only over a column: the rewrite reads x twice.
      if (e->expr->kind != ExprKind::kColumn) return nullptr;
      auto lo = Binary(e->expr, e->negated ? Operator::kLt : Operator::kGtEq, e->low);
      auto hi = Binary(e->expr, e->negated ? Operator::kGt : Operator::kLtEq, e->high);
      if (auto n = NarrowComparison(lo, schema)) lo = n;
      if (auto n = NarrowComparison(hi, schema)) hi = n;
      return e->negated ? Or(lo, hi) : And(lo, hi);
    }
    default: return nullptr;
  }
}

Result<LogicalPlanPtr> RewritePlan(const LogicalPlanPtr& plan) {
  LogicalPlanPtr p = plan;
  if (!plan->inputs.empty()) {
    std::vector<LogicalPlanPtr> inputs;
    bool changed = false;
    for (const auto& in : plan->inputs) {
      QUIVER_ASSIGN_OR_RAISE(auto n, RewritePlan(in));
      changed |= n != in;
      inputs.push_back(std::move(n));
    }
    if (changed) {
      QUIVER_ASSIGN_OR_RAISE(p, WithNewInputs(plan, std::move(inputs)));
    }
  }
  if (p->kind != PlanKind::kFilter || HasSubquery(p->predicate)) return p;
  const DFSchema& schema = *p->input()->schema;
  QUIVER_ASSIGN_OR_RAISE(auto pred, TransformUp(p->predicate, [&](const ExprPtr& e) {
                           return Result<ExprPtr>(Simplify(e, schema));
                         }));
  if (pred == p->predicate) return p;
  return MakeFilter(p->input(), std::move(pred));
}

class SimplifyFilterLiterals : public OptimizerRule {
 public:
  std::string name() const override { return "simplify_filter_literals"; }
  Result<LogicalPlanPtr> Rewrite(const LogicalPlanPtr& plan) const override {
    return RewritePlan(plan);
  }
};

}  // namespace

OptimizerRulePtr MakeSimplifyFilterLiteralsRule() {
  return std::make_shared<SimplifyFilterLiterals>();
}

}  // namespace quiver
