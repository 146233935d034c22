// Query parsing: WITH, set operations, SELECT, FROM/joins, GROUP BY, ORDER BY.
#include <algorithm>

#include "quiver/sql/parser_internal.h"

namespace quiver::sql::internal {

namespace {

bool IsOneOf(const Token& t, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return t.IsKeyword(w); });
}

}  // namespace

bool Parser::IsReservedForColumnAlias(const Token& t) const {
  return IsOneOf(t,
                 {"FROM",      "WHERE",     "GROUP",  "HAVING",    "ORDER",  "LIMIT",     "OFFSET",
                  "UNION",     "INTERSECT", "EXCEPT", "MINUS",     "WINDOW", "QUALIFY",   "INTO",
                  "ON",        "JOIN",      "INNER",  "LEFT",      "RIGHT",  "FULL",      "CROSS",
                  "NATURAL",   "USING",     "SELECT", "WITH",      "VALUES", "FETCH",     "LATERAL",
                  "RETURNING", "SET",       "OUTER",  "SEMI",      "ANTI",   "END",       "THEN",
                  "WHEN",      "ELSE",      "AND",    "OR",        "NOT",    "IS",        "IN",
                  "BETWEEN",   "LIKE",      "ILIKE",  "SIMILAR",   "AS",     "PARTITION", "STORED",
                  "LOCATION",  "OPTIONS",   "TO",     "FOR",       "ROWS",   "RANGE",     "GROUPS",
                  "ASC",       "DESC",      "NULLS",  "APPLY",     "FILTER", "OVER",      "EXCLUDE",
                  "REPLACE",   "RENAME",    "ESCAPE", "DISTRIBUTE"});
}

bool Parser::IsReservedForTableAlias(const Token& t) const { return IsReservedForColumnAlias(t); }

bool Parser::StartsQuery(size_t ahead) const {
  size_t i = ahead;
  while (PeekOp("(", i)) ++i;
  return PeekKeyword("SELECT", i) || PeekKeyword("WITH", i) || PeekKeyword("VALUES", i);
}

Result<QueryPtr> Parser::ParseQuery() {
  QUIVER_RETURN_NOT_OK(CheckDepth());
  DepthGuard guard(this);
  auto q = std::make_shared<Query>();
  q->loc = Peek().loc;
  if (ConsumeKeyword("WITH")) {
    With with;
    with.recursive = ConsumeKeyword("RECURSIVE");
    do {
      Cte cte;
      cte.loc = Peek().loc;
      QUIVER_ASSIGN_OR_RAISE(cte.alias.name, ParseIdent());
      if (PeekOp("(")) {
        QUIVER_ASSIGN_OR_RAISE(cte.alias.columns, ParseParenthesizedIdents());
      }
      QUIVER_RETURN_NOT_OK(ExpectKeyword("AS"));
      QUIVER_RETURN_NOT_OK(ExpectOp("("));
      QUIVER_ASSIGN_OR_RAISE(cte.query, ParseQuery());
      QUIVER_RETURN_NOT_OK(ExpectOp(")"));
      with.ctes.push_back(std::move(cte));
    } while (ConsumeOp(","));
    q->with = std::move(with);
  }
  QUIVER_ASSIGN_OR_RAISE(q->body, ParseSetExpr(0));
  if (ConsumeKeywords({"ORDER", "BY"})) {
    QUIVER_ASSIGN_OR_RAISE(q->order_by, ParseOrderByList());
  }
  for (int i = 0; i < 2; ++i) {
    if (!q->limit && ConsumeKeyword("LIMIT")) {
      if (!ConsumeKeyword("ALL")) {
        QUIVER_ASSIGN_OR_RAISE(q->limit, ParseExpr());
      }
    }
    if (!q->offset && ConsumeKeyword("OFFSET")) {
      QUIVER_ASSIGN_OR_RAISE(q->offset, ParseExpr());
      if (!ConsumeKeyword("ROWS")) ConsumeKeyword("ROW");
    }
  }
  return q;
}

