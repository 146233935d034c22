#include "quiver/logical/prepare.h"

#include <charconv>

#include "quiver/arrow/compute/compute.h"
#include "quiver/logical/window.h"

namespace quiver {

namespace {

bool IsUntypedPlaceholder(const ExprPtr& e) {
  return e && e->kind == ExprKind::kPlaceholder && !e->cast_type;
}

// `target` typed like `other` when `target` is an untyped placeholder and
// `other` has a concrete type.
ExprPtr TypedLike(const ExprPtr& target, const ExprPtr& other, const DFSchema& schema) {
  if (!IsUntypedPlaceholder(target) || !other || IsUntypedPlaceholder(other)) return target;
  auto t = GetType(other, schema);
  if (!t.ok() || (*t)->id() == TypeId::kNull) return target;
  return MakePlaceholder(target->name, *t);
}

// Every expression a node holds (not those of its inputs).
std::vector<ExprPtr> NodeExprs(const LogicalPlan& p) {
  std::vector<ExprPtr> out = p.exprs;
  out.insert(out.end(), p.group_exprs.begin(), p.group_exprs.end());
  out.insert(out.end(), p.aggr_exprs.begin(), p.aggr_exprs.end());
  out.insert(out.end(), p.window_exprs.begin(), p.window_exprs.end());
  out.insert(out.end(), p.filters.begin(), p.filters.end());
  for (const auto& s : p.sort_exprs) out.push_back(s.expr);
  for (const auto& row : p.values) out.insert(out.end(), row.begin(), row.end());
  for (const auto& k : p.on) {
    out.push_back(k.first);
    out.push_back(k.second);
  }
  for (const auto& e : {p.predicate, p.join_filter, p.skip_expr, p.fetch_expr}) {
    if (e) out.push_back(e);
  }
  return out;
}

bool IsSubqueryExpr(const Expr& e) { return e.subquery != nullptr; }

Status CollectInExpr(const ExprPtr& e, std::map<int, DataTypePtr>* out) {
  Status st;
  AnyExpr(e, [&](const Expr& x) {
    if (!st.ok()) return true;
    if (x.kind == ExprKind::kPlaceholder) {
      auto idx = PlaceholderIndex(x.name);
      if (!idx.ok()) {
        st = idx.status();
        return true;
      }
      auto& slot = (*out)[*idx];
      if (!slot) slot = x.cast_type;
    } else if (IsSubqueryExpr(x)) {
      st = CollectPlaceholders(x.subquery, out);
    }
    return false;
  });
  return st;
}

bool HasPlaceholder(const LogicalPlanPtr& plan);

bool ExprHasPlaceholder(const ExprPtr& e) {
  return AnyExpr(e, [](const Expr& x) {
    return x.kind == ExprKind::kPlaceholder || (IsSubqueryExpr(x) && HasPlaceholder(x.subquery));
  });
}

bool HasPlaceholder(const LogicalPlanPtr& plan) {
  for (const auto& e : NodeExprs(*plan)) {
    if (ExprHasPlaceholder(e)) return true;
  }
  for (const auto& in : plan->inputs) {
    if (HasPlaceholder(in)) return true;
  }
  return false;
}

class Binder {
 public:
  explicit Binder(const std::vector<ScalarValue>& values) : values_(values) {}

  Result<ExprPtr> Bind(const ExprPtr& e) const {
    if (!e) return e;
    return TransformUp(e, [&](const ExprPtr& x) -> Result<ExprPtr> {
      if (x->kind == ExprKind::kPlaceholder) return Value(*x);
      if (IsSubqueryExpr(*x)) {
        QUIVER_ASSIGN_OR_RAISE(auto sub, BindPlan(x->subquery));
        auto copy = std::make_shared<Expr>(*x);
        copy->subquery = std::move(sub);
        return ExprPtr(copy);
      }
      return ExprPtr();
    });
  }

