#include "quiver/logical/unnest.h"

#include "quiver/logical/function_registry.h"

namespace quiver {

Result<LogicalPlanPtr> MakeUnnest(LogicalPlanPtr input, std::vector<int> columns) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = PlanKind::kUnnest;
  const DFSchema& in = *input->schema;
  std::vector<std::optional<TableReference>> quals;
  std::vector<FieldPtr> fields;
  for (int i = 0; i < in.num_fields(); ++i) {
    quals.push_back(in.qualifier(i));
    fields.push_back(in.field(i));
  }
  for (int c : columns) {
    if (c < 0 || c >= in.num_fields()) return Status::Internal("unnest column out of range");
    const DataTypePtr& t = in.field(c)->type();
    DataTypePtr elem;
    if (t->is_list()) {
      elem = t->field(0)->type();
    } else if (t->id() == TypeId::kNull) {
      elem = null();
    } else {
      return Status::Plan("UNNEST can only be applied to Array, Struct and null, got " +
                          t->ToString());
    }
    fields[c] = field(in.field(c)->name(), elem, true);
    p->exprs.push_back(Col(in.column(c)));
  }
  p->schema = std::make_shared<DFSchema>(std::move(quals), std::move(fields));
  p->inputs = {std::move(input)};
  return LogicalPlanPtr(p);
}

std::vector<int> UnnestColumns(const LogicalPlan& plan) {
  std::vector<int> out;
  for (const auto& e : plan.exprs) out.push_back(plan.input()->schema->FindIndex(e->column));
  return out;
}

std::string UnnestNodeToString(const LogicalPlan& plan) {
  std::string s = "Unnest: lists[";
  for (size_t i = 0; i < plan.exprs.size(); ++i) {
    if (i) s += ", ";
    s += plan.exprs[i]->ToString();
  }
  return s + "]";
}

}  // namespace quiver

namespace quiver {

namespace {

bool IsUnnestCall(const Expr& e) {
  return e.kind == ExprKind::kScalarFunction && e.scalar_fn &&
         e.scalar_fn->name() == kUnnestFunctionName;
}

bool HasUnnest(const ExprPtr& e) { return AnyExpr(e, IsUnnestCall); }

/// The unnest calls in `e` whose argument has no unnest of its own.
void CollectInnermost(const ExprPtr& e, std::vector<ExprPtr>* out) {
  if (IsUnnestCall(*e) && !e->args.empty() && !HasUnnest(e->args[0])) {
    for (const auto& o : *out) {
      if (o->Equals(*e)) return;
    }
    out->push_back(e);
    return;
  }
  for (const auto& c : e->Children()) CollectInnermost(c, out);
}

}  // namespace

Result<LogicalPlanPtr> RewriteUnnest(LogicalPlanPtr plan, const FunctionRegistry& registry) {
  if (plan->kind != PlanKind::kProjection) return plan;
  bool any = false;
  for (const auto& e : plan->exprs) any |= HasUnnest(e);
  if (!any) return plan;
  const LogicalPlanPtr& input = plan->input();
  const DFSchema& in = *input->schema;
  std::vector<ExprPtr> calls;
  for (const auto& e : plan->exprs) CollectInnermost(e, &calls);
  for (const auto& c : calls) {
    if (c->args.size() != 1) {
      return Status::Plan("unnest() takes exactly one argument, got " +
                          std::to_string(c->args.size()));
    }
  }
  // Inner projection: every input column plus one placeholder per call.
  std::vector<ExprPtr> inner;
  for (int i = 0; i < in.num_fields(); ++i) inner.push_back(Col(in.column(i)));
  std::vector<std::string> names;
  std::vector<DataTypePtr> types;
  for (const auto& c : calls) {
    std::string name = "__unnest_placeholder(" + c->args[0]->ToString() + ")";
    QUIVER_ASSIGN_OR_RAISE(auto t, GetType(c->args[0], in));
    names.push_back(name);
    types.push_back(t);
    inner.push_back(Alias(c->args[0], name));
  }
  QUIVER_ASSIGN_OR_RAISE(auto below, MakeProjection(input, std::move(inner)));
  std::vector<int> list_cols;
  for (size_t k = 0; k < calls.size(); ++k) {
    if (types[k]->id() != TypeId::kStruct)
      list_cols.push_back(in.num_fields() + static_cast<int>(k));
  }
  LogicalPlanPtr unnest = below;
  if (!list_cols.empty()) {
    QUIVER_ASSIGN_OR_RAISE(unnest, MakeUnnest(below, list_cols));
  }
  auto placeholder = [&](const ExprPtr& e) -> int {
    for (size_t k = 0; k < calls.size(); ++k) {
      if (calls[k]->Equals(*e)) return static_cast<int>(k);
    }
    return -1;
  };
  // Outer projection: calls replaced by their placeholder columns; a struct
  // unnested as a whole select item expands into its fields.
  std::vector<ExprPtr> outer;
  auto get_field = registry.GetScalar("get_field");
  for (size_t i = 0; i < plan->exprs.size(); ++i) {
    const ExprPtr& e = plan->exprs[i];
    const std::string out_name = plan->schema->field(static_cast<int>(i))->name();
    int k = placeholder(Unalias(e));
    if (k >= 0 && types[k]->id() == TypeId::kStruct) {
      if (!get_field) return Status::Internal("get_field is not registered");
      for (const auto& f : types[k]->fields()) {
        std::vector<ExprPtr> args{Col(Column::Named(names[k])), LitString(f->name())};
        QUIVER_ASSIGN_OR_RAISE(auto bound, get_field->Bind(args));
        outer.push_back(Alias(ScalarCall(bound ? bound : get_field, std::move(args)),
                              names[k] + "." + f->name()));
      }
      continue;
    }
    if (!HasUnnest(e)) {
      outer.push_back(e);
      continue;
    }
    bool struct_inside = false;
    QUIVER_ASSIGN_OR_RAISE(auto replaced,
                           TransformUp(Unalias(e), [&](const ExprPtr& x) -> Result<ExprPtr> {
                             int p = placeholder(x);
                             if (p < 0) return ExprPtr();
                             struct_inside |= types[p]->id() == TypeId::kStruct;
                             return Col(Column::Named(names[p]));
                           }));
    if (struct_inside) {
      return Status::Internal(
          "unnest on struct can ony be applied at the root level of select expression");
    }
    outer.push_back(Alias(replaced, out_name));
  }
  QUIVER_ASSIGN_OR_RAISE(auto result, MakeProjection(unnest, std::move(outer)));
  return RewriteUnnest(result, registry);
}

}  // namespace quiver
