// Window functions: `f(..) OVER (PARTITION BY .. ORDER BY .. frame)`, named
// windows (`OVER w` with `WINDOW w AS (..)`), and the Window node that a
// SELECT gets between aggregation/HAVING and its projection.
#include <set>

#include "quiver/arrow/compute/compute.h"
#include "quiver/logical/window.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

// The value of a frame offset, which must be a constant.
Result<ScalarValue> ConstantValue(const ExprPtr& e) {
  if (e->kind == ExprKind::kLiteral) return e->literal;
  if ((e->kind == ExprKind::kCast || e->kind == ExprKind::kTryCast) &&
      e->expr->kind == ExprKind::kLiteral) {
    compute::CastOptions opts;
    opts.to_null_on_error = e->kind == ExprKind::kTryCast;
    QUIVER_ASSIGN_OR_RAISE(auto a, compute::Cast(e->expr->literal.array(), e->cast_type, opts));
    return ScalarValue::FromArray(a, 0);
  }
  if (e->kind == ExprKind::kNegative && e->expr->kind == ExprKind::kLiteral) {
    QUIVER_ASSIGN_OR_RAISE(auto a,
                           compute::Negate(compute::Datum::Array(e->expr->literal.array())));
    return ScalarValue::FromArray(a, 0);
  }
  return Status::Plan("Invalid window frame: frame offsets must be non negative integers");
}

bool IsWindow(const Expr& e) { return e.kind == ExprKind::kWindowFunction; }

}  // namespace

Status SqlToRel::CheckNamedWindows(const std::vector<sql::NamedWindow>& windows) {
  std::set<std::string> seen;
  for (const auto& w : windows) {
    if (!seen.insert(w.name.value).second) {
      return Status::Plan("The window " + w.name.value + " is defined multiple times!")
          .WithLocation(w.name.loc);
    }
  }
  return Status::OK();
}

