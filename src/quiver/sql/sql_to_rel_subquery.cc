// Subquery expressions: scalar (SELECT ...), [NOT] EXISTS, [NOT] IN and
// op ANY/ALL, planned with the enclosing FROM scopes visible so correlated
// columns become outer references.
#include "quiver/logical/subquery.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

bool NameMissing(const DFSchema& schema, const Column& col) {
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (schema.field(i)->name() != col.name) continue;
    const auto& q = schema.qualifier(i);
    if (!col.relation || (q && col.relation->ResolvesTo(*q))) return false;
  }
  return true;
}

Result<Operator> ComparisonOp(sql::BinaryOp op, SourceLocation loc) {
  using B = sql::BinaryOp;
  switch (op) {
    case B::kEq: return Operator::kEq;
    case B::kNotEq: return Operator::kNotEq;
    case B::kLt: return Operator::kLt;
    case B::kLtEq: return Operator::kLtEq;
    case B::kGt: return Operator::kGt;
    case B::kGtEq: return Operator::kGtEq;
    default:
      return Status::NotImplemented(std::string("ANY/ALL with operator ") +
                                    sql::BinaryOpToString(op))
          .WithLocation(loc);
  }
}

Status CheckOneColumn(const LogicalPlan& plan, const char* what) {
  const DFSchema& s = *plan.schema;
  if (s.num_fields() == 1) return Status::OK();
  std::string cols;
  for (int i = 0; i < s.num_fields(); ++i) cols += (i ? ", " : "") + s.column(i).ToString();
  Status st = Status::Plan(std::string(what) + " should only return one column, but found " +
                           std::to_string(s.num_fields()) + ": " + cols);
  // DataFusion finds this in its analyzer's checks.
  if (std::string(what) == "Scalar subquery") {
    return Status(ErrorKind::kPlan, "check_analyzed_plan\ncaused by\n" + st.ToString());
  }
  return st;
}

}  // namespace

ExprPtr SqlToRel::FindOuterColumn(const Column& col, const DFSchema& schema) const {
  if (outer_schemas_.empty() || !NameMissing(schema, col)) return nullptr;
  for (auto it = outer_schemas_.rbegin(); it != outer_schemas_.rend(); ++it) {
    const DFSchema& outer = **it;
    auto idx = outer.IndexOf(col);
    if (!idx.ok()) {
      if (NameMissing(outer, col)) continue;
      return nullptr;  // ambiguous there: let the inner error stand
    }
    return OuterRef(outer.column(*idx), outer.field(*idx)->type());
  }
  return nullptr;
}

Result<LogicalPlanPtr> SqlToRel::PlanLateral(const sql::Query& query, Scope* scope) {
  DFSchemaPtr left = lateral_left_;
  if (!left) return PlanQueryIn(query, scope);  // first FROM item: nothing to reference
  outer_schemas_.push_back(left);
  auto planned = PlanQueryIn(query, scope);
  outer_schemas_.pop_back();
  return planned;
}

Result<ExprPtr> SqlToRel::PlanSubqueryExpr(const sql::Expr& e, const DFSchema& schema) {
  using K = sql::ExprKind;
  ExprPtr operand;
  const sql::Query* query = e.subquery.get();
  if (e.kind == K::kInList) {  // x IN ((SELECT ...))
    QUIVER_ASSIGN_OR_RAISE(operand, PlanExprIn(*e.operand, schema));
    query = e.list[0]->subquery.get();
  } else if (e.kind == K::kInSubquery) {
    QUIVER_ASSIGN_OR_RAISE(operand, PlanExprIn(*e.operand, schema));
  } else if (e.kind == K::kAnyAll) {
    if (!e.subquery) {
      return Status::NotImplemented("ANY/ALL over a non-subquery expression").WithLocation(e.loc);
    }
    QUIVER_ASSIGN_OR_RAISE(operand, PlanExprIn(*e.left, schema));
  }
  // The subquery sees this FROM scope (and those around it) as outer columns.
  outer_schemas_.push_back(std::make_shared<DFSchema>(schema));
  auto planned = PlanQueryIn(*query, scope_);
  outer_schemas_.pop_back();
  QUIVER_ASSIGN_OR_RAISE(auto plan, std::move(planned));
  switch (e.kind) {
    case K::kSubquery:
      QUIVER_RETURN_NOT_OK(CheckOneColumn(*plan, "Scalar subquery"));
      return ScalarSubquery(plan);
    case K::kExists: return Exists(plan, e.negated);
    case K::kInList:
    case K::kInSubquery:
      QUIVER_RETURN_NOT_OK(CheckOneColumn(*plan, "IN subquery"));
      return InSubquery(operand, plan, e.negated);
    case K::kAnyAll: {
      QUIVER_RETURN_NOT_OK(CheckOneColumn(*plan, "ANY/ALL subquery"));
      QUIVER_ASSIGN_OR_RAISE(Operator op, ComparisonOp(e.binary_op, e.loc));
      if (!e.all) return InSubquery(operand, plan, false, op);
      // x op ALL (q) is NOT (x negated-op ANY (q)), also under three-valued logic.
      Operator neg;
      if (!NegateComparison(op, &neg)) return Status::Internal("comparison without negation");
      return InSubquery(operand, plan, true, neg);
    }
    default: break;
  }
  return Status::Internal("not a subquery expression");
}

}  // namespace quiver
