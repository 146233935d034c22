// JOIN clauses (ON, USING, NATURAL, CROSS, semi/anti) and set operations
// (UNION, INTERSECT, EXCEPT).
#include <set>

#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

enum class Side { kNone, kLeft, kRight, kBoth };

// Which input the columns of `e` come from.
Side SideOf(const ExprPtr& e, const DFSchema& left, const DFSchema& right) {
  std::vector<Column> cols;
  CollectColumns(e, &cols);
  bool l = false, r = false;
  for (const auto& c : cols) {
    if (left.FindIndex(c) >= 0) {
      l = true;
    } else if (right.FindIndex(c) >= 0) {
      r = true;
    } else {
      return Side::kBoth;  // outer reference or unknown: never a key
    }
  }
  if (l && r) return Side::kBoth;
  return l ? Side::kLeft : (r ? Side::kRight : Side::kNone);
}

bool HasSubquery(const ExprPtr& e) {
  return AnyExpr(e, [](const Expr& x) {
    return x.kind == ExprKind::kScalarSubquery || x.kind == ExprKind::kExists ||
           x.kind == ExprKind::kInSubquery;
  });
}

Result<JoinType> ToJoinType(sql::JoinOperator op) {
  switch (op) {
    case sql::JoinOperator::kInner: return JoinType::kInner;
    case sql::JoinOperator::kLeftOuter: return JoinType::kLeft;
    case sql::JoinOperator::kRightOuter: return JoinType::kRight;
    case sql::JoinOperator::kFullOuter: return JoinType::kFull;
    case sql::JoinOperator::kLeftSemi: return JoinType::kLeftSemi;
    case sql::JoinOperator::kRightSemi: return JoinType::kRightSemi;
    case sql::JoinOperator::kLeftAnti: return JoinType::kLeftAnti;
    case sql::JoinOperator::kRightAnti: return JoinType::kRightAnti;
    default: return Status::NotImplemented("Unsupported join operator (APPLY)");
  }
}

}  // namespace

// Splits an ON condition into equi-join keys (left expr = right expr) and a
// residual filter over both sides.
static Result<LogicalPlanPtr> JoinOn(LogicalPlanPtr left, LogicalPlanPtr right, JoinType type,
                                     const ExprPtr& on) {
  const DFSchema& ls = *left->schema;
  const DFSchema& rs = *right->schema;
  std::vector<ExprPtr> terms, residual;
  SplitConjunction(on, &terms);
  std::vector<JoinKey> keys;
  for (const auto& t : terms) {
    if (t->kind == ExprKind::kBinary && t->op == Operator::kEq && !HasSubquery(t)) {
      Side a = SideOf(t->left, ls, rs), b = SideOf(t->right, ls, rs);
      if (a == Side::kLeft && b == Side::kRight) {
        keys.emplace_back(t->left, t->right);
        continue;
      }
      if (a == Side::kRight && b == Side::kLeft) {
        keys.emplace_back(t->right, t->left);
        continue;
      }
    }
    residual.push_back(t);
  }
  return MakeJoin(std::move(left), std::move(right), type, std::move(keys), Conjunction(residual));
}

