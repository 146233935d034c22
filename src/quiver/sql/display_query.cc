// Display of queries and statements as SQL text.
#include "quiver/sql/display_internal.h"

namespace quiver::sql {
namespace internal {

namespace {

void AppendExprs(std::string* out, const std::vector<ExprPtr>& list) {
  AppendList(out, list, [&](const ExprPtr& e) { AppendExpr(out, *e); });
}

void AppendIdents(std::string* out, const std::vector<Ident>& ids) {
  out->push_back('(');
  AppendList(out, ids, [&](const Ident& id) { AppendIdent(out, id); });
  out->push_back(')');
}

void AppendAlias(std::string* out, const std::optional<TableAlias>& alias) {
  if (!alias) return;
  out->append(" AS ");
  AppendIdent(out, alias->name);
  if (!alias->columns.empty()) AppendIdents(out, alias->columns);
}

void AppendFunctionArgList(std::string* out, const std::vector<FunctionArg>& args) {
  out->push_back('(');
  AppendList(out, args, [&](const FunctionArg& a) {
    if (a.name) {
      AppendIdent(out, *a.name);
      out->append(" => ");
    }
    AppendExpr(out, *a.value);
  });
  out->push_back(')');
}

void AppendTableFactor(std::string* out, const TableFactor& t) {
  if (t.lateral) out->append("LATERAL ");
  switch (t.kind) {
    case TableFactorKind::kTable:
    case TableFactorKind::kFunction:
      AppendObjectName(out, t.name);
      if (t.has_args) AppendFunctionArgList(out, t.args);
      break;
    case TableFactorKind::kDerived:
      out->push_back('(');
      AppendQuery(out, *t.subquery);
      out->push_back(')');
      break;
    case TableFactorKind::kUnnest:
      out->append("UNNEST(");
      AppendExprs(out, t.unnest_exprs);
      out->push_back(')');
      if (t.with_ordinality) out->append(" WITH ORDINALITY");
      break;
    case TableFactorKind::kNestedJoin:
      out->push_back('(');
      AppendTableWithJoins(out, *t.nested);
      out->push_back(')');
      break;
  }
  AppendAlias(out, t.alias);
}

const char* JoinKeyword(const Join& j) {
  switch (j.op) {
    case JoinOperator::kInner: return j.inner_keyword ? "INNER JOIN" : "JOIN";
    case JoinOperator::kLeftOuter: return j.outer_keyword ? "LEFT OUTER JOIN" : "LEFT JOIN";
    case JoinOperator::kRightOuter: return j.outer_keyword ? "RIGHT OUTER JOIN" : "RIGHT JOIN";
    case JoinOperator::kFullOuter: return j.outer_keyword ? "FULL OUTER JOIN" : "FULL JOIN";
    case JoinOperator::kCross: return "CROSS JOIN";
    case JoinOperator::kLeftSemi: return "LEFT SEMI JOIN";
    case JoinOperator::kRightSemi: return "RIGHT SEMI JOIN";
    case JoinOperator::kLeftAnti: return "LEFT ANTI JOIN";
    case JoinOperator::kRightAnti: return "RIGHT ANTI JOIN";
    case JoinOperator::kCrossApply: return "CROSS APPLY";
    case JoinOperator::kOuterApply: return "OUTER APPLY";
  }
  return "JOIN";
}

void AppendWildcardOptions(std::string* out, const WildcardOptions& o) {
  if (!o.exclude.empty()) {
    out->append(" EXCLUDE ");
    if (o.exclude_parens || o.exclude.size() != 1) {
      AppendIdents(out, o.exclude);
    } else {
      AppendIdent(out, o.exclude[0]);
    }
  }
  if (!o.except.empty()) {
    out->append(" EXCEPT ");
    AppendIdents(out, o.except);
  }
  if (!o.replace.empty()) {
    out->append(" REPLACE (");
    AppendList(out, o.replace, [&](const std::pair<ExprPtr, Ident>& r) {
      AppendExpr(out, *r.first);
      out->append(" AS ");
      AppendIdent(out, r.second);
    });
    out->push_back(')');
  }
  if (!o.rename.empty()) {
    out->append(" RENAME (");
    AppendList(out, o.rename, [&](const std::pair<Ident, Ident>& r) {
      AppendIdent(out, r.first);
      out->append(" AS ");
      AppendIdent(out, r.second);
    });
    out->push_back(')');
  }
}

void AppendSelect(std::string* out, const Select& s) {
  out->append("SELECT ");
  switch (s.distinct) {
    case DistinctKind::kNone: break;
    case DistinctKind::kAll: out->append("ALL "); break;
    case DistinctKind::kDistinct: out->append("DISTINCT "); break;
    case DistinctKind::kDistinctOn:
      out->append("DISTINCT ON (");
      AppendExprs(out, s.distinct_on);
      out->append(") ");
      break;
  }
  AppendList(out, s.projection, [&](const SelectItem& item) {
    switch (item.kind) {
      case SelectItemKind::kExpr:
        AppendExpr(out, *item.expr);
        if (item.alias) {
          out->append(" AS ");
          AppendIdent(out, *item.alias);
        }
        return;
      case SelectItemKind::kQualifiedWildcard:
        AppendObjectName(out, item.qualifier);
        out->append(".*");
        break;
      case SelectItemKind::kWildcard: out->push_back('*'); break;
    }
    AppendWildcardOptions(out, item.options);
  });
  if (s.into) {
    out->append(" INTO ");
    if (s.into->temporary) out->append("TEMPORARY ");
    if (s.into->table_keyword) out->append("TABLE ");
    AppendObjectName(out, s.into->name);
  }
  if (!s.from.empty()) {
    out->append(" FROM ");
    AppendList(out, s.from, [&](const TableWithJoins& t) { AppendTableWithJoins(out, t); });
  }
  if (s.selection) {
    out->append(" WHERE ");
    AppendExpr(out, *s.selection);
  }
  if (s.group_by) {
    out->append(" GROUP BY ");
    if (s.group_by->all) {
      out->append("ALL");
    } else {
      AppendExprs(out, s.group_by->exprs);
    }
  }
  if (s.having) {
    out->append(" HAVING ");
    AppendExpr(out, *s.having);
  }
  if (!s.named_windows.empty()) {
    out->append(" WINDOW ");
    AppendList(out, s.named_windows, [&](const NamedWindow& w) {
      AppendIdent(out, w.name);
      out->append(" AS ");
      AppendWindowSpec(out, w.spec);
    });
  }
  if (s.qualify) {
    out->append(" QUALIFY ");
    AppendExpr(out, *s.qualify);
  }
  if (!s.distribute_by.empty()) {
    out->append(" DISTRIBUTE BY ");
    AppendExprs(out, s.distribute_by);
  }
}

void AppendSetExpr(std::string* out, const SetExpr& s) {
  switch (s.kind) {
    case SetExprKind::kSelect: AppendSelect(out, *s.select); return;
    case SetExprKind::kQuery:
      out->push_back('(');
      AppendQuery(out, *s.query);
      out->push_back(')');
      return;
    case SetExprKind::kValues:
      out->append("VALUES ");
      AppendList(out, s.values, [&](const std::vector<ExprPtr>& row) {
        out->push_back('(');
        AppendExprs(out, row);
        out->push_back(')');
      });
      return;
    case SetExprKind::kTable:
      out->append("TABLE ");
      AppendObjectName(out, s.table);
      return;
    case SetExprKind::kSetOperation: {
      int prec = s.op == SetOperator::kIntersect ? 20 : 10;
      auto child = [&](const SetExpr& c, bool right) {
        bool wrap = false;
        if (c.kind == SetExprKind::kSetOperation) {
          int cp = c.op == SetOperator::kIntersect ? 20 : 10;
          wrap = right ? cp <= prec : cp < prec;
        }
        if (wrap) out->push_back('(');
        AppendSetExpr(out, c);
        if (wrap) out->push_back(')');
      };
      child(*s.left, false);
      out->append(s.op == SetOperator::kUnion    ? " UNION"
                  : s.op == SetOperator::kExcept ? " EXCEPT"
                                                 : " INTERSECT");
      switch (s.quantifier) {
        case SetQuantifier::kNone: break;
        case SetQuantifier::kAll: out->append(" ALL"); break;
        case SetQuantifier::kDistinct: out->append(" DISTINCT"); break;
        case SetQuantifier::kByName: out->append(" BY NAME"); break;
        case SetQuantifier::kAllByName: out->append(" ALL BY NAME"); break;
        case SetQuantifier::kDistinctByName: out->append(" DISTINCT BY NAME"); break;
      }
      out->push_back(' ');
      child(*s.right, true);
      return;
    }
  }
}

void AppendOptions(std::string* out, const std::vector<SqlOption>& options) {
  out->append(" OPTIONS (");
  AppendList(out, options, [&](const SqlOption& o) {
    AppendStringLiteral(out, o.key);
    out->push_back(' ');
    AppendExpr(out, *o.value);
  });
  out->push_back(')');
}

void AppendColumns(std::string* out, const std::vector<ColumnDef>& cols,
                   const std::vector<TableConstraint>& constraints, bool force) {
  if (cols.empty() && constraints.empty() && !force) return;
  out->append(" (");
  AppendList(out, cols, [&](const ColumnDef& c) {
    AppendIdent(out, c.name);
    if (c.type) {
      out->push_back(' ');
      AppendDataType(out, *c.type);
    }
    for (const ColumnOption& o : c.options) {
      switch (o.kind) {
        case ColumnOptionKind::kNull: out->append(" NULL"); break;
        case ColumnOptionKind::kNotNull: out->append(" NOT NULL"); break;
        case ColumnOptionKind::kPrimaryKey: out->append(" PRIMARY KEY"); break;
        case ColumnOptionKind::kUnique: out->append(" UNIQUE"); break;
        case ColumnOptionKind::kDefault:
          out->append(" DEFAULT ");
          AppendExpr(out, *o.expr);
          break;
        case ColumnOptionKind::kCheck:
          out->append(" CHECK (");
          AppendExpr(out, *o.expr);
          out->push_back(')');
          break;
        case ColumnOptionKind::kComment:
          out->append(" COMMENT ");
          AppendExpr(out, *o.expr);
          break;
      }
    }
  });
  if (!cols.empty() && !constraints.empty()) out->append(", ");
  AppendList(out, constraints, [&](const TableConstraint& c) {
    if (c.name) {
      out->append("CONSTRAINT ");
      AppendIdent(out, *c.name);
      out->push_back(' ');
    }
    switch (c.kind) {
      case TableConstraintKind::kPrimaryKey:
        out->append("PRIMARY KEY ");
        AppendIdents(out, c.columns);
        break;
      case TableConstraintKind::kUnique:
        out->append("UNIQUE ");
        AppendIdents(out, c.columns);
        break;
      case TableConstraintKind::kCheck:
        out->append("CHECK (");
        AppendExpr(out, *c.check);
        out->push_back(')');
        break;
    }
  });
  out->push_back(')');
}

const char* ObjectKindName(ObjectKind k) {
  switch (k) {
    case ObjectKind::kTable: return "TABLE";
    case ObjectKind::kView: return "VIEW";
    case ObjectKind::kSchema: return "SCHEMA";
    case ObjectKind::kDatabase: return "DATABASE";
    case ObjectKind::kCatalog: return "CATALOG";
    case ObjectKind::kFunction: return "FUNCTION";
  }
  return "";
}

void AppendStatement(std::string* out, const Statement& stmt);

struct StatementPrinter {
  std::string* out;