  Result<std::vector<ExprPtr>> BindAll(const std::vector<ExprPtr>& exprs) const {
    std::vector<ExprPtr> out;
    for (const auto& e : exprs) {
      QUIVER_ASSIGN_OR_RAISE(auto b, Bind(e));
      out.push_back(std::move(b));
    }
    return out;
  }

  // Same as BindAll, but a changed output name is restored with an alias.
  Result<std::vector<ExprPtr>> BindNamed(const std::vector<ExprPtr>& exprs) const {
    QUIVER_ASSIGN_OR_RAISE(auto out, BindAll(exprs));
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i]->OutputName() != exprs[i]->OutputName()) {
        out[i] = Alias(Unalias(out[i]), exprs[i]->OutputName(),
                       exprs[i]->kind == ExprKind::kAlias ? exprs[i]->relation : std::nullopt);
      }
    }
    return out;
  }

  Result<LogicalPlanPtr> BindPlan(const LogicalPlanPtr& p) const {
    if (!HasPlaceholder(p)) return p;
    std::vector<LogicalPlanPtr> in;
    for (const auto& i : p->inputs) {
      QUIVER_ASSIGN_OR_RAISE(auto b, BindPlan(i));
      in.push_back(std::move(b));
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, Rebuild(p, std::move(in)));
    return KeepNames(p, std::move(out));
  }

 private:
  Result<ExprPtr> Value(const Expr& ph) const {
    QUIVER_ASSIGN_OR_RAISE(int idx, PlaceholderIndex(ph.name));
    if (idx > static_cast<int>(values_.size())) {
      return Status::Plan("No value found for placeholder with id " + ph.name);
    }
    const ScalarValue& v = values_[idx - 1];
    if (!ph.cast_type || v.type()->Equals(*ph.cast_type)) return Lit(v);
    auto cast = compute::Cast(v.array(), ph.cast_type);
    if (!cast.ok()) {
      return Status::Plan("Cannot use " + v.ToString() + " as the value of " + ph.name +
                          " of type " + ph.cast_type->ToString() + ": " + cast.status().message());
    }
    return Lit(ScalarValue(*cast));
  }

  Result<int64_t> LimitBound(const ExprPtr& e, const char* what, bool* is_null) const {
    QUIVER_ASSIGN_OR_RAISE(auto b, Bind(e));
    *is_null = false;
    if (b->kind != ExprKind::kLiteral) {
      return Status::Plan(std::string("Unexpected expression in ") + what + " clause");
    }
    if (b->literal.is_null()) {
      *is_null = true;
      return 0;
    }
    ScalarValue v = b->literal;
    if (!v.type()->is_integer()) {
      auto cast = compute::Cast(v.array(), int64());
      if (!cast.ok()) return cast.status();
      v = ScalarValue(*cast);
    }
    int64_t n = v.GetInt64();
    if (n < 0) {
      return Status::Plan(std::string(what) + " must be >= 0, '" + std::to_string(n) +
                          "' was provided.");
    }
    return n;
  }

  Result<LogicalPlanPtr> Rebuild(const LogicalPlanPtr& p, std::vector<LogicalPlanPtr> in) const {
    switch (p->kind) {
      case PlanKind::kProjection: {
        QUIVER_ASSIGN_OR_RAISE(auto exprs, BindNamed(p->exprs));
        return MakeProjection(in[0], std::move(exprs));
      }
      case PlanKind::kFilter: {
        QUIVER_ASSIGN_OR_RAISE(auto pred, Bind(p->predicate));
        return MakeFilter(in[0], std::move(pred));
      }
      case PlanKind::kAggregate: {
        QUIVER_ASSIGN_OR_RAISE(auto groups, BindAll(p->group_exprs));
        QUIVER_ASSIGN_OR_RAISE(auto aggs, BindAll(p->aggr_exprs));
        return MakeAggregate(in[0], std::move(groups), std::move(aggs));
      }
      case PlanKind::kSort: {
        std::vector<SortExpr> sort = p->sort_exprs;
        for (auto& s : sort) {
          QUIVER_ASSIGN_OR_RAISE(s.expr, Bind(s.expr));
        }
        return MakeSort(in[0], std::move(sort), p->fetch);
      }
      case PlanKind::kLimit: {
        int64_t skip = p->skip;
        std::optional<int64_t> fetch = p->fetch;
        bool is_null = false;
        if (p->skip_expr) {
          QUIVER_ASSIGN_OR_RAISE(skip, LimitBound(p->skip_expr, "OFFSET", &is_null));
        }
        if (p->fetch_expr) {
          QUIVER_ASSIGN_OR_RAISE(int64_t n, LimitBound(p->fetch_expr, "LIMIT", &is_null));
          fetch = is_null ? std::nullopt : std::optional<int64_t>(n);
        }
        return MakeLimit(in[0], skip, fetch);
      }
      case PlanKind::kValues: {
        std::vector<std::vector<ExprPtr>> rows;
        for (const auto& row : p->values) {
          QUIVER_ASSIGN_OR_RAISE(auto r, BindAll(row));
          rows.push_back(std::move(r));
        }
        return MakeValues(std::move(rows));
      }
      case PlanKind::kWindow: {
        QUIVER_ASSIGN_OR_RAISE(auto w, BindAll(p->window_exprs));
        return MakeWindow(in[0], std::move(w));
      }
      case PlanKind::kJoin: {
        std::vector<JoinKey> on;
        for (const auto& k : p->on) {
          QUIVER_ASSIGN_OR_RAISE(auto l, Bind(k.first));
          QUIVER_ASSIGN_OR_RAISE(auto r, Bind(k.second));
          on.emplace_back(std::move(l), std::move(r));
        }
        QUIVER_ASSIGN_OR_RAISE(auto filter, Bind(p->join_filter));
        return MakeJoin(in[0], in[1], p->join_type, std::move(on), std::move(filter),
                        p->null_equals_null);
      }
      case PlanKind::kTableScan: {
        auto copy = std::make_shared<LogicalPlan>(*p);
        QUIVER_ASSIGN_OR_RAISE(copy->filters, BindAll(p->filters));
        return LogicalPlanPtr(copy);
      }
      case PlanKind::kPrepare:
        return Status::Plan("PREPARE may not be nested inside another statement");
      default: return WithNewInputs(p, std::move(in));
    }
  }

  // Parents refer to the old output names: restore them when binding
  // changed one (an aggregate over $1 is named after the value).
  static Result<LogicalPlanPtr> KeepNames(const LogicalPlanPtr& old_plan, LogicalPlanPtr plan) {
    const DFSchema& before = *old_plan->schema;
    const DFSchema& after = *plan->schema;
    if (before.num_fields() != after.num_fields()) return plan;
    bool same = true;
    for (int i = 0; i < before.num_fields() && same; ++i) {
      same = before.field(i)->name() == after.field(i)->name();
    }
    if (same) return plan;
    std::vector<ExprPtr> exprs;
    for (int i = 0; i < after.num_fields(); ++i) {
      exprs.push_back(Alias(Col(after.column(i)), before.field(i)->name(), before.qualifier(i)));
    }
    return MakeProjection(std::move(plan), std::move(exprs));
  }

  const std::vector<ScalarValue>& values_;
};

}  // namespace