Result<SetExprPtr> Parser::ParseSetExpr(int min_prec) {
  QUIVER_RETURN_NOT_OK(CheckDepth());
  DepthGuard guard(this);
  QUIVER_ASSIGN_OR_RAISE(SetExprPtr left, ParseSetPrimary());
  int chain = 0;
  while (true) {
    const Token& t = Peek();
    int prec = 0;
    SetOperator op = SetOperator::kUnion;
    if (t.IsKeyword("UNION")) {
      prec = 10;
    } else if (t.IsKeyword("EXCEPT") || t.IsKeyword("MINUS")) {
      prec = 10;
      op = SetOperator::kExcept;
    } else if (t.IsKeyword("INTERSECT")) {
      prec = 20;
      op = SetOperator::kIntersect;
    }
    if (prec == 0 || prec <= min_prec) break;
    if (++chain > opts_.max_chain) return ErrorAt(t, "too many set operations");
    auto node = std::make_shared<SetExpr>();
    node->kind = SetExprKind::kSetOperation;
    node->loc = Next().loc;
    node->op = op;
    if (ConsumeKeyword("ALL")) {
      node->quantifier =
          ConsumeKeywords({"BY", "NAME"}) ? SetQuantifier::kAllByName : SetQuantifier::kAll;
    } else if (ConsumeKeyword("DISTINCT")) {
      node->quantifier = ConsumeKeywords({"BY", "NAME"}) ? SetQuantifier::kDistinctByName
                                                         : SetQuantifier::kDistinct;
    } else if (ConsumeKeywords({"BY", "NAME"})) {
      node->quantifier = SetQuantifier::kByName;
    }
    node->left = std::move(left);
    QUIVER_ASSIGN_OR_RAISE(node->right, ParseSetExpr(prec));
    left = std::move(node);
  }
  return left;
}

Result<SetExprPtr> Parser::ParseSetPrimary() {
  auto s = std::make_shared<SetExpr>();
  s->loc = Peek().loc;
  if (PeekKeyword("SELECT")) {
    s->kind = SetExprKind::kSelect;
    QUIVER_ASSIGN_OR_RAISE(s->select, ParseSelect());
  } else if (ConsumeOp("(")) {
    s->kind = SetExprKind::kQuery;
    QUIVER_ASSIGN_OR_RAISE(s->query, ParseQuery());
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
  } else if (ConsumeKeyword("VALUES")) {
    s->kind = SetExprKind::kValues;
    QUIVER_ASSIGN_OR_RAISE(s->values, ParseValuesRows());
  } else if (PeekKeyword("TABLE") && Peek(1).type == TokenType::kWord) {
    Next();
    s->kind = SetExprKind::kTable;
    QUIVER_ASSIGN_OR_RAISE(s->table, ParseObjectName());
  } else {
    return Expected("SELECT, VALUES, or a subquery in the query body");
  }
  return s;
}

Result<std::vector<std::vector<ExprPtr>>> Parser::ParseValuesRows() {
  std::vector<std::vector<ExprPtr>> rows;
  do {
    if (PeekKeyword("ROW") && PeekOp("(", 1)) Next();  // MySQL's VALUES ROW(...)
    QUIVER_RETURN_NOT_OK(ExpectOp("("));
    QUIVER_ASSIGN_OR_RAISE(std::vector<ExprPtr> row, ParseExprList());
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    rows.push_back(std::move(row));
  } while (ConsumeOp(","));
  return rows;
}

