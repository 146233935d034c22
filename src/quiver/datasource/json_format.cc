#include "quiver/datasource/json_format.h"
#include "quiver/datasource/scan_schema.h"

#include <algorithm>
#include <cstdlib>

#include "quiver/datasource/csv/output_compression.h"
#include "quiver/datasource/json/json_writer.h"

namespace quiver {

namespace {

// Byte ranges smaller than this are not worth a task of their own.
constexpr int64_t kMinRangeBytes = 4 << 20;

struct JsonMorsel {
  std::string path;
  csv::CsvRange range;
  csv::CsvCompression compression;
};

class JsonScanExec : public ExecutionPlan {
 public:
  JsonScanExec(std::vector<JsonMorsel> morsels, json::JsonReadOptions options,
               SchemaPtr file_schema, std::optional<std::vector<int>> projection,
               std::optional<int64_t> limit)
      : morsels_(std::move(morsels)),
        options_(std::move(options)),
        file_schema_(std::move(file_schema)),
        projection_(std::move(projection)),
        limit_(limit) {
    options_.schema = file_schema_;
    schema_ = ProjectedSchema(file_schema_, projection_);
  }
  std::string name() const override { return "JsonExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr>) const override {
    return ExecutionPlanPtr(
        std::make_shared<JsonScanExec>(morsels_, options_, file_schema_, projection_, limit_));
  }
  int output_partitions() const override { return static_cast<int>(morsels_.size()); }
  std::string DisplayAs() const override {
    std::string out = "JsonExec: morsels=" + std::to_string(morsels_.size());
    if (projection_) out += ", projection=" + FieldNameList(*schema_);
    if (limit_) out += ", limit=" + std::to_string(*limit_);
    return out;
  }

  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override {
    const JsonMorsel& m = morsels_[partition];
    json::JsonReadOptions opts = options_;
    opts.batch_size = ctx->batch_size();
    QUIVER_ASSIGN_OR_RAISE(auto source, csv::OpenLocalFile(m.path));
    QUIVER_ASSIGN_OR_RAISE(auto reader,
                           json::OpenJsonRange(source, opts, m.compression, m.range, projection_));
    return StreamPtr(std::make_unique<Stream>(std::move(reader), schema_, limit_));
  }

 private:
  class Stream : public RecordBatchStream {
   public:
    Stream(std::unique_ptr<json::JsonBatchReader> reader, SchemaPtr schema,
           std::optional<int64_t> limit)
        : reader_(std::move(reader)), schema_(std::move(schema)), limit_(limit) {}
    Result<RecordBatchPtr> Next() override {
      if (limit_ && produced_ >= *limit_) return RecordBatchPtr();
      QUIVER_ASSIGN_OR_RAISE(auto batch, reader_->Next());
      if (!batch) return batch;
      produced_ += batch->num_rows();
      return batch->WithSchema(schema_);
    }

   private:
    std::unique_ptr<json::JsonBatchReader> reader_;
    SchemaPtr schema_;
    std::optional<int64_t> limit_;
    int64_t produced_ = 0;
  };

  std::vector<JsonMorsel> morsels_;
  json::JsonReadOptions options_;
  SchemaPtr file_schema_;
  std::optional<std::vector<int>> projection_;
  std::optional<int64_t> limit_;
  SchemaPtr schema_;
};

}  // namespace

Result<std::shared_ptr<JsonFormat>> JsonFormat::FromOptions(const FormatOptions& options) {
  json::JsonReadOptions o;
  std::optional<csv::CsvCompression> compression;
  for (const auto& [raw_key, value] : options) {
    std::string key;
    for (char c : raw_key)
      key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (key.rfind("format.", 0) == 0) key = key.substr(7);
    if (key == "compression") {
      QUIVER_ASSIGN_OR_RAISE(compression, csv::ParseCompression(value));
    } else if (key == "schema_infer_max_rec") {
      char* end = nullptr;
      long long n = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || n < 0) {
        return Status::Configuration("schema_infer_max_rec must be a non-negative integer, got '" +
                                     value + "'");
      }
      o.schema_infer_max_records = n;
    } else {
      return Status::Configuration("Config value \"" + key + "\" not found on JsonOptions");
    }
  }
  if (compression) {
    o.compression = compression;
    o.file_extension += csv::CompressionSuffix(*compression);
  }
  return std::make_shared<JsonFormat>(std::move(o));
}

std::vector<std::string> JsonFormatFactory::extensions() const {
  if (name_ != "json") return {};
  return {".json", ".ndjson", ".jsonl"};
}

Result<FileFormatPtr> JsonFormatFactory::Create(const FormatOptions& options,
                                                const ConfigOptions&) const {
  QUIVER_ASSIGN_OR_RAISE(auto f, JsonFormat::FromOptions(options));
  return FileFormatPtr(std::move(f));
}

Status JsonFormat::WriteFile(const std::string& path, const SchemaPtr& schema,
                             const std::vector<RecordBatchPtr>& batches) const {
  json::JsonWriteOptions w;
  if (options_.compression) w.compression = *options_.compression;
  std::vector<RecordBatchPtr> named;
  for (const auto& b : batches) named.push_back(b->WithSchema(schema));
  return json::WriteJsonFile(path, named, w);
}

Result<SchemaPtr> JsonFormat::InferSchema(const std::vector<FileInfo>& files) {
  json::JsonSchemaInferrer inferrer;
  int64_t budget = options_.schema_infer_max_records;
  for (const auto& f : files) {
    if (budget <= 0) break;
    QUIVER_ASSIGN_OR_RAISE(auto src, csv::OpenLocalFile(f.path));
    QUIVER_RETURN_NOT_OK(inferrer.Update(src, json::JsonCompression(f.path, options_), &budget));
  }
  return inferrer.Finish();
}

Result<ExecutionPlanPtr> JsonFormat::CreateScan(const std::vector<FileInfo>& files,
                                                const SchemaPtr& schema, const ScanArgs& args) {
  std::vector<JsonMorsel> morsels;
  for (const auto& f : files) {
    csv::CsvCompression c = json::JsonCompression(f.path, options_);
    int n = static_cast<int>(std::max<int64_t>(1, f.size / kMinRangeBytes));
    for (const auto& r :
         json::ComputeJsonRanges(f.size, n, c != csv::CsvCompression::kUncompressed)) {
      morsels.push_back({f.path, r, c});
    }
  }
  // Filters stay above the scan, so a limit only applies without them.
  std::optional<int64_t> limit = args.filters.empty() ? args.limit : std::nullopt;
  return ExecutionPlanPtr(
      std::make_shared<JsonScanExec>(std::move(morsels), options_, schema, args.projection, limit));
}

}  // namespace quiver
