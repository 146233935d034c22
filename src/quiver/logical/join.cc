#include "quiver/logical/join.h"

#include "quiver/logical/logical_plan.h"
#include "quiver/logical/type_coercion.h"

namespace quiver {

namespace {

std::shared_ptr<LogicalPlan> New(PlanKind kind, std::vector<LogicalPlanPtr> inputs) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = kind;
  p->inputs = std::move(inputs);
  return p;
}

// Every field of `s` made nullable (the side an outer join may pad with nulls).
DFSchemaPtr Nullable(const DFSchema& s) {
  std::vector<std::optional<TableReference>> q;
  std::vector<FieldPtr> f;
  for (int i = 0; i < s.num_fields(); ++i) {
    q.push_back(s.qualifier(i));
    f.push_back(s.field(i)->WithNullable(true));
  }
  return std::make_shared<DFSchema>(std::move(q), std::move(f));
}

// Both inputs side by side; two columns with the same qualified name could
// never be told apart, so they are an error (DataFusion's wording).
Result<DFSchemaPtr> Concat(const DFSchema& l, const DFSchema& r) {
  for (int i = 0; i < l.num_fields(); ++i) {
    for (int j = 0; j < r.num_fields(); ++j) {
      if (l.field(i)->name() != r.field(j)->name() || l.qualifier(i) != r.qualifier(j)) continue;
      if (l.qualifier(i)) {
        return Status::Schema("Schema contains duplicate qualified field name " +
                              l.column(i).ToString());
      }
      return Status::Schema("Schema contains duplicate unqualified field name " +
                            l.field(i)->name());
    }
  }
  return l.Join(r);
}

std::string JoinExprs(const std::vector<ExprPtr>& exprs) {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) out += (i ? ", " : "") + exprs[i]->ToString();
  return out;
}

}  // namespace

const char* JoinTypeToString(JoinType t) {
  switch (t) {
    case JoinType::kInner: return "Inner";
    case JoinType::kLeft: return "Left";
    case JoinType::kRight: return "Right";
    case JoinType::kFull: return "Full";
    case JoinType::kLeftSemi: return "LeftSemi";
    case JoinType::kLeftAnti: return "LeftAnti";
    case JoinType::kRightSemi: return "RightSemi";
    case JoinType::kRightAnti: return "RightAnti";
  }
  return "?";
}

Result<LogicalPlanPtr> MakeJoin(LogicalPlanPtr left, LogicalPlanPtr right, JoinType type,
                                std::vector<JoinKey> on, ExprPtr filter, bool null_equals_null) {
  const DFSchema& ls = *left->schema;
  const DFSchema& rs = *right->schema;
  // Keys meet at their common comparison type.
  for (auto& [l, r] : on) {
    QUIVER_ASSIGN_OR_RAISE(auto lt, GetType(l, ls));
    QUIVER_ASSIGN_OR_RAISE(auto rt, GetType(r, rs));
    if (lt->Equals(*rt)) continue;
    DataTypePtr common = ComparisonCoercion(lt, rt);
    if (!common) {
      return Status::Plan("Cannot infer common argument type for comparison operation " +
                          lt->ToString() + " = " + rt->ToString());
    }
    if (!lt->Equals(*common)) l = CastTo(l, common);
    if (!rt->Equals(*common)) r = CastTo(r, common);
  }
  DFSchemaPtr out;
  switch (type) {
    case JoinType::kInner: {
      QUIVER_ASSIGN_OR_RAISE(out, Concat(ls, rs));
      break;
    }
    case JoinType::kLeft: {
      QUIVER_ASSIGN_OR_RAISE(out, Concat(ls, *Nullable(rs)));
      break;
    }
    case JoinType::kRight: {
      QUIVER_ASSIGN_OR_RAISE(out, Concat(*Nullable(ls), rs));
      break;
    }
    case JoinType::kFull: {
      QUIVER_ASSIGN_OR_RAISE(out, Concat(*Nullable(ls), *Nullable(rs)));
      break;
    }
    case JoinType::kLeftSemi:
    case JoinType::kLeftAnti: out = left->schema; break;
    case JoinType::kRightSemi:
    case JoinType::kRightAnti: out = right->schema; break;
  }
  if (filter) {
    // The residual filter sees both inputs.
    DFSchemaPtr both = ls.Join(rs);
    QUIVER_ASSIGN_OR_RAISE(auto t, GetType(filter, *both));
    if (t->id() != TypeId::kBoolean && t->id() != TypeId::kNull) {
      return Status::Plan("Join filter must be boolean, got " + t->ToString() + ": " +
                          filter->ToString());
    }
  }
  auto p = New(PlanKind::kJoin, {std::move(left), std::move(right)});
  p->schema = std::move(out);
  p->join_type = type;
  p->on = std::move(on);
  p->join_filter = std::move(filter);
  p->null_equals_null = null_equals_null;
  return p;
}