Result<ExprPtr> SqlToRel::PlanWindowFunction(const sql::Expr& e, const DFSchema& schema,
                                             const std::string& name) {
  // Resolve `OVER w` / `OVER (w ...)` against the SELECT's WINDOW clause.
  sql::WindowSpec spec = *e.over;
  if (spec.window_name) {
    const sql::WindowSpec* base = nullptr;
    if (named_windows_) {
      for (const auto& w : *named_windows_) {
        if (w.name.value == spec.window_name->value) base = &w.spec;
      }
    }
    if (!base) {
      return Status::Plan("The window " + spec.window_name->value + " is not defined!")
          .WithLocation(e.loc);
    }
    if (spec.named_only) {
      spec = *base;
    } else {
      if (!spec.partition_by.empty() && !base->partition_by.empty()) {
        return Status::Plan("Cannot override PARTITION BY of window " + spec.window_name->value)
            .WithLocation(e.loc);
      }
      if (spec.partition_by.empty()) spec.partition_by = base->partition_by;
      if (spec.order_by.empty()) spec.order_by = base->order_by;
      if (!spec.frame) spec.frame = base->frame;
    }
  }

  std::vector<ExprPtr> partition_by;
  for (const auto& p : spec.partition_by) {
    QUIVER_ASSIGN_OR_RAISE(auto pe, PlanExprIn(*p, schema));
    partition_by.push_back(std::move(pe));
  }
  std::vector<SortExpr> order_by;
  for (const auto& o : spec.order_by) {
    QUIVER_ASSIGN_OR_RAISE(auto oe, PlanExprIn(*o.expr, schema));
    bool asc = o.asc.value_or(true);
    order_by.push_back({oe, asc, o.nulls_first.value_or(!asc)});
  }

  WindowFrame frame = WindowFrame::Default(!order_by.empty());
  if (spec.frame) {
    const sql::WindowFrame& f = *spec.frame;
    frame.units = f.units == sql::FrameUnits::kRows    ? WindowFrameUnits::kRows
                  : f.units == sql::FrameUnits::kRange ? WindowFrameUnits::kRange
                                                       : WindowFrameUnits::kGroups;
    auto bound = [&](const sql::FrameBound& b) -> Result<WindowFrameBound> {
      WindowFrameBound out;
      switch (b.kind) {
        case sql::FrameBoundKind::kCurrentRow: out.kind = WindowFrameBoundKind::kCurrentRow; break;
        case sql::FrameBoundKind::kUnboundedPreceding:
          out.kind = WindowFrameBoundKind::kPreceding;
          break;
        case sql::FrameBoundKind::kUnboundedFollowing:
          out.kind = WindowFrameBoundKind::kFollowing;
          break;
        case sql::FrameBoundKind::kPreceding:
        case sql::FrameBoundKind::kFollowing: {
          out.kind = b.kind == sql::FrameBoundKind::kPreceding ? WindowFrameBoundKind::kPreceding
                                                               : WindowFrameBoundKind::kFollowing;
          QUIVER_ASSIGN_OR_RAISE(auto oe, PlanExprIn(*b.offset, *DFSchema::Empty()));
          QUIVER_ASSIGN_OR_RAISE(auto v, ConstantValue(oe));
          out.offset = std::move(v);
          break;
        }
      }
      return out;
    };
    QUIVER_ASSIGN_OR_RAISE(frame.start, bound(f.start));
    if (f.end) {
      QUIVER_ASSIGN_OR_RAISE(frame.end, bound(*f.end));
    } else {
      frame.end = WindowFrameBound{};
    }
    QUIVER_RETURN_NOT_OK(frame.Validate(order_by.size()).WithLocation(e.loc));
    // RANGE offsets take the type of the ORDER BY key (numbers) so that
    // execution compares like with like.
    if (frame.units == WindowFrameUnits::kRange && order_by.size() == 1) {
      QUIVER_ASSIGN_OR_RAISE(auto key_type, GetType(order_by[0].expr, schema));
      for (auto* b : {&frame.start, &frame.end}) {
        if (!b->offset || b->offset->type()->Equals(*key_type)) continue;
        bool numeric_key = key_type->is_numeric();
        bool temporal_key = key_type->id() == TypeId::kDate32 ||
                            key_type->id() == TypeId::kDate64 ||
                            key_type->id() == TypeId::kTimestamp;
        if (temporal_key && b->offset->type()->id() == TypeId::kInterval) continue;
        // Integer offsets meet integer keys exactly (in 128 bits) whatever
        // their widths: RANGE 10000 PRECEDING over a TINYINT key is valid.
        if (key_type->is_integer() && b->offset->type()->is_integer()) continue;
        if (!numeric_key && !temporal_key) continue;
        auto cast = compute::Cast(b->offset->array(), key_type);
        if (!cast.ok() || (*cast)->IsNull(0)) {
          return Status::Plan("Cannot cast " + b->offset->ToString() + " to " +
                              key_type->ToString())
              .WithLocation(e.loc);
        }
        b->offset = ScalarValue::FromArray(*cast, 0);
      }
    }
  }

  std::vector<ExprPtr> args;
  bool count_star = false;
  for (const auto& a : e.args) {
    if (a.value->kind == sql::ExprKind::kWildcard) {
      count_star = true;
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(auto v, PlanExprIn(*a.value, schema));
    if (AnyExpr(v, [](const Expr& x) { return IsWindow(x); })) {
      return Status::Plan("Window functions cannot be nested in window function arguments")
          .WithLocation(e.loc);
    }
    args.push_back(std::move(v));
  }
  ExprPtr filter;
  if (e.filter) {
    QUIVER_ASSIGN_OR_RAISE(filter, PlanExprIn(*e.filter, schema));
  }
  const bool ignore_nulls = e.null_treatment == sql::NullTreatment::kIgnoreNulls;
  const FunctionRegistry& reg = context_->functions();
  std::vector<DataTypePtr> types;
  for (const auto& a : args) {
    auto t = GetType(a, schema);
    if (!t.ok()) return t.status().WithLocation(e.loc);
    types.push_back(*t);
  }
  if (auto wf = reg.GetWindow(name)) {
    if (count_star) return Status::Plan(name + "(*) is not supported").WithLocation(e.loc);
    if (filter) {
      return Status::NotImplemented("FILTER is only supported for aggregate window functions")
          .WithLocation(e.loc);
    }
    auto coerced = wf->CoerceTypes(types);
    if (!coerced.ok()) return coerced.status().WithLocation(e.loc);
    return WindowCall(wf, nullptr, std::move(args), std::move(partition_by), std::move(order_by),
                      std::move(frame), nullptr, false, ignore_nulls);
  }
  if (auto agg = reg.GetAggregate(name)) {
    if (!e.order_by.empty()) {
      return Status::Plan("Aggregate ORDER BY is not implemented for window functions")
          .WithLocation(e.loc);
    }
    if (count_star && agg->name() != "count") {
      return Status::Plan(name + "(*) is not supported").WithLocation(e.loc);
    }
    if (agg->name() == "count" && args.empty()) args = {LitInt64(1)};
    auto coerced = agg->CoerceTypes(count_star ? std::vector<DataTypePtr>{int64()} : types);
    if (!coerced.ok()) return coerced.status().WithLocation(e.loc);
    return WindowCall(nullptr, agg, std::move(args), std::move(partition_by), std::move(order_by),
                      std::move(frame), filter, e.distinct, ignore_nulls);
  }
  std::string msg = "Invalid function '" + name + "'.";
  std::string suggestion = reg.Suggest(name);
  if (!suggestion.empty()) msg += "\nDid you mean '" + suggestion + "'?";
  return Status::Plan(msg).WithLocation(e.loc);
}

Result<LogicalPlanPtr> SqlToRel::PlanWindowNode(LogicalPlanPtr plan,
                                                const std::vector<ExprPtr*>& exprs) {
  std::vector<ExprPtr> windows;
  std::set<std::string> seen;
  for (ExprPtr* e : exprs) {
    AnyExpr(*e, [&](const Expr& x) {
      if (IsWindow(x) && seen.insert(x.ToString()).second) {
        windows.push_back(std::make_shared<Expr>(x));
      }
      return false;
    });
  }
  if (windows.empty()) return plan;
  QUIVER_ASSIGN_OR_RAISE(plan, MakeWindow(plan, windows));
  // Window results are read back as the node's output columns.
  for (ExprPtr* e : exprs) {
    QUIVER_ASSIGN_OR_RAISE(*e, TransformUp(*e, [&](const ExprPtr& node) -> Result<ExprPtr> {
      if (!IsWindow(*node)) return ExprPtr();
      return Col(Column::Named(node->ToString()));
    }));
  }
  return plan;
}

}  // namespace quiver
