// SQL expressions over nested types -> function calls: a[i] (array_element
// or get_field for structs and maps), a[i:j[:k]] (array_slice), s.f and
// f(x).f (get_field), (a, b) / ROW(a, b) (struct), struct(x AS name)
// (named_struct).
#include <algorithm>
#include <cctype>

#include "quiver/logical/unnest.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

Result<ExprPtr> CallByName(const FunctionRegistry& reg, const std::string& name,
                           std::vector<ExprPtr> args, SourceLocation loc) {
  auto fn = reg.GetScalar(name);
  if (!fn) return Status::NotImplemented(name + " is not available").WithLocation(loc);
  auto bound = fn->Bind(args);
  if (!bound.ok()) return bound.status().WithLocation(loc);
  if (*bound) fn = *bound;
  return ScalarCall(fn, std::move(args));
}

bool IsNamedArg(const sql::FunctionArg& a) {
  return a.value && a.value->kind == sql::ExprKind::kNamed;
}

}  // namespace

bool SqlToRel::IsStructWithNames(const sql::Expr& e) {
  if (e.names.size() != 1) return false;
  std::string n = e.names[0].value;
  for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n != "struct") return false;
  for (const auto& a : e.args) {
    if (IsNamedArg(a)) return true;
  }
  return false;
}

Result<ExprPtr> SqlToRel::PlanFieldAccess(ExprPtr base, const std::string& field,
                                          SourceLocation loc) {
  return CallByName(context_->functions(), "get_field", {std::move(base), LitString(field)}, loc);
}

Result<ExprPtr> SqlToRel::PlanNestedExpr(const sql::Expr& e, const DFSchema& schema) {
  using K = sql::ExprKind;
  const FunctionRegistry& reg = context_->functions();
  switch (e.kind) {
    case K::kSubscript: {
      QUIVER_ASSIGN_OR_RAISE(auto base, PlanExprIn(*e.operand, schema));
      auto bt = GetType(base, schema);
      if (!bt.ok()) return bt.status().WithLocation(e.loc);
      if (e.is_slice) {
        std::vector<ExprPtr> args{base};
        for (const auto* bound : {&e.low, &e.high}) {
          if (*bound) {
            QUIVER_ASSIGN_OR_RAISE(auto b, PlanExprIn(**bound, schema));
            args.push_back(std::move(b));
          } else {
            args.push_back(Lit(ScalarValue::Null(int64())));
          }
        }
        if (e.stride) {
          QUIVER_ASSIGN_OR_RAISE(auto s, PlanExprIn(*e.stride, schema));
          args.push_back(std::move(s));
        }
        return CallByName(reg, "array_slice", std::move(args), e.loc);
      }
      QUIVER_ASSIGN_OR_RAISE(auto index, PlanExprIn(*e.low, schema));
      const TypeId id = (*bt)->id();
      if (id == TypeId::kStruct || id == TypeId::kMap) {
        return CallByName(reg, "get_field", {base, index}, e.loc);
      }
      return CallByName(reg, "array_element", {base, index}, e.loc);
    }
    case K::kFieldAccess: {
      QUIVER_ASSIGN_OR_RAISE(auto base, PlanExprIn(*e.operand, schema));
      return PlanFieldAccess(base, e.field.value, e.loc);
    }
    case K::kTuple: {
      std::vector<ExprPtr> args;
      for (const auto& x : e.list) {
        QUIVER_ASSIGN_OR_RAISE(auto v, PlanExprIn(*x, schema));
        args.push_back(std::move(v));
      }
      return CallByName(reg, "struct", std::move(args), e.loc);
    }
    case K::kFunction: {
      // struct(a AS x, b): field names from AS, else c<position>.
      std::vector<ExprPtr> args;
      for (size_t i = 0; i < e.args.size(); ++i) {
        const sql::Expr* v = e.args[i].value.get();
        std::string name = "c" + std::to_string(i);
        if (v->kind == K::kNamed) {
          name = v->field.value;
          v = v->operand.get();
        }
        QUIVER_ASSIGN_OR_RAISE(auto x, PlanExprIn(*v, schema));
        args.push_back(LitString(name));
        args.push_back(std::move(x));
      }
      return CallByName(reg, "named_struct", std::move(args), e.loc);
    }
    default: break;
  }
  return Status::NotImplemented("Unsupported nested expression").WithLocation(e.loc);
}

