#include "quiver/execution/dml_statements.h"

#include "quiver/datasource/listing_table.h"
#include "quiver/datasource/mem_table.h"
#include "quiver/execution/session_state.h"
#include "quiver/logical/dml.h"

namespace quiver {

namespace {

// Inserts into a table; EXPLAIN names the sink as DataFusion does.
class TableInsertSink : public DataSink {
 public:
  TableInsertSink(TableProviderPtr table, bool overwrite)
      : table_(std::move(table)), overwrite_(overwrite) {}
  std::string ToString() const override {
    if (auto listing = std::dynamic_pointer_cast<ListingTable>(table_)) {
      std::string name = listing->format()->name();
      if (!name.empty()) name[0] = static_cast<char>(std::toupper(name[0]));
      for (size_t i = 1; i < name.size(); ++i) name[i] = static_cast<char>(std::tolower(name[i]));
      return name + "Sink(file_groups=[])";
    }
    if (std::dynamic_pointer_cast<MemTable>(table_)) return "MemoryTable (partitions=1)";
    return "TableSink";
  }
  Status Write(const std::vector<RecordBatchPtr>& batches) override {
    return table_->Insert(batches, overwrite_);
  }

 private:
  TableProviderPtr table_;
  bool overwrite_;
};

}  // namespace

Result<LogicalPlanPtr> PlanInsert(const std::shared_ptr<SessionState>& state,
                                  const sql::Insert& ins, LogicalPlanPtr source) {
  QUIVER_ASSIGN_OR_RAISE(auto ref, SqlToRel::ToTableReference(ins.table));
  auto table = state->catalog().GetTable(ref);
  if (!table) {
    return Status::Plan("table '" + state->catalog().Resolve(ref).ToString() + "' not found");
  }
  auto provider = std::dynamic_pointer_cast<TableProvider>(table);
  if (!provider) return Status::Plan("table '" + ref.ToString() + "' does not accept inserts");
  for (size_t i = 0; i < ins.columns.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (ins.columns[i].value == ins.columns[j].value) {
        return Status::Schema("Schema contains duplicate unqualified field name " +
                              ins.columns[i].value);
      }
    }
  }
  if (!source) {
    SqlToRel planner(state.get());
    QUIVER_ASSIGN_OR_RAISE(source, planner.PlanQuery(*ins.source));
  }
  SchemaPtr target = table->schema();
  const DFSchema& in = *source->schema;
  std::vector<ExprPtr> exprs;
  if (!ins.columns.empty()) {
    if (ins.columns.size() != static_cast<size_t>(in.num_fields())) {
      return Status::Plan("Column count doesn't match insert query!");
    }
    for (const auto& c : ins.columns) {
      if (target->GetFieldIndex(c.value) < 0) {
        return Status::Plan("Column " + c.value + " not found in table " + ref.ToString());
      }
    }
  } else if (in.num_fields() != target->num_fields()) {
    return Status::Plan("Inserting query must have the same schema with the table. Expected " +
                        std::to_string(target->num_fields()) + " columns, got " +
                        std::to_string(in.num_fields()));
  }
  for (int t = 0; t < target->num_fields(); ++t) {
    const auto& f = target->field(t);
    int found = t;
    if (!ins.columns.empty()) {
      found = -1;
      for (size_t i = 0; i < ins.columns.size(); ++i) {
        if (ins.columns[i].value == f->name()) found = static_cast<int>(i);
      }
    }
    if (found < 0) {
      exprs.push_back(Alias(CastTo(LitNull(), f->type()), f->name()));
      continue;
    }
    ExprPtr e = Col(in.column(found));
    QUIVER_ASSIGN_OR_RAISE(auto type, GetType(e, in));
    if (!type->Equals(*f->type())) e = CastTo(e, f->type());
    exprs.push_back(Alias(e, f->name()));
  }
  QUIVER_ASSIGN_OR_RAISE(source, MakeProjection(source, std::move(exprs)));
  auto spec = std::make_shared<WriteSpec>();
  spec->op = ins.overwrite ? WriteOp::kInsertOverwrite : WriteOp::kInsertInto;
  spec->table = ref;
  spec->target_schema = target;
  spec->sink = std::make_shared<TableInsertSink>(provider, ins.overwrite);
  return MakeDml(std::move(source), std::move(spec));
}

Result<int64_t> ExecuteWrite(const std::shared_ptr<SessionState>& state,
                             const LogicalPlanPtr& plan) {
  QUIVER_ASSIGN_OR_RAISE(auto batches, state->Execute(plan));
  int64_t rows = 0;
  for (const auto& b : batches) {
    if (b->num_rows() == 0 || b->num_columns() != 1) continue;
    const auto& a = static_cast<const UInt64Array&>(*b->column(0));
    rows += static_cast<int64_t>(a.Value(0));
  }
  return rows;
}

}  // namespace quiver