Result<std::shared_ptr<Select>> Parser::ParseSelect() {
  auto s = std::make_shared<Select>();
  s->loc = Next().loc;  // SELECT
  if (ConsumeKeyword("ALL")) {
    s->distinct = DistinctKind::kAll;
  } else if (ConsumeKeyword("DISTINCT")) {
    s->distinct = DistinctKind::kDistinct;
    if (ConsumeKeyword("ON")) {
      s->distinct = DistinctKind::kDistinctOn;
      QUIVER_RETURN_NOT_OK(ExpectOp("("));
      QUIVER_ASSIGN_OR_RAISE(s->distinct_on, ParseExprList());
      QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    }
  }
  do {
    QUIVER_ASSIGN_OR_RAISE(SelectItem item, ParseSelectItem());
    s->projection.push_back(std::move(item));
  } while (ConsumeOp(","));
  if (ConsumeKeyword("INTO")) {
    SelectInto into;
    into.temporary = ConsumeKeyword("TEMPORARY") || ConsumeKeyword("TEMP");
    into.table_keyword = ConsumeKeyword("TABLE");
    QUIVER_ASSIGN_OR_RAISE(into.name, ParseObjectName());
    s->into = std::move(into);
  }
  if (ConsumeKeyword("FROM")) {
    do {
      QUIVER_ASSIGN_OR_RAISE(TableWithJoins t, ParseTableWithJoins());
      s->from.push_back(std::move(t));
    } while (ConsumeOp(","));
  }
  if (ConsumeKeyword("WHERE")) {
    QUIVER_ASSIGN_OR_RAISE(s->selection, ParseExpr());
  }
  if (ConsumeKeywords({"GROUP", "BY"})) {
    QUIVER_ASSIGN_OR_RAISE(GroupBy g, ParseGroupBy());
    s->group_by = std::move(g);
  }
  if (ConsumeKeyword("HAVING")) {
    QUIVER_ASSIGN_OR_RAISE(s->having, ParseExpr());
  }
  for (int i = 0; i < 2; ++i) {
    if (s->named_windows.empty() && ConsumeKeyword("WINDOW")) {
      do {
        NamedWindow w;
        QUIVER_ASSIGN_OR_RAISE(w.name, ParseIdent());
        QUIVER_RETURN_NOT_OK(ExpectKeyword("AS"));
        if (ConsumeOp("(")) {
          QUIVER_ASSIGN_OR_RAISE(w.spec, ParseWindowSpecBody());
        } else {
          QUIVER_ASSIGN_OR_RAISE(Ident base, ParseIdent());
          w.spec.window_name = std::move(base);
          w.spec.named_only = true;
        }
        s->named_windows.push_back(std::move(w));
      } while (ConsumeOp(","));
    }
    if (!s->qualify && ConsumeKeyword("QUALIFY")) {
      QUIVER_ASSIGN_OR_RAISE(s->qualify, ParseExpr());
    }
  }
  if (ConsumeKeywords({"DISTRIBUTE", "BY"})) {
    QUIVER_ASSIGN_OR_RAISE(s->distribute_by, ParseExprList());
  }
  return s;
}

Result<SelectItem> Parser::ParseSelectItem() {
  SelectItem item;
  item.loc = Peek().loc;
  QUIVER_ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
  if (expr->kind == ExprKind::kWildcard) {
    item.kind =
        expr->names.empty() ? SelectItemKind::kWildcard : SelectItemKind::kQualifiedWildcard;
    item.qualifier = std::move(expr->names);
    QUIVER_RETURN_NOT_OK(ParseWildcardOptions(&item.options));
    return item;
  }
  item.expr = std::move(expr);
  if (ConsumeKeyword("AS")) {
    QUIVER_ASSIGN_OR_RAISE(Ident alias, ParseAliasIdent());
    item.alias = std::move(alias);
  } else if (Peek().type == TokenType::kString ||
             (Peek().type == TokenType::kWord && !IsReservedForColumnAlias(Peek()))) {
    QUIVER_ASSIGN_OR_RAISE(item.alias, ParseAliasIdent());
  }
  return item;
}

Status Parser::ParseWildcardOptions(WildcardOptions* opts) {
  while (true) {
    if (ConsumeKeyword("EXCLUDE")) {
      if (PeekOp("(")) {
        QUIVER_ASSIGN_OR_RAISE(opts->exclude, ParseParenthesizedIdents());
      } else {
        QUIVER_ASSIGN_OR_RAISE(Ident id, ParseIdent());
        opts->exclude.push_back(std::move(id));
        opts->exclude_parens = false;
      }
    } else if (PeekKeyword("EXCEPT") && PeekOp("(", 1) && !StartsQuery(1)) {
      Next();
      QUIVER_ASSIGN_OR_RAISE(opts->except, ParseParenthesizedIdents());
    } else if (PeekKeyword("REPLACE") && PeekOp("(", 1)) {
      Next();
      Next();
      do {
        QUIVER_ASSIGN_OR_RAISE(ExprPtr e, ParseExpr());
        QUIVER_RETURN_NOT_OK(ExpectKeyword("AS"));
        QUIVER_ASSIGN_OR_RAISE(Ident id, ParseIdent());
        opts->replace.emplace_back(std::move(e), std::move(id));
      } while (ConsumeOp(","));
      QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    } else if (PeekKeyword("RENAME") && PeekOp("(", 1)) {
      Next();
      Next();
      do {
        QUIVER_ASSIGN_OR_RAISE(Ident from, ParseIdent());
        QUIVER_RETURN_NOT_OK(ExpectKeyword("AS"));
        QUIVER_ASSIGN_OR_RAISE(Ident to, ParseIdent());
        opts->rename.emplace_back(std::move(from), std::move(to));
      } while (ConsumeOp(","));
      QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    } else {
      return Status::OK();
    }
  }
}