Result<int> PlaceholderIndex(const std::string& name) {
  if (name.size() < 2 || name[0] != '$') {
    return Status::Plan("Invalid placeholder, not a number: " + name);
  }
  int idx = 0;
  auto r = std::from_chars(name.data() + 1, name.data() + name.size(), idx);
  if (r.ec != std::errc() || r.ptr != name.data() + name.size()) {
    return Status::Plan("Invalid placeholder, not a number: " + name);
  }
  if (idx <= 0) return Status::Plan("Invalid placeholder, zero is not a valid index: " + name);
  return idx;
}

ExprPtr MakePlaceholder(std::string name, DataTypePtr type) {
  auto p = std::make_shared<Expr>();
  p->kind = ExprKind::kPlaceholder;
  p->name = std::move(name);
  p->cast_type = std::move(type);
  return p;
}

ExprPtr InferPlaceholderTypes(const ExprPtr& e, const DFSchema& schema) {
  switch (e->kind) {
    case ExprKind::kBinary: {
      auto l = TypedLike(e->left, e->right, schema);
      auto r = TypedLike(e->right, e->left, schema);
      if (l == e->left && r == e->right) return e;
      return Binary(l, e->op, r);
    }
    case ExprKind::kBetween:
    case ExprKind::kLike:
    case ExprKind::kInList: {
      auto copy = std::make_shared<Expr>(*e);
      if (e->kind == ExprKind::kBetween) {
        copy->low = TypedLike(e->low, e->expr, schema);
        copy->high = TypedLike(e->high, e->expr, schema);
        copy->expr = TypedLike(e->expr, copy->low, schema);
      } else if (e->kind == ExprKind::kLike) {
        copy->pattern = TypedLike(e->pattern, e->expr, schema);
        copy->expr = TypedLike(e->expr, copy->pattern, schema);
      } else {
        for (auto& x : copy->list) x = TypedLike(x, e->expr, schema);
        for (const auto& x : copy->list) {
          copy->expr = TypedLike(copy->expr, x, schema);
        }
      }
      return copy;
    }
    default: return e;
  }
}

