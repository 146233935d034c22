#include "quiver/execution/sql_statements.h"

#include <algorithm>

#include "quiver/arrow/builder.h"
#include "quiver/datasource/listing_table.h"
#include "quiver/datasource/mem_table.h"
#include "quiver/execution/copy_to.h"
#include "quiver/execution/dml_statements.h"
#include "quiver/execution/partitioned_table.h"
#include "quiver/execution/prepared_statements.h"
#include "quiver/execution/select_into.h"
#include "quiver/execution/session_state.h"
#include "quiver/execution/view_table.h"
#include "quiver/logical/statement_clock.h"
#include "quiver/sql/session_time_zone.h"
#include "quiver/physical/create_physical_expr.h"
#include "quiver/physical/data_sink_exec.h"

namespace quiver {

namespace {

DataFrame Empty(const std::shared_ptr<SessionState>& state) {
  return DataFrame(state, MakeEmptyRelation(false));
}

// A DataFrame over one batch of string columns.
Result<DataFrame> StringTable(const std::shared_ptr<SessionState>& state,
                              const std::vector<std::string>& names,
                              const std::vector<std::vector<std::string>>& rows) {
  std::vector<FieldPtr> fields;
  std::vector<ArrayPtr> cols;
  for (size_t c = 0; c < names.size(); ++c) {
    StringBuilder b(utf8());
    for (const auto& r : rows) QUIVER_RETURN_NOT_OK(b.Append(r[c]));
    QUIVER_ASSIGN_OR_RAISE(auto a, b.Finish());
    cols.push_back(std::move(a));
    fields.push_back(field(names[c], utf8(), false));
  }
  auto s = schema(std::move(fields));
  auto batch = RecordBatch::Make(s, static_cast<int64_t>(rows.size()), std::move(cols));
  QUIVER_ASSIGN_OR_RAISE(auto table, MemTable::Make(s, {{batch}}));
  QUIVER_ASSIGN_OR_RAISE(auto scan, MakeTableScan(TableReference::Bare("result"), table));
  return DataFrame(state, scan);
}

std::string OptionValue(const sql::SqlOption& o) {
  if (o.value->kind == sql::ExprKind::kLiteral) return o.value->value;
  if (o.value->kind == sql::ExprKind::kIdentifier && !o.value->names.empty()) {
    return o.value->names.back().value;
  }
  return "";
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

Result<SchemaPtr> ColumnsSchema(const std::vector<sql::ColumnDef>& columns,
                                const ConfigOptions& options) {
  std::vector<FieldPtr> fields;
  for (const auto& c : columns) {
    QUIVER_ASSIGN_OR_RAISE(auto t, ConvertDataTypeInSession(*c.type, options));
    bool nullable = true;
    for (const auto& o : c.options) {
      if (o.kind == sql::ColumnOptionKind::kNotNull || o.kind == sql::ColumnOptionKind::kPrimaryKey) {
        nullable = false;
      }
    }
    for (const auto& f : fields) {
      if (f->name() == c.name.value) {
        return Status::Schema("Schema contains duplicate unqualified field name " + c.name.value);
      }
    }
    fields.push_back(field(c.name.value, t, nullable));
  }
  return schema(std::move(fields));
}

// PRIMARY KEY columns, declared on a column or as a table constraint.
std::vector<std::string> PrimaryKeyOf(const std::vector<sql::ColumnDef>& columns,
                                      const std::vector<sql::TableConstraint>& constraints) {
  std::vector<std::string> key;
  for (const auto& c : columns) {
    for (const auto& o : c.options) {
      if (o.kind == sql::ColumnOptionKind::kPrimaryKey) key.push_back(c.name.value);
    }
  }
  for (const auto& t : constraints) {
    if (t.kind != sql::TableConstraintKind::kPrimaryKey) continue;
    for (const auto& col : t.columns) key.push_back(col.value);
  }
  return key;
}

Result<DataFrame> CreateExternalTable(const std::shared_ptr<SessionState>& state,
                                      const sql::CreateExternalTable& ct) {
  QUIVER_ASSIGN_OR_RAISE(auto ref, SqlToRel::ToTableReference(ct.name));
  if (state->catalog().GetTable(ref)) {
    if (ct.if_not_exists) return Empty(state);
    if (!ct.or_replace) {
      return Status::Execution("Table '" + ref.ToString() + "' already exists");
    }
  }
  SchemaPtr declared;
  const auto columns = ColumnsWithTypedPartitions(ct);
  if (!columns.empty()) {
    QUIVER_ASSIGN_OR_RAISE(declared, ColumnsSchema(columns, state->config()));
  }
  FormatOptions options;
  if (ct.has_header) options.push_back({"has_header", *ct.has_header ? "true" : "false"});
  if (ct.delimiter) options.push_back({"delimiter", std::string(1, *ct.delimiter)});
  if (!ct.compression.empty()) options.push_back({"compression", ct.compression});
  for (const auto& o : ct.options) {
    std::string key = Lower(o.key);
    // Session settings given per table do not configure the format.
    if (key.rfind("execution.", 0) == 0) continue;
    if (key.rfind("format.", 0) == 0) key = key.substr(7);
    options.push_back({key, OptionValue(o)});
  }
  QUIVER_ASSIGN_OR_RAISE(auto factory, state->file_formats().Find(ct.file_type));
  QUIVER_ASSIGN_OR_RAISE(auto format, factory->Create(options, state->config()));
  std::vector<PartitionColumn> partitions;
  if (!ct.partition_columns.empty()) {
    QUIVER_ASSIGN_OR_RAISE(auto ps, PlanPartitionedTable(ct, declared, format->extension()));
    declared = ps.file_schema;
    partitions = std::move(ps.partition_columns);
  }
  QUIVER_ASSIGN_OR_RAISE(auto table,
                         ListingTable::Make(ct.location, format, declared, partitions));
  table->set_append_to_file(ct.unbounded && !IsCollectionPath(ct.location));
  table->set_primary_key(PrimaryKeyOf(ct.columns, ct.constraints));
  QUIVER_RETURN_NOT_OK(state->catalog().RegisterTable(ref, table, true));
  state->catalog().SetDefinition(ref, ExternalTableDefinition(ct));
  return Empty(state);
}

Result<DataFrame> CountResult(const std::shared_ptr<SessionState>& state, int64_t n) {
  UInt64Builder b(uint64());
  QUIVER_RETURN_NOT_OK(b.Append(static_cast<uint64_t>(n)));
  QUIVER_ASSIGN_OR_RAISE(auto a, b.Finish());
  auto s = schema({field("count", uint64(), false)});
  QUIVER_ASSIGN_OR_RAISE(auto table, MemTable::Make(s, {{RecordBatch::Make(s, 1, {a})}}));
  QUIVER_ASSIGN_OR_RAISE(auto scan, MakeTableScan(TableReference::Bare("result"), table));
  return DataFrame(state, scan);
}

// `source` is the planned source rows when given (EXECUTE of a prepared INSERT).
Result<DataFrame> Insert(const std::shared_ptr<SessionState>& state, const sql::Insert& ins,
                         LogicalPlanPtr source = nullptr) {
  QUIVER_ASSIGN_OR_RAISE(auto plan, PlanInsert(state, ins, std::move(source)));
  QUIVER_ASSIGN_OR_RAISE(int64_t rows, ExecuteWrite(state, plan));
  return CountResult(state, rows);
}

Result<DataFrame> CreateTable(const std::shared_ptr<SessionState>& state, const sql::CreateTable& ct) {
  if (ct.if_not_exists && ct.or_replace) {
    return Status::Execution("'IF NOT EXISTS' cannot coexist with 'REPLACE'");
  }
  QUIVER_ASSIGN_OR_RAISE(auto ref, SqlToRel::ToTableReference(ct.name));
  if (state->catalog().GetTable(ref)) {
    if (ct.if_not_exists) return Empty(state);
    if (!ct.or_replace) {
      return Status::Execution("Table '" + ref.ToString() + "' already exists");
    }
  }
  std::shared_ptr<MemTable> table;
  if (ct.query) {
    SqlToRel planner(state.get());
    QUIVER_ASSIGN_OR_RAISE(auto plan, planner.PlanQuery(*ct.query));
    SchemaPtr s = plan->schema->ToArrow();
    if (!ct.columns.empty()) {
      QUIVER_ASSIGN_OR_RAISE(s, ColumnsSchema(ct.columns, state->config()));
    }
    QUIVER_ASSIGN_OR_RAISE(auto batches, state->Execute(plan));
    QUIVER_ASSIGN_OR_RAISE(auto cast, CastBatchesToTarget(batches, s));
    table = std::make_shared<MemTable>(s, std::vector<std::vector<RecordBatchPtr>>{cast});
  } else {
    QUIVER_ASSIGN_OR_RAISE(auto s, ColumnsSchema(ct.columns, state->config()));
    table = std::make_shared<MemTable>(s, std::vector<std::vector<RecordBatchPtr>>{});
  }
  table->set_primary_key(PrimaryKeyOf(ct.columns, ct.constraints));
  QUIVER_RETURN_NOT_OK(state->catalog().RegisterTable(ref, table, true));
  return Empty(state);
}

Result<DataFrame> Describe(const std::shared_ptr<SessionState>& state, const sql::ObjectName& name) {
  QUIVER_ASSIGN_OR_RAISE(auto ref, SqlToRel::ToTableReference(name));
  QUIVER_ASSIGN_OR_RAISE(auto source, state->GetTable(ref, false));
  std::vector<std::vector<std::string>> rows;
  // Hold the schema: a view computes it afresh, so the temporary would dangle.
  const SchemaPtr schema = source->schema();
  for (const auto& f : schema->fields()) {
    rows.push_back({f->name(), f->type()->ToString(), f->nullable() ? "YES" : "NO"});
  }
  return StringTable(state, {"column_name", "data_type", "is_nullable"}, rows);
}

}  // namespace

Result<DataFrame> RunInsert(const std::shared_ptr<SessionState>& state, const sql::Insert& insert,
                            LogicalPlanPtr source) {
  return Insert(state, insert, std::move(source));
}

Result<DataFrame> RunStatement(const std::shared_ptr<SessionState>& state,
                               const sql::Statement& st) {
  StatementClock clock;  // now() and friends: one instant for the statement
  SqlToRel planner(state.get());
  if (auto q = st.As<sql::QueryStatement>()) {
    QUIVER_ASSIGN_OR_RAISE(auto plan, planner.PlanQuery(*q->query));
    if (auto into = SelectIntoOf(*q->query)) return RunSelectInto(state, *into, plan);
    return DataFrame(state, plan);
  }
  if (auto p = st.As<sql::Prepare>()) return RunPrepare(state, *p);
  if (auto x = st.As<sql::Execute>()) return RunExecute(state, *x);
  if (auto d = st.As<sql::Deallocate>()) return RunDeallocate(state, *d);
  if (auto e = st.As<sql::Explain>()) {
    if (auto p = e->statement->As<sql::Prepare>()) {
      QUIVER_ASSIGN_OR_RAISE(auto prepared, PlanPrepareForExplain(state, *p));
      QUIVER_ASSIGN_OR_RAISE(auto explain, MakeExplain(prepared, e->verbose, e->analyze));
      return DataFrame(state, explain);
    }
    LogicalPlanPtr plan;
    if (auto ins = e->statement->As<sql::Insert>()) {
      QUIVER_ASSIGN_OR_RAISE(plan, PlanInsert(state, *ins));
    } else if (auto cp = e->statement->As<sql::Copy>()) {
      QUIVER_ASSIGN_OR_RAISE(plan, PlanCopyTo(state, *cp));
    } else {
      auto inner = e->statement->As<sql::QueryStatement>();
      if (!inner) return Status::NotImplemented("EXPLAIN of statements other than queries");
      QUIVER_ASSIGN_OR_RAISE(plan, planner.PlanQuery(*inner->query));
    }
    QUIVER_ASSIGN_OR_RAISE(auto optimized, state->Optimize(plan));
    QUIVER_ASSIGN_OR_RAISE(auto explain, MakeExplain(optimized, e->verbose, e->analyze));
    return DataFrame(state, explain);
  }
  if (auto ct = st.As<sql::CreateExternalTable>()) return CreateExternalTable(state, *ct);
  if (auto ct = st.As<sql::CreateTable>()) return CreateTable(state, *ct);
  if (auto ins = st.As<sql::Insert>()) return Insert(state, *ins);
  if (auto cp = st.As<sql::Copy>()) {
    QUIVER_ASSIGN_OR_RAISE(int64_t rows, RunCopyTo(state, *cp));
    return CountResult(state, rows);
  }
  if (auto cv = st.As<sql::CreateView>()) {
    QUIVER_ASSIGN_OR_RAISE(auto ref, SqlToRel::ToTableReference(cv->name));
    if (state->catalog().GetTable(ref) && !cv->or_replace) {
      if (cv->if_not_exists) return Empty(state);
      return Status::Execution("Table '" + ref.ToString() + "' already exists");
    }
    QUIVER_ASSIGN_OR_RAISE(auto plan, planner.PlanQuery(*cv->query));
    if (!cv->columns.empty()) {
      std::vector<ExprPtr> renamed;
      for (size_t i = 0; i < cv->columns.size() && i < static_cast<size_t>(plan->schema->num_fields()); ++i) {
        renamed.push_back(Alias(Col(plan->schema->column(static_cast<int>(i))), cv->columns[i].value));
      }
      QUIVER_ASSIGN_OR_RAISE(plan, MakeProjection(plan, std::move(renamed)));
    }
    QUIVER_RETURN_NOT_OK(state->catalog().RegisterTable(
        ref, std::make_shared<ViewTable>(plan, st.text), true));
    state->catalog().SetDefinition(ref, st.text);
    return Empty(state);
  }
  if (auto d = st.As<sql::Drop>()) {
    if (d->object != sql::ObjectKind::kTable && d->object != sql::ObjectKind::kView) {
      return RunDropCatalogObject(state, *d);
    }
    if (d->names.size() > 1) return Status::NotImplemented("Multiple objects not supported");
    for (const auto& name : d->names) {
      QUIVER_ASSIGN_OR_RAISE(auto ref, SqlToRel::ToTableReference(name));
      if (d->object == sql::ObjectKind::kTable || d->object == sql::ObjectKind::kView) {
        auto existing = state->catalog().GetTable(ref);
        bool is_view = existing && existing->table_type() == TableType::kView;
        if (existing && (d->object == sql::ObjectKind::kView) != is_view) existing = nullptr;
        if (!existing) {
          if (d->if_exists) continue;
          return Status::Execution(std::string(d->object == sql::ObjectKind::kView ? "View" : "Table") +
                                   " '" + ref.ToString() + "' doesn't exist.");
        }
        state->catalog().DeregisterTable(ref);
      } else {
        return Status::NotImplemented("DROP of this object kind");
      }
    }
    return Empty(state);
  }
  if (auto cs = st.As<sql::CreateSchema>()) {
    if (cs->object == sql::ObjectKind::kCatalog || cs->object == sql::ObjectKind::kDatabase) {
      QUIVER_RETURN_NOT_OK(state->catalog().CreateCatalog(cs->name.back().value, cs->if_not_exists));
      return Empty(state);
    }
    std::string catalog = cs->name.size() > 1 ? cs->name[0].value : "";
    QUIVER_RETURN_NOT_OK(state->catalog().CreateSchema(catalog, cs->name.back().value, cs->if_not_exists));
    return Empty(state);
  }
  if (auto set = st.As<sql::SetVariable>()) return RunSet(state, *set);
  if (auto show = st.As<sql::Show>()) return RunShow(state, *show);
  if (auto cf = st.As<sql::CreateFunction>()) return RunCreateFunction(state, *cf);
  if (auto d = st.As<sql::Describe>()) return Describe(state, d->table);
  if (st.As<sql::Transaction>()) return Empty(state);
  return Status::NotImplemented("Unsupported SQL statement: " + st.text);
}

}  // namespace quiver