Result<TableWithJoins> Parser::ParseTableWithJoins() {
  TableWithJoins twj;
  QUIVER_ASSIGN_OR_RAISE(twj.relation, ParseTableFactor());
  while (true) {
    Join join;
    join.loc = Peek().loc;
    bool natural = ConsumeKeyword("NATURAL");
    if (ConsumeKeyword("CROSS")) {
      if (ConsumeKeyword("APPLY")) {
        join.op = JoinOperator::kCrossApply;
      } else {
        QUIVER_RETURN_NOT_OK(ExpectKeyword("JOIN"));
        join.op = JoinOperator::kCross;
      }
    } else if (PeekKeyword("OUTER") && PeekKeyword("APPLY", 1)) {
      Next();
      Next();
      join.op = JoinOperator::kOuterApply;
    } else if (ConsumeKeyword("JOIN")) {
      join.op = JoinOperator::kInner;
    } else if (ConsumeKeyword("INNER")) {
      QUIVER_RETURN_NOT_OK(ExpectKeyword("JOIN"));
      join.op = JoinOperator::kInner;
      join.inner_keyword = true;
    } else if (PeekKeyword("LEFT") || PeekKeyword("RIGHT")) {
      bool left = Next().IsKeyword("LEFT");
      if (ConsumeKeyword("SEMI")) {
        join.op = left ? JoinOperator::kLeftSemi : JoinOperator::kRightSemi;
      } else if (ConsumeKeyword("ANTI")) {
        join.op = left ? JoinOperator::kLeftAnti : JoinOperator::kRightAnti;
      } else {
        join.outer_keyword = ConsumeKeyword("OUTER");
        join.op = left ? JoinOperator::kLeftOuter : JoinOperator::kRightOuter;
      }
      QUIVER_RETURN_NOT_OK(ExpectKeyword("JOIN"));
    } else if (ConsumeKeyword("FULL")) {
      join.outer_keyword = ConsumeKeyword("OUTER");
      join.op = JoinOperator::kFullOuter;
      QUIVER_RETURN_NOT_OK(ExpectKeyword("JOIN"));
    } else if (PeekKeyword("SEMI") && PeekKeyword("JOIN", 1)) {
      Next();
      Next();
      join.op = JoinOperator::kLeftSemi;
    } else if (PeekKeyword("ANTI") && PeekKeyword("JOIN", 1)) {
      Next();
      Next();
      join.op = JoinOperator::kLeftAnti;
    } else {
      if (natural) return Expected("a join type after NATURAL");
      break;
    }
    QUIVER_ASSIGN_OR_RAISE(join.relation, ParseTableFactor());
    if (natural) {
      join.constraint = JoinConstraintKind::kNatural;
    } else if (ConsumeKeyword("ON")) {
      join.constraint = JoinConstraintKind::kOn;
      QUIVER_ASSIGN_OR_RAISE(join.on, ParseExpr());
    } else if (ConsumeKeyword("USING")) {
      join.constraint = JoinConstraintKind::kUsing;
      QUIVER_ASSIGN_OR_RAISE(join.using_, ParseParenthesizedIdents());
    }
    twj.joins.push_back(std::move(join));
  }
  return twj;
}