  void operator()(const QueryStatement& s) { AppendQuery(out, *s.query); }
  void operator()(const CreateTable& s) {
    out->append("CREATE ");
    if (s.or_replace) out->append("OR REPLACE ");
    if (s.temporary) out->append("TEMPORARY ");
    if (s.unbounded) out->append("UNBOUNDED ");
    out->append("TABLE ");
    if (s.if_not_exists) out->append("IF NOT EXISTS ");
    AppendObjectName(out, s.name);
    AppendColumns(out, s.columns, s.constraints, !s.query);
    if (s.query) {
      out->append(" AS ");
      AppendQuery(out, *s.query);
    }
  }
  void operator()(const CreateExternalTable& s) {
    out->append("CREATE ");
    if (s.or_replace) out->append("OR REPLACE ");
    if (s.temporary) out->append("TEMPORARY ");
    if (s.unbounded) out->append("UNBOUNDED ");
    out->append("EXTERNAL TABLE ");
    if (s.if_not_exists) out->append("IF NOT EXISTS ");
    AppendObjectName(out, s.name);
    AppendColumns(out, s.columns, s.constraints, false);
    out->append(" STORED AS " + s.file_type);
    if (s.has_header) out->append(" WITH HEADER ROW");
    if (s.delimiter) {
      out->append(" DELIMITER ");
      AppendStringLiteral(out, std::string(1, *s.delimiter));
    }
    if (!s.compression.empty()) out->append(" COMPRESSION TYPE " + s.compression);
    if (!s.partition_columns.empty()) {
      out->append(" PARTITIONED BY (");
      AppendList(out, s.partition_columns, [&](const ColumnDef& c) {
        AppendIdent(out, c.name);
        if (c.type) {
          out->push_back(' ');
          AppendDataType(out, *c.type);
        }
      });
      out->push_back(')');
    }
    for (const auto& order : s.order_exprs) {
      out->append(" WITH ORDER (");
      AppendOrderBy(out, order);
      out->push_back(')');
    }
    if (!s.options.empty()) AppendOptions(out, s.options);
    out->append(" LOCATION ");
    AppendStringLiteral(out, s.location);
  }
  void operator()(const CreateView& s) {
    out->append("CREATE ");
    if (s.or_replace) out->append("OR REPLACE ");
    if (s.temporary) out->append("TEMPORARY ");
    out->append("VIEW ");
    if (s.if_not_exists) out->append("IF NOT EXISTS ");
    AppendObjectName(out, s.name);
    if (!s.columns.empty()) {
      out->push_back(' ');
      AppendIdents(out, s.columns);
    }
    out->append(" AS ");
    AppendQuery(out, *s.query);
  }
  void operator()(const CreateSchema& s) {
    out->append(std::string("CREATE ") + ObjectKindName(s.object) + " ");
    if (s.if_not_exists) out->append("IF NOT EXISTS ");
    AppendObjectName(out, s.name);
  }
  void operator()(const CreateFunction& s) {
    out->append("CREATE ");
    if (s.or_replace) out->append("OR REPLACE ");
    if (s.temporary) out->append("TEMPORARY ");
    out->append("FUNCTION ");
    AppendObjectName(out, s.name);
    out->push_back('(');
    AppendList(out, s.params, [&](const FunctionParam& p) {
      if (p.name) {
        AppendIdent(out, *p.name);
        out->push_back(' ');
      }
      AppendDataType(out, *p.type);
      if (p.default_value) {
        out->append(" DEFAULT ");
        AppendExpr(out, *p.default_value);
      }
    });
    out->push_back(')');
    if (s.return_type) {
      out->append(" RETURNS ");
      AppendDataType(out, *s.return_type);
    }
    if (s.language) {
      out->append(" LANGUAGE ");
      AppendIdent(out, *s.language);
    }
    if (s.as_body) {
      out->append(" AS ");
      AppendExpr(out, *s.as_body);
    }
    if (s.return_expr) {
      out->append(" RETURN ");
      AppendExpr(out, *s.return_expr);
    }
  }
  void operator()(const Drop& s) {
    out->append(std::string("DROP ") + ObjectKindName(s.object) + " ");
    if (s.if_exists) out->append("IF EXISTS ");
    AppendList(out, s.names, [&](const ObjectName& n) { AppendObjectName(out, n); });
    if (s.cascade) out->append(" CASCADE");
    if (s.restrict) out->append(" RESTRICT");
  }
  void operator()(const Insert& s) {
    out->append(s.overwrite ? "INSERT OVERWRITE " : "INSERT INTO ");
    if (s.table_keyword) out->append("TABLE ");
    AppendObjectName(out, s.table);
    if (!s.columns.empty()) {
      out->push_back(' ');
      AppendIdents(out, s.columns);
    }
    out->push_back(' ');
    AppendQuery(out, *s.source);
  }
  void operator()(const Update& s) {
    out->append("UPDATE ");
    AppendTableWithJoins(out, s.table);
    out->append(" SET ");
    AppendList(out, s.assignments, [&](const Assignment& a) {
      AppendObjectName(out, a.target);
      out->append(" = ");
      AppendExpr(out, *a.value);
    });
    if (s.from) {
      out->append(" FROM ");
      AppendTableWithJoins(out, *s.from);
    }
    if (s.selection) {
      out->append(" WHERE ");
      AppendExpr(out, *s.selection);
    }
  }
  void operator()(const Delete& s) {
    out->append("DELETE FROM ");
    AppendObjectName(out, s.table);
    if (s.selection) {
      out->append(" WHERE ");
      AppendExpr(out, *s.selection);
    }
  }
  void operator()(const Truncate& s) {
    out->append(s.table_keyword ? "TRUNCATE TABLE " : "TRUNCATE ");
    AppendList(out, s.names, [&](const ObjectName& n) { AppendObjectName(out, n); });
  }
  void operator()(const Copy& s) {
    out->append("COPY ");
    if (s.source_query) {
      out->push_back('(');
      AppendQuery(out, *s.source_query);
      out->push_back(')');
    } else {
      AppendObjectName(out, s.source_table);
    }
    out->append(" TO ");
    AppendStringLiteral(out, s.target);
    if (!s.stored_as.empty()) out->append(" STORED AS " + s.stored_as);
    if (!s.partitioned_by.empty()) {
      out->append(" PARTITIONED BY ");
      AppendIdents(out, s.partitioned_by);
    }
    if (!s.options.empty()) AppendOptions(out, s.options);
  }
  void operator()(const Explain& s) {
    out->append("EXPLAIN ");
    if (s.analyze) out->append("ANALYZE ");
    if (s.verbose) out->append("VERBOSE ");
    if (!s.format.empty()) {
      out->append("FORMAT ");
      AppendIdent(out, Ident{s.format, 0, {}});
      out->push_back(' ');
    }
    AppendStatement(out, *s.statement);
  }
  void operator()(const Describe& s) {
    out->append("DESCRIBE ");
    AppendObjectName(out, s.table);
  }
  void operator()(const Show& s) {
    out->append("SHOW ");
    if (s.extended) out->append("EXTENDED ");
    if (s.full) out->append("FULL ");
    switch (s.kind) {
      case ShowKind::kTables:
        out->append("TABLES");
        if (!s.name.empty()) {
          out->append(" FROM ");
          AppendObjectName(out, s.name);
        }
        break;
      case ShowKind::kColumns:
        out->append("COLUMNS FROM ");
        AppendObjectName(out, s.name);
        break;
      case ShowKind::kCreateTable:
        out->append("CREATE TABLE ");
        AppendObjectName(out, s.name);
        break;
      case ShowKind::kFunctions: out->append("FUNCTIONS"); break;
      case ShowKind::kVariable:
        if (s.time_zone) {
          out->append("TIME ZONE");
        } else {
          AppendObjectName(out, s.name);
        }
        if (s.verbose) out->append(" VERBOSE");
        return;
    }
    if (s.filter) {
      // LIKE takes a literal pattern; anything else came from SHOW COLUMNS ... WHERE.
      out->append(s.filter->kind == ExprKind::kLiteral ? " LIKE " : " WHERE ");
      AppendExpr(out, *s.filter);
    }
  }
  void operator()(const SetVariable& s) {
    out->append("SET ");
    if (s.local) out->append("LOCAL ");
    if (s.session) out->append("SESSION ");
    if (s.time_zone) {
      out->append("TIME ZONE ");
    } else {
      AppendObjectName(out, s.name);
      out->append(s.uses_to ? " TO " : " = ");
    }
    AppendExprs(out, s.values);
  }
  void operator()(const ResetVariable& s) {
    out->append("RESET ");
    if (s.name.empty()) {
      out->append("ALL");
    } else {
      AppendObjectName(out, s.name);
    }
  }
  void operator()(const Prepare& s) {
    out->append("PREPARE ");
    AppendIdent(out, s.name);
    if (!s.data_types.empty()) {
      out->push_back('(');
      AppendList(out, s.data_types, [&](const DataTypePtr& t) { AppendDataType(out, *t); });
      out->push_back(')');
    }
    out->append(" AS ");
    AppendStatement(out, *s.statement);
  }
  void operator()(const Execute& s) {
    out->append("EXECUTE ");
    AppendIdent(out, s.name);
    if (s.has_parens || !s.params.empty()) {
      out->push_back('(');
      AppendExprs(out, s.params);
      out->push_back(')');
    }
  }
  void operator()(const Deallocate& s) {
    out->append(s.prepare_keyword ? "DEALLOCATE PREPARE " : "DEALLOCATE ");
    AppendIdent(out, s.name);
  }
  void operator()(const Transaction& s) {
    switch (s.kind) {
      case TransactionKind::kBegin: out->append("BEGIN"); break;
      case TransactionKind::kStart: out->append("START"); break;
      case TransactionKind::kCommit: out->append("COMMIT"); break;
      case TransactionKind::kRollback: out->append("ROLLBACK"); break;
    }
    if (s.transaction_keyword) out->append(" TRANSACTION");
  }
};

void AppendStatement(std::string* out, const Statement& stmt) {
  std::visit(StatementPrinter{out}, stmt.node);
}

}  // namespace

void AppendTableWithJoins(std::string* out, const TableWithJoins& t) {
  AppendTableFactor(out, t.relation);
  for (const Join& j : t.joins) {
    out->push_back(' ');
    if (j.constraint == JoinConstraintKind::kNatural) out->append("NATURAL ");
    out->append(JoinKeyword(j));
    out->push_back(' ');
    AppendTableFactor(out, j.relation);
    if (j.constraint == JoinConstraintKind::kOn) {
      out->append(" ON ");
      AppendExpr(out, *j.on);
    } else if (j.constraint == JoinConstraintKind::kUsing) {
      out->append(" USING");
      AppendIdents(out, j.using_);
    }
  }
}

void AppendQuery(std::string* out, const Query& q) {
  if (q.with) {
    out->append(q.with->recursive ? "WITH RECURSIVE " : "WITH ");
    AppendList(out, q.with->ctes, [&](const Cte& c) {
      AppendIdent(out, c.alias.name);
      if (!c.alias.columns.empty()) AppendIdents(out, c.alias.columns);
      out->append(" AS (");
      AppendQuery(out, *c.query);
      out->push_back(')');
    });
    out->push_back(' ');
  }
  AppendSetExpr(out, *q.body);
  if (!q.order_by.empty()) {
    out->append(" ORDER BY ");
    AppendOrderBy(out, q.order_by);
  }
  if (q.limit) {
    out->append(" LIMIT ");
    AppendExpr(out, *q.limit);
  }
  if (q.offset) {
    out->append(" OFFSET ");
    AppendExpr(out, *q.offset);
  }
}

}  // namespace internal

std::string ToSql(const Query& query) {
  std::string out;
  internal::AppendQuery(&out, query);
  return out;
}

std::string ToSql(const Statement& stmt) {
  std::string out;
  internal::AppendStatement(&out, stmt);
  return out;
}

}  // namespace quiver::sql
