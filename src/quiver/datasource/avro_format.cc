#include "quiver/datasource/avro_format.h"
#include "quiver/datasource/scan_schema.h"

#include <algorithm>
#include <fstream>

#include "quiver/arrow/compute/compute.h"
#include "quiver/common/scalar_value.h"
#include "quiver/datasource/avro/batch_reader.h"
#include "quiver/datasource/avro/writer.h"
#include "quiver/datasource/parquet_schema_merge.h"

namespace quiver {

namespace {

// Blocks [begin, end) of one file.
struct BlockRun {
  std::shared_ptr<avro::AvroFileReader> file;
  size_t begin = 0;
  size_t end = 0;
};

// Runs smaller than this many rows are joined with the next block of the
// file, unless that leaves fewer runs than partitions.
constexpr int64_t kMinMorselRows = 64 * 1024;

// Decodes a run of blocks; when the file's columns differ from the table's,
// `source` maps every output column to a decoded one (-1: absent, nulls) and
// mismatched types are cast.
class AvroRunStream : public RecordBatchStream {
 public:
  AvroRunStream(std::unique_ptr<avro::AvroBatchReader> reader, SchemaPtr output,
                std::vector<int> source, bool adapt)
      : reader_(std::move(reader)),
        output_(std::move(output)),
        source_(std::move(source)),
        adapt_(adapt) {}

  Result<RecordBatchPtr> Next() override {
    QUIVER_ASSIGN_OR_RAISE(auto b, reader_->Next());
    if (!b) return b;
    if (!adapt_) return b->WithSchema(output_);
    std::vector<ArrayPtr> cols;
    const int64_t n = b->num_rows();
    for (int i = 0; i < output_->num_fields(); ++i) {
      const DataTypePtr& t = output_->field(i)->type();
      if (source_[i] < 0) {
        QUIVER_ASSIGN_OR_RAISE(auto nulls, ScalarValue::Null(t).ToArray(n));
        cols.push_back(std::move(nulls));
        continue;
      }
      ArrayPtr c = b->column(source_[i]);
      if (!c->type()->Equals(*t)) {
        QUIVER_ASSIGN_OR_RAISE(c, compute::Cast(c, t));
      }
      cols.push_back(std::move(c));
    }
    return RecordBatch::Make(output_, n, std::move(cols));
  }

 private:
  std::unique_ptr<avro::AvroBatchReader> reader_;
  SchemaPtr output_;
  std::vector<int> source_;
  bool adapt_;
};

class AvroScanExec : public ExecutionPlan {
 public:
  AvroScanExec(std::vector<BlockRun> runs, size_t num_files, SchemaPtr table_schema,
               std::optional<std::vector<int>> projection, std::optional<int64_t> limit)
      : runs_(std::move(runs)),
        num_files_(num_files),
        table_schema_(std::move(table_schema)),
        projection_(std::move(projection)),
        limit_(limit) {
    schema_ = ProjectedSchema(table_schema_, projection_);
  }
  std::string name() const override { return "AvroExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override { return {}; }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr>) const override {
    return ExecutionPlanPtr(
        std::make_shared<AvroScanExec>(runs_, num_files_, table_schema_, projection_, limit_));
  }
  int output_partitions() const override { return static_cast<int>(runs_.size()); }
  std::string DisplayAs() const override {
    size_t blocks = 0;
    for (const auto& r : runs_) blocks += r.end - r.begin;
    std::string s = "AvroExec: files=" + std::to_string(num_files_) +
                    " blocks=" + std::to_string(blocks) +
                    " morsels=" + std::to_string(runs_.size());
    if (projection_) s += ", projection=" + FieldNameList(*schema_);
    if (limit_) s += ", limit=" + std::to_string(*limit_);
    return s;
  }

  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override {
    const BlockRun& run = runs_[partition];
    const SchemaPtr& file_schema = run.file->arrow_schema();
    std::vector<FieldPtr> read;
    std::vector<int> source;
    bool adapt = false;
    for (const auto& f : schema_->fields()) {
      const int i = file_schema->GetFieldIndex(f->name());
      if (i < 0) {
        source.push_back(-1);
        adapt = true;
        continue;
      }
      const FieldPtr& ff = file_schema->field(i);
      if (!ff->type()->Equals(*f->type())) {
        if (!compute::CanCast(*ff->type(), *f->type())) {
          return Status::Execution("column " + f->name() + " of " + run.file->name() + " is " +
                                   ff->type()->ToString() + ", which cannot be read as the " +
                                   "table's " + f->type()->ToString());
        }
        adapt = true;
      }
      source.push_back(static_cast<int>(read.size()));
      read.push_back(ff);
    }
    QUIVER_ASSIGN_OR_RAISE(auto reader,
                           avro::AvroBatchReader::Make(run.file, quiver::schema(std::move(read)),
                                                       run.begin, run.end, ctx->batch_size()));
    return StreamPtr(
        std::make_unique<AvroRunStream>(std::move(reader), schema_, std::move(source), adapt));
  }