Result<LogicalPlanPtr> SqlToRel::PlanJoin(LogicalPlanPtr left, const sql::Join& join,
                                          Scope* scope) {
  lateral_left_ = left->schema;
  QUIVER_ASSIGN_OR_RAISE(auto right, PlanTableFactor(join.relation, scope));
  if (join.op == sql::JoinOperator::kCross) return MakeCrossJoin(left, right);
  auto type_or = ToJoinType(join.op);
  if (!type_or.ok()) return type_or.status().WithLocation(join.loc);
  JoinType type = *type_or;
  const DFSchema& ls = *left->schema;
  const DFSchema& rs = *right->schema;
  switch (join.constraint) {
    case sql::JoinConstraintKind::kNone:
      if (type == JoinType::kInner) return MakeCrossJoin(left, right);
      return Status::Plan("Join requires an ON or USING condition").WithLocation(join.loc);
    case sql::JoinConstraintKind::kOn: {
      // Duplicate qualified names are an error before the ON clause is resolved.
      if (!OutputsLeftOnly(type) && !OutputsRightOnly(type)) {
        auto check = MakeCrossJoin(left, right);
        if (!check.ok()) return check.status().WithLocation(join.loc);
      }
      DFSchemaPtr both = ls.Join(rs);
      QUIVER_ASSIGN_OR_RAISE(auto on, PlanExprIn(*join.on, *both));
      QUIVER_ASSIGN_OR_RAISE(auto t, GetType(on, *both));
      if (t->id() != TypeId::kBoolean && t->id() != TypeId::kNull) {
        return Status::Plan("Join condition must be boolean, got " + t->ToString())
            .WithLocation(join.loc);
      }
      return JoinOn(left, right, type, on);
    }
    case sql::JoinConstraintKind::kUsing:
    case sql::JoinConstraintKind::kNatural: break;
  }
  // USING / NATURAL: equal names are keys, and appear once in the output.
  std::vector<std::string> names;
  if (join.constraint == sql::JoinConstraintKind::kUsing) {
    for (const auto& id : join.using_) names.push_back(id.value);
  } else {
    std::set<std::string> right_names;
    for (const auto& f : rs.fields()) right_names.insert(f->name());
    std::set<std::string> seen;
    for (const auto& f : ls.fields()) {
      if (right_names.count(f->name()) && seen.insert(f->name()).second) names.push_back(f->name());
    }
    if (names.empty()) {
      if (type == JoinType::kInner) return MakeCrossJoin(left, right);
      return MakeJoin(left, right, type, {}, nullptr);
    }
  }
  std::vector<JoinKey> keys;
  std::vector<int> left_idx, right_idx;
  for (const auto& n : names) {
    auto li = ls.IndexOf(Column::Named(n));
    if (!li.ok()) return li.status().WithLocation(join.loc);
    auto ri = rs.IndexOf(Column::Named(n));
    if (!ri.ok()) return ri.status().WithLocation(join.loc);
    left_idx.push_back(*li);
    right_idx.push_back(*ri);
    keys.emplace_back(Col(ls.column(*li)), Col(rs.column(*ri)));
  }
  QUIVER_ASSIGN_OR_RAISE(auto plan, MakeJoin(left, right, type, std::move(keys), nullptr));
  if (OutputsLeftOnly(type) || OutputsRightOnly(type)) return plan;
  // Left columns (a key taken from the side that is always present, or
  // coalesced for FULL), then the right columns that are not keys.
  ScalarUDFPtr coalesce = context_->functions().GetScalar("coalesce");
  std::vector<ExprPtr> exprs;
  for (int i = 0; i < ls.num_fields(); ++i) {
    int k = -1;
    for (size_t j = 0; j < left_idx.size(); ++j) {
      if (left_idx[j] == i) k = static_cast<int>(j);
    }
    if (k < 0 || type == JoinType::kInner || type == JoinType::kLeft) {
      exprs.push_back(Col(ls.column(i)));
    } else if (type == JoinType::kRight) {
      exprs.push_back(Col(rs.column(right_idx[k])));
    } else {
      if (!coalesce) return Status::Internal("coalesce function missing");
      exprs.push_back(Alias(ScalarCall(coalesce, {Col(ls.column(i)), Col(rs.column(right_idx[k]))}),
                            ls.field(i)->name()));
    }
  }
  for (int i = 0; i < rs.num_fields(); ++i) {
    bool is_key = false;
    for (int r : right_idx) is_key |= r == i;
    if (!is_key) exprs.push_back(Col(rs.column(i)));
  }
  return MakeProjection(plan, std::move(exprs));
}

Result<LogicalPlanPtr> SqlToRel::PlanSetOperation(const sql::SetExpr& set, Scope* scope) {
  using Q = sql::SetQuantifier;
  const bool by_name = set.quantifier == Q::kByName || set.quantifier == Q::kAllByName ||
                       set.quantifier == Q::kDistinctByName;
  std::vector<SortExpr> unused;
  QUIVER_ASSIGN_OR_RAISE(auto left, PlanSetExpr(*set.left, scope, nullptr, &unused));
  QUIVER_ASSIGN_OR_RAISE(auto right, PlanSetExpr(*set.right, scope, nullptr, &unused));
  if (by_name) QUIVER_RETURN_NOT_OK(AlignByName(&left, &right));
  const bool all = set.quantifier == Q::kAll || set.quantifier == Q::kAllByName;
  const char* op_name = set.op == sql::SetOperator::kUnion       ? "UNION"
                        : set.op == sql::SetOperator::kIntersect ? "INTERSECT"
                                                                 : "EXCEPT";
  if (left->schema->num_fields() != right->schema->num_fields()) {
    return Status::Plan(std::string(op_name) +
                        " queries have different number of columns: left has " +
                        std::to_string(left->schema->num_fields()) + " columns whereas right has " +
                        std::to_string(right->schema->num_fields()) + " columns")
        .WithLocation(set.loc);
  }
  if (set.op == sql::SetOperator::kUnion) {
    // UNION ALL chains flatten into one Union; DISTINCT is an Aggregate on top.
    std::vector<LogicalPlanPtr> inputs;
    auto add = [&](const LogicalPlanPtr& p) {
      if (p->kind == PlanKind::kUnion) {
        inputs.insert(inputs.end(), p->inputs.begin(), p->inputs.end());
      } else {
        inputs.push_back(p);
      }
    };
    add(left);
    add(right);
    QUIVER_ASSIGN_OR_RAISE(auto u, MakeUnion(std::move(inputs)));
    if (all) return u;
    return MakeDistinct(u);
  }
  if (all) {
    return PlanSetOperationAll(left, right, set.op == sql::SetOperator::kIntersect,
                               context_->functions().GetWindow("row_number"));
  }
  // INTERSECT / EXCEPT: semi / anti join on every column, nulls equal, then distinct.
  std::vector<JoinKey> keys;
  for (int i = 0; i < left->schema->num_fields(); ++i) {
    keys.emplace_back(Col(left->schema->column(i)), Col(right->schema->column(i)));
  }
  JoinType type =
      set.op == sql::SetOperator::kIntersect ? JoinType::kLeftSemi : JoinType::kLeftAnti;
  QUIVER_ASSIGN_OR_RAISE(auto j, MakeJoin(left, right, type, std::move(keys), nullptr, true));
  return MakeDistinct(j);
}

}  // namespace quiver