Result<TableFactor> Parser::ParseTableFactor() {
  QUIVER_RETURN_NOT_OK(CheckDepth());
  DepthGuard guard(this);
  TableFactor tf;
  tf.loc = Peek().loc;
  if (ConsumeKeyword("LATERAL")) {
    tf.lateral = true;
    if (!PeekOp("(")) {
      tf.kind = TableFactorKind::kFunction;
      QUIVER_ASSIGN_OR_RAISE(tf.name, ParseObjectName());
      Expr call;
      QUIVER_RETURN_NOT_OK(ParseFunctionArgs(&call));
      tf.args = std::move(call.args);
      tf.has_args = true;
      QUIVER_RETURN_NOT_OK(ParseOptionalTableAlias(&tf.alias));
      return tf;
    }
  }
  if (PeekOp("(")) {
    Next();
    size_t save = pos_;
    Status first_error;
    if (StartsQuery(0)) {
      auto q = ParseQuery();
      if (q.ok() && ConsumeOp(")")) {
        tf.kind = TableFactorKind::kDerived;
        tf.subquery = std::move(*q);
        QUIVER_RETURN_NOT_OK(ParseOptionalTableAlias(&tf.alias));
        return tf;
      }
      first_error = q.ok() ? ExpectOp(")") : q.status();
      pos_ = save;
      if (tf.lateral) return first_error;
    }
    auto nested = ParseTableWithJoins();
    if (!nested.ok()) return first_error.ok() ? nested.status() : first_error;
    if (!ConsumeOp(")")) return first_error.ok() ? ExpectOp(")") : first_error;
    tf.kind = TableFactorKind::kNestedJoin;
    tf.nested = std::make_shared<TableWithJoins>(std::move(*nested));
    QUIVER_RETURN_NOT_OK(ParseOptionalTableAlias(&tf.alias));
    return tf;
  }
  if (PeekKeyword("VALUES") && PeekOp("(", 1)) {
    // FROM VALUES (..), (..): a derived table without parentheses.
    auto body = std::make_shared<SetExpr>();
    body->kind = SetExprKind::kValues;
    body->loc = Next().loc;
    QUIVER_ASSIGN_OR_RAISE(body->values, ParseValuesRows());
    tf.kind = TableFactorKind::kDerived;
    tf.subquery = std::make_shared<Query>();
    tf.subquery->loc = body->loc;
    tf.subquery->body = std::move(body);
    QUIVER_RETURN_NOT_OK(ParseOptionalTableAlias(&tf.alias));
    return tf;
  }
  if (PeekKeyword("UNNEST") && PeekOp("(", 1)) {
    Next();
    Next();
    tf.kind = TableFactorKind::kUnnest;
    QUIVER_ASSIGN_OR_RAISE(tf.unnest_exprs, ParseExprList());
    QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    tf.with_ordinality = ConsumeKeywords({"WITH", "ORDINALITY"});
    QUIVER_RETURN_NOT_OK(ParseOptionalTableAlias(&tf.alias));
    return tf;
  }
  tf.kind = TableFactorKind::kTable;
  if (Peek().type == TokenType::kString) {
    const Token& t = Next();
    tf.name.push_back(Ident{t.text, '\'', t.loc});
  } else {
    QUIVER_ASSIGN_OR_RAISE(tf.name, ParseObjectName());
  }
  if (PeekOp("(")) {
    Expr call;
    QUIVER_RETURN_NOT_OK(ParseFunctionArgs(&call));
    tf.args = std::move(call.args);
    tf.has_args = true;
  }
  QUIVER_RETURN_NOT_OK(ParseOptionalTableAlias(&tf.alias));
  return tf;
}

Status Parser::ParseOptionalTableAlias(std::optional<TableAlias>* alias) {
  TableAlias a;
  if (ConsumeKeyword("AS")) {
    QUIVER_ASSIGN_OR_RAISE(a.name, ParseAliasIdent());
  } else if (Peek().type == TokenType::kString ||
             (Peek().type == TokenType::kWord && !IsReservedForTableAlias(Peek()))) {
    QUIVER_ASSIGN_OR_RAISE(a.name, ParseAliasIdent());
  } else {
    return Status::OK();
  }
  if (PeekOp("(")) {
    QUIVER_ASSIGN_OR_RAISE(a.columns, ParseParenthesizedIdents());
  }
  *alias = std::move(a);
  return Status::OK();
}

Result<GroupBy> Parser::ParseGroupBy() {
  GroupBy g;
  if (ConsumeKeyword("ALL")) {
    g.all = true;
    return g;
  }
  do {
    QUIVER_ASSIGN_OR_RAISE(ExprPtr e, ParseGroupingElement());
    g.exprs.push_back(std::move(e));
  } while (ConsumeOp(","));
  return g;
}

Result<ExprPtr> Parser::ParseGroupingElement() {
  const Token& t = Peek();
  ExprKind kind;
  if (t.IsKeyword("GROUPING") && PeekKeyword("SETS", 1)) {
    Next();
    kind = ExprKind::kGroupingSets;
  } else if ((t.IsKeyword("ROLLUP") || t.IsKeyword("CUBE")) && PeekOp("(", 1)) {
    kind = t.IsKeyword("ROLLUP") ? ExprKind::kRollup : ExprKind::kCube;
  } else {
    return ParseExpr();
  }
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->loc = Next().loc;
  QUIVER_RETURN_NOT_OK(ExpectOp("("));
  do {
    std::vector<ExprPtr> set;
    if (ConsumeOp("(")) {
      if (!PeekOp(")")) {
        QUIVER_ASSIGN_OR_RAISE(set, ParseExprList());
      }
      QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    } else {
      QUIVER_ASSIGN_OR_RAISE(ExprPtr one, ParseExpr());
      set.push_back(std::move(one));
    }
    e->sets.push_back(std::move(set));
  } while (ConsumeOp(","));
  QUIVER_RETURN_NOT_OK(ExpectOp(")"));
  return e;
}