 private:
  std::vector<BlockRun> runs_;
  size_t num_files_;
  SchemaPtr table_schema_;
  std::optional<std::vector<int>> projection_;
  std::optional<int64_t> limit_;
  SchemaPtr schema_;
};

}  // namespace

Result<SchemaPtr> AvroFormat::InferSchema(const std::vector<FileInfo>& files) {
  std::vector<SchemaPtr> schemas;
  for (const auto& f : files) {
    QUIVER_ASSIGN_OR_RAISE(auto reader, avro::AvroFileReader::Open(f.path));
    schemas.push_back(reader->arrow_schema());
  }
  if (schemas.empty()) return schema({});
  if (schemas.size() == 1) return schemas[0];
  return MergeSchemas(schemas);
}

Result<ExecutionPlanPtr> AvroFormat::CreateScan(const std::vector<FileInfo>& files,
                                                const SchemaPtr& schema, const ScanArgs& args) {
  std::vector<std::shared_ptr<avro::AvroFileReader>> readers;
  int64_t total_rows = 0;
  for (const auto& f : files) {
    QUIVER_ASSIGN_OR_RAISE(auto reader, avro::AvroFileReader::Open(f.path));
    total_rows += reader->num_rows();
    readers.push_back(std::move(reader));
  }
  const int target = args.config ? std::max(1, args.config->target_partitions()) : 1;
  const int64_t min_rows =
      std::max<int64_t>(1, std::min<int64_t>(kMinMorselRows, (total_rows + target - 1) / target));
  // A limit without filters: enough blocks to cover it.
  const bool use_limit = args.limit && args.filters.empty();
  std::vector<BlockRun> runs;
  int64_t rows = 0;
  for (const auto& reader : readers) {
    const auto& blocks = reader->blocks();
    size_t begin = 0;
    int64_t run_rows = 0;
    for (size_t b = 0; b < blocks.size(); ++b) {
      if (use_limit && rows >= *args.limit) break;
      run_rows += blocks[b].count;
      rows += blocks[b].count;
      if (run_rows >= min_rows || b + 1 == blocks.size() || (use_limit && rows >= *args.limit)) {
        runs.push_back({reader, begin, b + 1});
        begin = b + 1;
        run_rows = 0;
      }
    }
  }
  return ExecutionPlanPtr(std::make_shared<AvroScanExec>(std::move(runs), files.size(), schema,
                                                         args.projection, args.limit));
}

Status AvroFormat::WriteFile(const std::string& path, const SchemaPtr& schema,
                             const std::vector<RecordBatchPtr>& batches) const {
  avro::AvroWriteOptions options;
  options.codec = write_codec_;
  QUIVER_ASSIGN_OR_RAISE(std::string bytes, avro::WriteAvroFile(schema, batches, options));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Status::IO("cannot write " + path);
  return Status::OK();
}

Result<FileFormatPtr> AvroFormatFactory::Create(const FormatOptions& options,
                                                const ConfigOptions&) const {
  avro::Codec codec = avro::Codec::kNull;
  for (const auto& [key, value] : options) {
    if (key != "compression") {
      return Status::Configuration("Config value \"" + key + "\" not found on AvroOptions");
    }
    std::string v = value;
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    if (v.empty() || v == "uncompressed" || v == "null") {
      codec = avro::Codec::kNull;
    } else if (v == "deflate") {
      codec = avro::Codec::kDeflate;
    } else if (v == "snappy") {
      codec = avro::Codec::kSnappy;
    } else if (v == "zstd" || v == "zstandard") {
      codec = avro::Codec::kZstandard;
    } else {
      return Status::Configuration("Avro compression " + value +
                                   " (supported: uncompressed, deflate, snappy, zstd)");
    }
  }
  return FileFormatPtr(std::make_shared<AvroFormat>(codec));
}

}  // namespace quiver
