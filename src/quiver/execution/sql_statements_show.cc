// SET and SHOW. As in DataFusion, SHOW is a query over information_schema
// (rewritten to SQL text and planned like any query), so it is only
// available when datafusion.catalog.information_schema is true.
#include "quiver/common/config_entries.h"
#include "quiver/execution/information_schema.h"
#include "quiver/execution/session_state.h"
#include "quiver/execution/sql_statements.h"
#include "quiver/sql/parser.h"

namespace quiver {

namespace {

// A SQL string literal.
std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string JoinName(const sql::ObjectName& name) {
  std::string key;
  for (size_t i = 0; i < name.size(); ++i) key += (i ? "." : "") + name[i].value;
  return key;
}

Result<DataFrame> RunQueryText(const std::shared_ptr<SessionState>& state, const std::string& q) {
  QUIVER_ASSIGN_OR_RAISE(auto statements, sql::ParseSql(q, sql::ParserOptions{}));
  if (statements.size() != 1) return Status::Internal("SHOW rewrite is not one statement: " + q);
  return RunStatement(state, statements[0]);
}

Status RequireInformationSchema(const SessionState& state, const char* what) {
  if (state.options().GetBool("datafusion.catalog.information_schema")) return Status::OK();
  return Status::Plan(std::string(what) + " is not supported unless information_schema is enabled");
}

// "WHERE table_name = ... AND ..." for a table that must exist.
Result<std::string> TableFilter(const std::shared_ptr<SessionState>& state,
                                const sql::ObjectName& name) {
  QUIVER_ASSIGN_OR_RAISE(auto ref, SqlToRel::ToTableReference(name));
  QUIVER_RETURN_NOT_OK(state->GetTable(ref, false).status());
  TableReference r = state->catalog().Resolve(ref);
  return " WHERE table_name = " + Quote(r.table) + " AND table_schema = " + Quote(r.schema) +
         " AND table_catalog = " + Quote(r.catalog);
}

Result<DataFrame> ShowVariable(const std::shared_ptr<SessionState>& state, const sql::Show& show) {
  QUIVER_RETURN_NOT_OK(RequireInformationSchema(*state, "SHOW [VARIABLE]"));
  std::string name = JoinName(show.name);
  bool verbose = show.verbose;
  // "SHOW VERBOSE" names no variable.
  if (!verbose && show.name.size() == 1 && show.name[0].value == "verbose") {
    verbose = true;
    name.clear();
  }
  std::string q = "SELECT name, value";
  if (verbose) q += ", description";
  q += " FROM information_schema.df_settings";
  if (name != "all") q += " WHERE name = " + Quote(CanonicalConfigKey(name));
  return RunQueryText(state, q);
}

}  // namespace

Result<DataFrame> RunShow(const std::shared_ptr<SessionState>& state, const sql::Show& show) {
  switch (show.kind) {
    case sql::ShowKind::kVariable: return ShowVariable(state, show);
    case sql::ShowKind::kTables: {
      QUIVER_RETURN_NOT_OK(RequireInformationSchema(*state, "SHOW TABLES"));
      if (show.filter || !show.name.empty()) {
        return Status::NotImplemented("SHOW TABLES with FROM or LIKE");
      }
      return RunQueryText(state, "SELECT * FROM information_schema.tables");
    }
    case sql::ShowKind::kColumns: {
      QUIVER_RETURN_NOT_OK(RequireInformationSchema(*state, "SHOW COLUMNS"));
      if (show.filter) return Status::Plan("SHOW COLUMNS with WHERE or LIKE is not supported");
      QUIVER_ASSIGN_OR_RAISE(auto where, TableFilter(state, show.name));
      std::string columns = show.full || show.extended
                                ? "*"
                                : "table_catalog, table_schema, table_name, column_name, "
                                  "data_type, is_nullable";
      return RunQueryText(state, "SELECT " + columns + " FROM information_schema.columns" + where);
    }
    case sql::ShowKind::kCreateTable: {
      QUIVER_RETURN_NOT_OK(RequireInformationSchema(*state, "SHOW CREATE TABLE"));
      QUIVER_ASSIGN_OR_RAISE(auto where, TableFilter(state, show.name));
      return RunQueryText(state,
                          "SELECT table_catalog, table_schema, table_name, definition FROM "
                          "information_schema.views" +
                              where);
    }
    case sql::ShowKind::kFunctions: break;
  }
  return Status::NotImplemented("SHOW FUNCTIONS");
}

Result<DataFrame> RunSet(const std::shared_ptr<SessionState>& state, const sql::SetVariable& set) {
  std::string key = set.time_zone ? "datafusion.execution.time_zone" : JoinName(set.name);
  if (set.values.size() != 1) {
    return Status::Plan("SET only supports single value assignment, got " +
                        std::to_string(set.values.size()));
  }
  const sql::Expr& v = *set.values[0];
  std::string value;
  if (v.kind == sql::ExprKind::kIdentifier && !v.names.empty()) {
    value = v.names.back().value;
  } else if (v.kind == sql::ExprKind::kLiteral) {
    value = v.value;
  } else if (v.kind == sql::ExprKind::kUnaryOp && v.operand &&
             v.operand->kind == sql::ExprKind::kLiteral &&
             (v.unary_op == sql::UnaryOp::kMinus || v.unary_op == sql::UnaryOp::kPlus)) {
    value = (v.unary_op == sql::UnaryOp::kMinus ? "-" : "+") + v.operand->value;
  } else {
    return Status::Plan("Unsupported value in SET: " + key);
  }
  QUIVER_RETURN_NOT_OK(state->config().Set(key, value));
  std::string canonical = CanonicalConfigKey(key);
  if (canonical == "datafusion.catalog.default_catalog" ||
      canonical == "datafusion.catalog.default_schema") {
    const ConfigOptions& c = state->config();
    state->catalog().SetDefaults(c.GetString("datafusion.catalog.default_catalog"),
                                 c.GetString("datafusion.catalog.default_schema"));
  }
  return DataFrame(state, MakeEmptyRelation(false));
}

}  // namespace quiver