Result<std::vector<OrderByExpr>> Parser::ParseOrderByList() {
  std::vector<OrderByExpr> out;
  do {
    QUIVER_ASSIGN_OR_RAISE(OrderByExpr o, ParseOrderByExpr());
    out.push_back(std::move(o));
  } while (ConsumeOp(","));
  return out;
}

Result<OrderByExpr> Parser::ParseOrderByExpr() {
  OrderByExpr o;
  QUIVER_ASSIGN_OR_RAISE(o.expr, ParseExpr());
  if (ConsumeKeyword("ASC")) {
    o.asc = true;
  } else if (ConsumeKeyword("DESC")) {
    o.asc = false;
  }
  if (ConsumeKeyword("NULLS")) {
    if (ConsumeKeyword("FIRST")) {
      o.nulls_first = true;
    } else if (ConsumeKeyword("LAST")) {
      o.nulls_first = false;
    } else {
      return Expected("FIRST or LAST");
    }
  }
  return o;
}

Result<WindowSpec> Parser::ParseWindowSpecBody() {
  WindowSpec spec;
  const Token& t = Peek();
  if (t.type == TokenType::kWord &&
      !IsOneOf(t, {"PARTITION", "ORDER", "ROWS", "RANGE", "GROUPS"})) {
    spec.window_name = MakeIdent(Next());
  }
  if (ConsumeKeywords({"PARTITION", "BY"})) {
    QUIVER_ASSIGN_OR_RAISE(spec.partition_by, ParseExprList());
  }
  if (ConsumeKeywords({"ORDER", "BY"})) {
    QUIVER_ASSIGN_OR_RAISE(spec.order_by, ParseOrderByList());
  }
  if (PeekKeyword("ROWS") || PeekKeyword("RANGE") || PeekKeyword("GROUPS")) {
    WindowFrame frame;
    const Token& u = Next();
    frame.units = u.IsKeyword("ROWS")    ? FrameUnits::kRows
                  : u.IsKeyword("RANGE") ? FrameUnits::kRange
                                         : FrameUnits::kGroups;
    auto bound = [&](FrameBound* b) -> Status {
      if (ConsumeKeywords({"CURRENT", "ROW"})) {
        b->kind = FrameBoundKind::kCurrentRow;
        return Status::OK();
      }
      if (ConsumeKeyword("UNBOUNDED")) {
        if (ConsumeKeyword("PRECEDING")) {
          b->kind = FrameBoundKind::kUnboundedPreceding;
        } else if (ConsumeKeyword("FOLLOWING")) {
          b->kind = FrameBoundKind::kUnboundedFollowing;
        } else {
          return Expected("PRECEDING or FOLLOWING");
        }
        return Status::OK();
      }
      if (Peek().type == TokenType::kString) {
        // A bare string bound is an interval: RANGE BETWEEN '1' DAY PRECEDING ...
        QUIVER_ASSIGN_OR_RAISE(b->offset, ParseInterval());
      } else {
        QUIVER_ASSIGN_OR_RAISE(b->offset, ParseSubexpr(kAndPrec));
      }
      if (ConsumeKeyword("PRECEDING")) {
        b->kind = FrameBoundKind::kPreceding;
      } else if (ConsumeKeyword("FOLLOWING")) {
        b->kind = FrameBoundKind::kFollowing;
      } else {
        return Expected("PRECEDING or FOLLOWING");
      }
      return Status::OK();
    };
    if (ConsumeKeyword("BETWEEN")) {
      QUIVER_RETURN_NOT_OK(bound(&frame.start));
      QUIVER_RETURN_NOT_OK(ExpectKeyword("AND"));
      FrameBound end;
      QUIVER_RETURN_NOT_OK(bound(&end));
      frame.end = std::move(end);
    } else {
      QUIVER_RETURN_NOT_OK(bound(&frame.start));
    }
    spec.frame = std::move(frame);
  }
  QUIVER_RETURN_NOT_OK(ExpectOp(")"));
  return spec;
}

}  // namespace quiver::sql::internal
