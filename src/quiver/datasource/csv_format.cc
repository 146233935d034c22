#include "quiver/datasource/csv_format.h"
#include "quiver/datasource/scan_schema.h"

#include <algorithm>

namespace quiver {

namespace {

// Byte ranges smaller than this are not worth a task of their own.
constexpr int64_t kMinRangeBytes = 4 << 20;

struct CsvMorsel {
  std::string path;
  csv::CsvRange range;
  csv::CsvCompression compression;
};

class CsvScanExec : public ExecutionPlan {
 public:
  CsvScanExec(std::vector<CsvMorsel> morsels, csv::CsvReadOptions options, SchemaPtr file_schema,
              std::optional<std::vector<int>> projection, std::optional<int64_t> limit)
      : morsels_(std::move(morsels)),
        options_(std::move(options)),
        file_schema_(std::move(file_schema)),
        projection_(std::move(projection)),
        limit_(limit) {
    options_.schema = file_schema_;
    schema_ = ProjectedSchema(file_schema_, projection_);
  }
  std::string name() const override { return "CsvExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr>) const override {
    return ExecutionPlanPtr(
        std::make_shared<CsvScanExec>(morsels_, options_, file_schema_, projection_, limit_));
  }
  int output_partitions() const override { return static_cast<int>(morsels_.size()); }
  std::string DisplayAs() const override {
    std::string out = "CsvExec: morsels=" + std::to_string(morsels_.size());
    if (projection_) out += ", projection=" + FieldNameList(*schema_);
    if (limit_) out += ", limit=" + std::to_string(*limit_);
    return out + ", has_header=" + (options_.has_header ? "true" : "false");
  }

  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override {
    const CsvMorsel& m = morsels_[partition];
    csv::CsvReadOptions opts = options_;
    opts.batch_size = ctx->batch_size();
    opts.compression = m.compression;
    // A scan of no columns (count(*)) still needs rows: read the first column
    // and drop it.
    std::vector<int> cols;
    bool zero_columns = projection_ && projection_->empty();
    if (projection_ && !zero_columns) cols = *projection_;
    if (zero_columns) cols = {0};
    QUIVER_ASSIGN_OR_RAISE(auto reader, csv::OpenCsvRange(m.path, opts, m.range, cols));
    return StreamPtr(std::make_unique<Stream>(std::move(reader), schema_, zero_columns, limit_));
  }

 private:
  class Stream : public RecordBatchStream {
   public:
    Stream(std::unique_ptr<csv::CsvBatchReader> reader, SchemaPtr schema, bool zero_columns,
           std::optional<int64_t> limit)
        : reader_(std::move(reader)), schema_(std::move(schema)), zero_columns_(zero_columns),
          limit_(limit) {}
    Result<RecordBatchPtr> Next() override {
      if (limit_ && produced_ >= *limit_) return RecordBatchPtr();
      QUIVER_ASSIGN_OR_RAISE(auto batch, reader_->Next());
      if (!batch) return batch;
      produced_ += batch->num_rows();
      if (zero_columns_) return RecordBatch::Make(schema_, batch->num_rows(), {});
      return batch->WithSchema(schema_);
    }

   private:
    std::unique_ptr<csv::CsvBatchReader> reader_;
    SchemaPtr schema_;
    bool zero_columns_;
    std::optional<int64_t> limit_;
    int64_t produced_ = 0;
  };

  std::vector<CsvMorsel> morsels_;
  csv::CsvReadOptions options_;
  SchemaPtr file_schema_;
  std::optional<std::vector<int>> projection_;
  std::optional<int64_t> limit_;
  SchemaPtr schema_;
};

}  // namespace

Result<SchemaPtr> CsvFormat::InferSchema(const std::vector<FileInfo>& files) {
  std::vector<SchemaPtr> schemas;
  for (const auto& f : files) {
    QUIVER_ASSIGN_OR_RAISE(auto src, csv::OpenLocalFile(f.path));
    csv::CsvReadOptions opts = options_;
    opts.compression = csv::CompressionFromPath(f.path);
    QUIVER_ASSIGN_OR_RAISE(auto s, csv::InferCsvSchema(src, opts));
    schemas.push_back(std::move(s));
  }
  if (schemas.size() == 1) return schemas[0];
  return csv::MergeCsvSchemas(schemas);
}

Result<ExecutionPlanPtr> CsvFormat::CreateScan(const std::vector<FileInfo>& files,
                                               const SchemaPtr& schema, const ScanArgs& args) {
  std::vector<CsvMorsel> morsels;
  for (const auto& f : files) {
    csv::CsvReadOptions opts = options_;
    opts.compression = csv::CompressionFromPath(f.path);
    int n = static_cast<int>(std::max<int64_t>(1, f.size / kMinRangeBytes));
    for (const auto& r : csv::ComputeCsvRanges(f.size, n, opts)) morsels.push_back({f.path, r, opts.compression});
  }
  // Filters stay above the scan, so a limit only applies without them.
  std::optional<int64_t> limit = args.filters.empty() ? args.limit : std::nullopt;
  return ExecutionPlanPtr(
      std::make_shared<CsvScanExec>(std::move(morsels), options_, schema, args.projection, limit));
}

}  // namespace quiver
