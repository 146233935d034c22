#include "quiver/datasource/parquet_format.h"

#include "quiver/datasource/parquet/file_reader.h"
#include "quiver/physical/operators.h"

namespace quiver {

namespace {

struct RowGroupMorsel {
  std::string path;
  int row_group;
};

class ParquetScanExec : public ExecutionPlan {
 public:
  ParquetScanExec(std::vector<RowGroupMorsel> morsels, SchemaPtr file_schema,
                  std::optional<std::vector<int>> projection)
      : morsels_(std::move(morsels)), file_schema_(std::move(file_schema)),
        projection_(std::move(projection)) {
    if (projection_) {
      std::vector<FieldPtr> fields;
      for (int i : *projection_) fields.push_back(file_schema_->field(i));
      schema_ = quiver::schema(std::move(fields));
    } else {
      schema_ = file_schema_;
    }
  }
  std::string name() const override { return "ParquetExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr>) const override {
    return ExecutionPlanPtr(std::make_shared<ParquetScanExec>(morsels_, file_schema_, projection_));
  }
  int output_partitions() const override { return static_cast<int>(morsels_.size()); }
  std::string DisplayAs() const override {
    return "ParquetExec: row_groups=" + std::to_string(morsels_.size());
  }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override {
    const auto& m = morsels_[partition];
    QUIVER_ASSIGN_OR_RAISE(auto reader, parquet::OpenParquetFile(m.path));
    // Columns are matched by name: files of one table may order them differently.
    std::vector<int> cols;
    bool zero_columns = projection_ && projection_->empty();
    for (const auto& f : schema_->fields()) {
      int i = reader->schema()->GetFieldIndex(f->name());
      if (i < 0) return Status::Execution("column " + f->name() + " missing in " + m.path);
      cols.push_back(i);
    }
    if (zero_columns) cols = {0};
    QUIVER_ASSIGN_OR_RAISE(auto batch, reader->ReadRowGroup(m.row_group, cols));
    if (zero_columns) batch = RecordBatch::Make(schema_, batch->num_rows(), {});
    else batch = batch->WithSchema(schema_);
    return MakeVectorStream(SliceBatches(batch, ctx->batch_size()));
  }

 private:
  std::vector<RowGroupMorsel> morsels_;
  SchemaPtr file_schema_;
  std::optional<std::vector<int>> projection_;
  SchemaPtr schema_;
};

}  // namespace

Result<SchemaPtr> ParquetFormat::InferSchema(const std::vector<FileInfo>& files) {
  // The first file's schema, extended by fields only later files have.
  SchemaPtr merged;
  for (const auto& f : files) {
    QUIVER_ASSIGN_OR_RAISE(auto reader, parquet::OpenParquetFile(f.path));
    if (!merged) {
      merged = reader->schema();
      continue;
    }
    std::vector<FieldPtr> fields = merged->fields();
    for (const auto& fld : reader->schema()->fields()) {
      if (merged->GetFieldIndex(fld->name()) < 0) fields.push_back(fld);
    }
    merged = schema(std::move(fields));
  }
  return merged;
}

Result<ExecutionPlanPtr> ParquetFormat::CreateScan(const std::vector<FileInfo>& files,
                                                   const SchemaPtr& schema, const ScanArgs& args) {
  std::vector<RowGroupMorsel> morsels;
  for (const auto& f : files) {
    QUIVER_ASSIGN_OR_RAISE(auto reader, parquet::OpenParquetFile(f.path));
    for (int rg = 0; rg < reader->num_row_groups(); ++rg) morsels.push_back({f.path, rg});
  }
  return ExecutionPlanPtr(std::make_shared<ParquetScanExec>(std::move(morsels), schema, args.projection));
}

}  // namespace quiver