LogicalPlanPtr MakePrepare(std::string name, std::vector<DataTypePtr> types, LogicalPlanPtr input) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = PlanKind::kPrepare;
  p->schema = input->schema;
  p->inputs = {std::move(input)};
  p->statement_name = std::move(name);
  p->param_types = std::move(types);
  return p;
}

LogicalPlanPtr MakeExecute(std::string name, std::vector<ExprPtr> args) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = PlanKind::kExecute;
  p->schema = DFSchema::Empty();
  p->statement_name = std::move(name);
  p->exprs = std::move(args);
  return p;
}

std::string PrepareNodeToString(const LogicalPlan& p) {
  std::string out = p.kind == PlanKind::kPrepare ? "Prepare: \"" : "Execute: \"";
  out += p.statement_name + "\" [";
  size_t n = p.kind == PlanKind::kPrepare ? p.param_types.size() : p.exprs.size();
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += p.kind == PlanKind::kPrepare ? p.param_types[i]->ToString() : p.exprs[i]->ToString();
  }
  return out + "]";
}

Status CollectPlaceholders(const LogicalPlanPtr& plan, std::map<int, DataTypePtr>* out) {
  for (const auto& e : NodeExprs(*plan)) QUIVER_RETURN_NOT_OK(CollectInExpr(e, out));
  for (const auto& in : plan->inputs) QUIVER_RETURN_NOT_OK(CollectPlaceholders(in, out));
  return Status::OK();
}

Result<LogicalPlanPtr> BindParamValues(const LogicalPlanPtr& plan,
                                       const std::vector<ScalarValue>& values) {
  Binder binder(values);
  if (plan->kind != PlanKind::kPrepare) return binder.BindPlan(plan);
  const auto& types = plan->param_types;
  if (!types.empty()) {
    if (types.size() != values.size()) {
      return Status::Plan("Expected " + std::to_string(types.size()) + " parameters, got " +
                          std::to_string(values.size()));
    }
    for (size_t i = 0; i < types.size(); ++i) {
      if (!types[i]->Equals(*values[i].type())) {
        return Status::Plan("Expected parameter of type " + types[i]->ToString() + ", got " +
                            values[i].type()->ToString() + " at index " + std::to_string(i));
      }
    }
  }
  return binder.BindPlan(plan->input());
}

}  // namespace quiver
