#include "quiver/execution/copy_to.h"

#include <filesystem>

#include "quiver/datasource/file_format_registry.h"
#include "quiver/datasource/file_sink.h"
#include "quiver/execution/dml_statements.h"
#include "quiver/execution/session_state.h"
#include "quiver/logical/dml.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

namespace fs = std::filesystem;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string OptionText(const sql::SqlOption& o) {
  if (!o.value) return "";
  if (o.value->kind == sql::ExprKind::kLiteral) return o.value->value;
  if (o.value->kind == sql::ExprKind::kIdentifier && !o.value->names.empty()) {
    return o.value->names.back().value;
  }
  return o.value->value;
}

// Writes the COPY's rows with the configured format: one file, a new file in
// a directory, or Hive partition directories.
class CopySink : public DataSink {
 public:
  CopySink(FileFormatPtr writer, std::string target, bool is_dir,
           std::vector<std::string> partition_by, bool keep, SchemaPtr schema)
      : writer_(std::move(writer)),
        target_(std::move(target)),
        is_dir_(is_dir),
        partition_by_(std::move(partition_by)),
        keep_(keep),
        schema_(std::move(schema)) {}

  std::string ToString() const override {
    std::string name = writer_->name();
    if (!name.empty()) name[0] = static_cast<char>(std::toupper(name[0]));
    return name + "Sink(file_groups=[])";
  }

  Status Write(const std::vector<RecordBatchPtr>& batches) override {
    // Batches carry the plan's column names (the input may rename).
    std::vector<RecordBatchPtr> fixed;
    for (const auto& b : batches) fixed.push_back(b->WithSchema(schema_));
    const std::string ext = writer_->extension();
    if (partition_by_.empty()) {
      std::string path = is_dir_ ? (fs::path(target_) / NewDataFileName(ext)).string() : target_;
      return WriteFormatFile(*writer_, path, schema_, fixed);
    }
    std::vector<int> part;
    for (const auto& c : partition_by_) part.push_back(schema_->GetFieldIndex(c));
    SchemaPtr data_schema;
    QUIVER_ASSIGN_OR_RAISE(auto groups,
                           SplitByPartition(schema_, fixed, part, keep_, &data_schema));
    for (const auto& g : groups) {
      QUIVER_RETURN_NOT_OK(
          WriteFormatFile(*writer_, (fs::path(target_) / g.dir / NewDataFileName(ext)).string(),
                          data_schema, g.batches));
    }
    return Status::OK();
  }

 private:
  FileFormatPtr writer_;
  std::string target_;
  bool is_dir_;
  std::vector<std::string> partition_by_;
  bool keep_;
  SchemaPtr schema_;
};

}  // namespace

Result<LogicalPlanPtr> PlanCopyTo(const std::shared_ptr<SessionState>& state,
                                  const sql::Copy& copy) {
  SqlToRel planner(state.get());
  LogicalPlanPtr plan;
  if (copy.source_query) {
    QUIVER_ASSIGN_OR_RAISE(plan, planner.PlanQuery(*copy.source_query));
  } else {
    QUIVER_ASSIGN_OR_RAISE(auto ref, SqlToRel::ToTableReference(copy.source_table));
    QUIVER_ASSIGN_OR_RAISE(auto source, state->GetTable(ref, false));
    QUIVER_ASSIGN_OR_RAISE(plan, MakeTableScan(ref, source));
  }
  const std::string& target = copy.target;
  const bool is_dir = !target.empty() && target.back() == '/';
  std::string format = Lower(copy.stored_as);
  std::string implied_compression;
  if (format.empty() && !is_dir) {
    auto [base, compression] = SplitCompressionSuffix(target);
    std::string ext = Lower(fs::path(base).extension().string());
    if (!ext.empty()) format = ext.substr(1);
    implied_compression = compression;
  }
  if (format.empty()) {
    return Status::Configuration(
        "Format not explicitly set and unable to get file extension! Use STORED AS to define "
        "file format.");
  }
  auto spec = std::make_shared<WriteSpec>();
  bool keep = false;
  FormatOptions options;
  if (!implied_compression.empty()) options.push_back({"compression", implied_compression});
  for (const auto& o : copy.options) {
    spec->options.emplace_back(o.key, OptionText(o));
    std::string key = Lower(o.key);
    if (key == "execution.keep_partition_by_columns") {
      keep = Lower(OptionText(o)) == "true";
      continue;
    }
    if (key.rfind("format.", 0) == 0) key = key.substr(7);
    options.push_back({key, OptionText(o)});
  }
  QUIVER_ASSIGN_OR_RAISE(auto factory, state->file_formats().Find(format));
  QUIVER_ASSIGN_OR_RAISE(auto writer, factory->Create(options, state->config()));
  SchemaPtr schema = plan->schema->ToArrow();
  std::vector<std::string> cols;
  for (const auto& id : copy.partitioned_by) {
    if (schema->GetFieldIndex(id.value) < 0) {
      return Status::Plan("Partition column " + id.value + " not found in the COPY source");
    }
    cols.push_back(id.value);
  }
  spec->op = WriteOp::kCopyTo;
  spec->output_url = target;
  spec->format = writer->name();
  spec->partition_by = cols;
  spec->sink = std::make_shared<CopySink>(writer, target, is_dir, cols, keep, schema);
  return MakeCopyTo(std::move(plan), std::move(spec));
}

Result<int64_t> RunCopyTo(const std::shared_ptr<SessionState>& state, const sql::Copy& copy) {
  QUIVER_ASSIGN_OR_RAISE(auto plan, PlanCopyTo(state, copy));
  return ExecuteWrite(state, plan);
}

}  // namespace quiver