Result<ExprPtr> SqlToRel::PlanCompoundFieldAccess(const sql::Expr& e, const DFSchema& schema) {
  const auto& n = e.names;
  // The longest prefix naming a column wins; the rest are struct fields.
  for (size_t p = std::min<size_t>(n.size() - 1, 4); p >= 1; --p) {
    Column col;
    col.name = n[p - 1].value;
    if (p == 2) col.relation = TableReference{"", "", n[0].value};
    if (p == 3) col.relation = TableReference{"", n[0].value, n[1].value};
    if (p == 4) col.relation = TableReference{n[0].value, n[1].value, n[2].value};
    auto idx = schema.IndexOf(col);
    if (!idx.ok()) continue;
    ExprPtr cur = Col(schema.column(*idx));
    auto t = GetType(cur, schema);
    if (!t.ok() || ((*t)->id() != TypeId::kStruct && (*t)->id() != TypeId::kMap)) continue;
    for (size_t k = p; k < n.size(); ++k) {
      QUIVER_ASSIGN_OR_RAISE(cur, PlanFieldAccess(cur, n[k].value, e.loc));
    }
    return cur;
  }
  return Status::Plan("not a struct field access");
}

Result<ExprPtr> SqlToRel::PlanArrayOperator(const sql::Expr& e, const ExprPtr& l, const ExprPtr& r,
                                            const DFSchema& schema) {
  using B = sql::BinaryOp;
  if (e.binary_op != B::kStringConcat && e.binary_op != B::kAtArrow && e.binary_op != B::kArrowAt) {
    return ExprPtr();
  }
  auto lt = GetType(l, schema);
  auto rt = GetType(r, schema);
  if (!lt.ok() || !rt.ok()) return ExprPtr();
  const bool ll = (*lt)->is_list(), rl = (*rt)->is_list();
  const FunctionRegistry& reg = context_->functions();
  if (e.binary_op == B::kAtArrow || e.binary_op == B::kArrowAt) {
    if (!ll || !rl) return ExprPtr();
    // a @> b: a contains every element of b; a <@ b the other way round.
    if (e.binary_op == B::kAtArrow) return CallByName(reg, "array_has_all", {l, r}, e.loc);
    return CallByName(reg, "array_has_all", {r, l}, e.loc);
  }
  // ||: list || list concatenates, list || x appends, x || list prepends.
  if (ll && rl) {
    auto ld = (*lt)->field(0)->type()->is_list(), rd = (*rt)->field(0)->type()->is_list();
    if (ld != rd) {
      return Status::Plan("Cannot concatenate arrays of different dimensions with ||")
          .WithLocation(e.loc);
    }
    return CallByName(reg, "array_concat", {l, r}, e.loc);
  }
  if (ll && (*rt)->id() != TypeId::kNull) return CallByName(reg, "array_append", {l, r}, e.loc);
  if (rl && (*lt)->id() != TypeId::kNull) return CallByName(reg, "array_prepend", {l, r}, e.loc);
  return ExprPtr();
}

Result<LogicalPlanPtr> SqlToRel::PlanUnnestTable(const sql::TableFactor& f) {
  // FROM unnest(a, b): unnest calls projected over one empty row.
  if (f.with_ordinality)
    return Status::NotImplemented("UNNEST WITH ORDINALITY").WithLocation(f.loc);
  if (f.unnest_exprs.empty()) return Status::Plan("UNNEST needs an argument").WithLocation(f.loc);
  auto one = MakeEmptyRelation(true);
  const FunctionRegistry& reg = context_->functions();
  std::vector<ExprPtr> exprs;
  for (const auto& x : f.unnest_exprs) {
    QUIVER_ASSIGN_OR_RAISE(auto v, PlanExprIn(*x, *one->schema));
    QUIVER_ASSIGN_OR_RAISE(auto call, CallByName(reg, kUnnestFunctionName, {v}, f.loc));
    exprs.push_back(std::move(call));
  }
  QUIVER_ASSIGN_OR_RAISE(auto proj, MakeProjection(one, std::move(exprs)));
  return RewriteUnnest(proj, reg);
}

}  // namespace quiver
