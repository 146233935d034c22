#include "quiver/logical/expr.h"

#include "quiver/logical/logical_plan.h"
#include "quiver/logical/window.h"

namespace quiver {

namespace {

std::shared_ptr<Expr> New(ExprKind kind) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  return e;
}

std::string JoinExprs(const std::vector<ExprPtr>& exprs) {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i) out += ", ";
    out += exprs[i]->ToString();
  }
  return out;
}

}  // namespace

std::string SortExpr::ToString() const {
  return expr->ToString() + (asc ? " ASC" : " DESC") + (nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

std::string Expr::ToString() const {
  switch (kind) {
    case ExprKind::kColumn: return column.ToString();
    case ExprKind::kOuterReferenceColumn: return "outer_ref(" + column.ToString() + ")";
    case ExprKind::kLiteral: return literal.ToString();
    case ExprKind::kAlias: return expr->ToString() + " AS " + name;
    case ExprKind::kBinary:
      return left->ToString() + " " + OperatorToString(op) + " " + right->ToString();
    case ExprKind::kNot: return "NOT " + expr->ToString();
    case ExprKind::kNegative: return "(- " + expr->ToString() + ")";
    case ExprKind::kIsNull: return expr->ToString() + " IS NULL";
    case ExprKind::kIsNotNull: return expr->ToString() + " IS NOT NULL";
    case ExprKind::kIsTrue: return expr->ToString() + " IS TRUE";
    case ExprKind::kIsFalse: return expr->ToString() + " IS FALSE";
    case ExprKind::kIsUnknown: return expr->ToString() + " IS UNKNOWN";
    case ExprKind::kIsNotTrue: return expr->ToString() + " IS NOT TRUE";
    case ExprKind::kIsNotFalse: return expr->ToString() + " IS NOT FALSE";
    case ExprKind::kIsNotUnknown: return expr->ToString() + " IS NOT UNKNOWN";
    case ExprKind::kBetween:
      return expr->ToString() + (negated ? " NOT" : "") + " BETWEEN " + low->ToString() + " AND " +
             high->ToString();
    case ExprKind::kLike: {
      std::string out = expr->ToString() + (negated ? " NOT" : "") +
                        (case_insensitive ? " ILIKE " : " LIKE ") + pattern->ToString();
      if (escape) out += std::string(" ESCAPE '") + *escape + "'";
      return out;
    }
    case ExprKind::kSimilarTo:
      return expr->ToString() + (negated ? " NOT" : "") + " SIMILAR TO " + pattern->ToString();
    case ExprKind::kInList:
      return expr->ToString() + (negated ? " NOT" : "") + " IN ([" + JoinExprs(list) + "])";
    case ExprKind::kCase: {
      std::string out = "CASE ";
      if (expr) out += expr->ToString() + " ";
      for (size_t i = 0; i < when.size(); ++i) {
        out += "WHEN " + when[i]->ToString() + " THEN " + then[i]->ToString() + " ";
      }
      if (else_expr) out += "ELSE " + else_expr->ToString() + " ";
      return out + "END";
    }
    case ExprKind::kCast: return "CAST(" + expr->ToString() + " AS " + cast_type->ToString() + ")";
    case ExprKind::kTryCast:
      return "TRY_CAST(" + expr->ToString() + " AS " + cast_type->ToString() + ")";
    case ExprKind::kScalarFunction: return scalar_fn->name() + "(" + JoinExprs(args) + ")";
    case ExprKind::kAggregateFunction: {
      std::string out = aggregate_fn->name() + "(" + (distinct ? "DISTINCT " : "") + JoinExprs(args) + ")";
      if (filter) out += " FILTER (WHERE " + filter->ToString() + ")";
      if (!order_by.empty()) {
        out += " ORDER BY [";
        for (size_t i = 0; i < order_by.size(); ++i) {
          if (i) out += ", ";
          out += order_by[i].ToString();
        }
        out += "]";
      }
      return out;
    }
    case ExprKind::kWildcard: return relation ? relation->ToString() + ".*" : "*";
    case ExprKind::kScalarSubquery: return "(<subquery>)";
    case ExprKind::kExists: return negated ? "NOT EXISTS (<subquery>)" : "EXISTS (<subquery>)";
    case ExprKind::kInSubquery:
      if (op != Operator::kEq) {  // expr op ANY (subquery)
        return std::string(negated ? "NOT " : "") + expr->ToString() + " " +
               OperatorToString(op) + " ANY (<subquery>)";
      }
      return expr->ToString() + (negated ? " NOT IN " : " IN ") + "(<subquery>)";
    case ExprKind::kPlaceholder: return name;
    case ExprKind::kWindowFunction: return WindowExprToString(*this);
  }
  return "?";
}

std::string Expr::OutputName() const {
  switch (kind) {
    case ExprKind::kAlias: return name;
    case ExprKind::kColumn: return column.name;
    default: return ToString();
  }
}

std::vector<ExprPtr> Expr::Children() const {
  std::vector<ExprPtr> out;
  auto add = [&](const ExprPtr& e) {
    if (e) out.push_back(e);
  };
  switch (kind) {
    case ExprKind::kBinary:
      add(left);
      add(right);
      break;
    case ExprKind::kBetween:
      add(expr);
      add(low);
      add(high);
      break;
    case ExprKind::kLike:
    case ExprKind::kSimilarTo:
      add(expr);
      add(pattern);
      break;
    case ExprKind::kInList:
      add(expr);
      for (const auto& e : list) add(e);
      break;
    case ExprKind::kCase:
      add(expr);
      for (size_t i = 0; i < when.size(); ++i) {
        add(when[i]);
        add(then[i]);
      }
      add(else_expr);
      break;
    case ExprKind::kScalarFunction:
      for (const auto& e : args) add(e);
      break;
    case ExprKind::kAggregateFunction:
      for (const auto& e : args) add(e);
      add(filter);
      for (const auto& s : order_by) add(s.expr);
      break;
    case ExprKind::kWindowFunction:
      for (const auto& e : args) add(e);
      add(filter);
      for (const auto& e : partition_by) add(e);
      for (const auto& s : order_by) add(s.expr);
      break;
    default: add(expr); break;
  }
  return out;
}

ExprPtr WithChildren(const ExprPtr& e, std::vector<ExprPtr> c) {
  auto out = std::make_shared<Expr>(*e);
  size_t k = 0;
  auto next = [&](const ExprPtr& old) -> ExprPtr { return old ? c[k++] : nullptr; };
  switch (e->kind) {
    case ExprKind::kBinary:
      out->left = next(e->left);
      out->right = next(e->right);
      break;
    case ExprKind::kBetween:
      out->expr = next(e->expr);
      out->low = next(e->low);
      out->high = next(e->high);
      break;
    case ExprKind::kLike:
    case ExprKind::kSimilarTo:
      out->expr = next(e->expr);
      out->pattern = next(e->pattern);
      break;
    case ExprKind::kInList:
      out->expr = next(e->expr);
      for (auto& x : out->list) x = c[k++];
      break;
    case ExprKind::kCase:
      out->expr = next(e->expr);
      for (size_t i = 0; i < e->when.size(); ++i) {
        out->when[i] = c[k++];
        out->then[i] = c[k++];
      }
      out->else_expr = next(e->else_expr);
      break;
    case ExprKind::kScalarFunction:
      for (auto& x : out->args) x = c[k++];
      break;
    case ExprKind::kAggregateFunction:
      for (auto& x : out->args) x = c[k++];
      out->filter = next(e->filter);
      for (auto& s : out->order_by) s.expr = c[k++];
      break;
    case ExprKind::kWindowFunction:
      for (auto& x : out->args) x = c[k++];
      out->filter = next(e->filter);
      for (auto& x : out->partition_by) x = c[k++];
      for (auto& s : out->order_by) s.expr = c[k++];
      break;
    default: out->expr = next(e->expr); break;
  }
  return out;
}

ExprPtr Col(const std::string& name) { return Col(Column::Named(name)); }
ExprPtr Col(Column column) {
  auto e = New(ExprKind::kColumn);
  e->column = std::move(column);
  return e;
}
ExprPtr Lit(ScalarValue value) {
  auto e = New(ExprKind::kLiteral);
  e->literal = std::move(value);
  return e;
}
ExprPtr LitInt64(int64_t v) { return Lit(ScalarValue::Int64(v)); }
ExprPtr LitString(const std::string& v) { return Lit(ScalarValue::Utf8(v)); }
ExprPtr LitBool(bool v) { return Lit(ScalarValue::Boolean(v)); }
ExprPtr LitNull() { return Lit(ScalarValue::Null(null())); }
ExprPtr Binary(ExprPtr left, Operator op, ExprPtr right) {
  auto e = New(ExprKind::kBinary);
  e->left = std::move(left);
  e->op = op;
  e->right = std::move(right);
  return e;
}
ExprPtr Alias(ExprPtr inner, std::string name, std::optional<TableReference> relation) {
  auto e = New(ExprKind::kAlias);
  e->expr = std::move(inner);
  e->name = std::move(name);
  e->relation = std::move(relation);
  return e;
}
ExprPtr Unary(ExprKind kind, ExprPtr inner) {
  auto e = New(kind);
  e->expr = std::move(inner);
  return e;
}
ExprPtr Not(ExprPtr e) { return Unary(ExprKind::kNot, std::move(e)); }
ExprPtr Negative(ExprPtr e) { return Unary(ExprKind::kNegative, std::move(e)); }
ExprPtr CastTo(ExprPtr inner, DataTypePtr type, bool try_cast) {
  auto e = New(try_cast ? ExprKind::kTryCast : ExprKind::kCast);
  e->expr = std::move(inner);
  e->cast_type = std::move(type);
  return e;
}
ExprPtr And(ExprPtr l, ExprPtr r) { return Binary(std::move(l), Operator::kAnd, std::move(r)); }
ExprPtr Or(ExprPtr l, ExprPtr r) { return Binary(std::move(l), Operator::kOr, std::move(r)); }
ExprPtr ScalarCall(ScalarUDFPtr fn, std::vector<ExprPtr> args) {
  auto e = New(ExprKind::kScalarFunction);
  e->scalar_fn = std::move(fn);
  e->args = std::move(args);
  return e;
}
ExprPtr AggregateCall(AggregateUDFPtr fn, std::vector<ExprPtr> args, bool distinct,
                      ExprPtr filter, std::vector<SortExpr> order_by) {
  auto e = New(ExprKind::kAggregateFunction);
  e->aggregate_fn = std::move(fn);
  e->args = std::move(args);
  e->distinct = distinct;
  e->filter = std::move(filter);
  e->order_by = std::move(order_by);
  return e;
}
ExprPtr Wildcard(std::optional<TableReference> qualifier) {
  auto e = New(ExprKind::kWildcard);
  e->relation = std::move(qualifier);
  return e;
}

ExprPtr Unalias(const ExprPtr& e) { return e->kind == ExprKind::kAlias ? e->expr : e; }

void SplitConjunction(const ExprPtr& e, std::vector<ExprPtr>* out) {
  if (e->kind == ExprKind::kBinary && e->op == Operator::kAnd) {
    SplitConjunction(e->left, out);
    SplitConjunction(e->right, out);
  } else if (e->kind == ExprKind::kAlias) {
    SplitConjunction(e->expr, out);
  } else {
    out->push_back(e);
  }
}

ExprPtr Conjunction(const std::vector<ExprPtr>& terms) {
  ExprPtr out;
  for (const auto& t : terms) out = out ? And(out, t) : t;
  return out;
}

bool AnyExpr(const ExprPtr& e, const std::function<bool(const Expr&)>& pred) {
  if (pred(*e)) return true;
  for (const auto& c : e->Children()) {
    if (AnyExpr(c, pred)) return true;
  }
  return false;
}

void CollectColumns(const ExprPtr& e, std::vector<Column>* out) {
  AnyExpr(e, [&](const Expr& x) {
    if (x.kind == ExprKind::kColumn) {
      bool seen = false;
      for (const auto& c : *out) seen |= c == x.column;
      if (!seen) out->push_back(x.column);
    }
    return false;
  });
}

bool ContainsAggregate(const ExprPtr& e) {
  return AnyExpr(e, [](const Expr& x) { return x.kind == ExprKind::kAggregateFunction; });
}

Result<ExprPtr> TransformUp(const ExprPtr& e,
                            const std::function<Result<ExprPtr>(const ExprPtr&)>& fn) {
  auto children = e->Children();
  ExprPtr node = e;
  if (!children.empty()) {
    bool changed = false;
    for (auto& c : children) {
      QUIVER_ASSIGN_OR_RAISE(auto nc, TransformUp(c, fn));
      changed |= nc != c;
      c = std::move(nc);
    }
    if (changed) node = WithChildren(e, std::move(children));
  }
  QUIVER_ASSIGN_OR_RAISE(auto replaced, fn(node));
  return replaced ? replaced : node;
}

}  // namespace quiver