Result<LogicalPlanPtr> MakeCrossJoin(LogicalPlanPtr left, LogicalPlanPtr right) {
  QUIVER_ASSIGN_OR_RAISE(auto out, Concat(*left->schema, *right->schema));
  auto p = New(PlanKind::kCrossJoin, {std::move(left), std::move(right)});
  p->schema = std::move(out);
  return p;
}

Result<LogicalPlanPtr> MakeUnion(std::vector<LogicalPlanPtr> inputs) {
  if (inputs.empty()) return Status::Plan("Union requires at least one input");
  const DFSchema& first = *inputs[0]->schema;
  const int n = first.num_fields();
  for (const auto& in : inputs) {
    if (in->schema->num_fields() != n) {
      return Status::Plan("UNION queries have different number of columns: left has " +
                          std::to_string(n) + " columns whereas right has " +
                          std::to_string(in->schema->num_fields()) + " columns");
    }
  }
  std::vector<std::optional<TableReference>> quals;
  std::vector<FieldPtr> fields;
  for (int c = 0; c < n; ++c) {
    DataTypePtr type = first.field(c)->type();
    bool nullable = false;
    for (const auto& in : inputs) {
      const auto& f = in->schema->field(c);
      nullable |= f->nullable();
      if (f->type()->Equals(*type)) continue;
      DataTypePtr common = ComparisonCoercion(type, f->type());
      if (!common) {
        return Status::Plan("UNION Column " + first.field(c)->name() +
                            " (type: " + type->ToString() + ") is not compatible with column " +
                            f->name() + " (type: " + f->type()->ToString() + ")");
      }
      type = common;
    }
    if (type->id() == TypeId::kNull) nullable = true;
    quals.push_back(first.qualifier(c));
    fields.push_back(field(first.field(c)->name(), type, nullable));
  }
  // Inputs whose column types differ are cast by a projection.
  for (auto& in : inputs) {
    const DFSchema& s = *in->schema;
    bool same = true;
    for (int c = 0; c < n; ++c) same &= s.field(c)->type()->Equals(*fields[c]->type());
    if (same) continue;
    std::vector<ExprPtr> exprs;
    for (int c = 0; c < n; ++c) {
      ExprPtr col = Col(s.column(c));
      if (s.field(c)->type()->Equals(*fields[c]->type())) {
        exprs.push_back(col);
      } else {
        exprs.push_back(Alias(CastTo(col, fields[c]->type()), s.field(c)->name(), s.qualifier(c)));
      }
    }
    QUIVER_ASSIGN_OR_RAISE(in, MakeProjection(in, std::move(exprs)));
  }
  auto p = New(PlanKind::kUnion, std::move(inputs));
  p->schema = std::make_shared<DFSchema>(std::move(quals), std::move(fields));
  return p;
}

Result<LogicalPlanPtr> MakeDistinct(LogicalPlanPtr input) {
  std::vector<ExprPtr> cols;
  for (int i = 0; i < input->schema->num_fields(); ++i)
    cols.push_back(Col(input->schema->column(i)));
  return MakeAggregate(std::move(input), std::move(cols), {});
}

std::string JoinNodeToString(const LogicalPlan& p) {
  switch (p.kind) {
    case PlanKind::kCrossJoin: return "CrossJoin:";
    case PlanKind::kUnion: return "Union";
    default: break;
  }
  std::vector<ExprPtr> keys;
  for (const auto& [l, r] : p.on) {
    keys.push_back(Binary(l, p.null_equals_null ? Operator::kIsNotDistinctFrom : Operator::kEq, r));
  }
  std::string out = std::string(JoinTypeToString(p.join_type)) + " Join: " + JoinExprs(keys);
  if (p.join_filter) out += " Filter: " + p.join_filter->ToString();
  return out;
}

}  // namespace quiver
