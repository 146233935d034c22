#include "quiver/datasource/parquet_format.h"

#include <atomic>
#include <mutex>

#include "quiver/datasource/parquet/file_reader.h"
#include "quiver/datasource/parquet/row_group_reader.h"
#include "quiver/datasource/parquet_late_filter.h"
#include "quiver/datasource/parquet_pruning.h"
#include "quiver/datasource/parquet_schema_merge.h"
#include "quiver/datasource/parquet_statistics.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/common/scalar_value.h"
#include "quiver/physical/operators.h"

namespace quiver {

namespace {

using RowGroupMorsel = RowGroupPart;

// What the scan's streams did (EXPLAIN ANALYZE).
struct ScanMetrics {
  std::atomic<int64_t> output_rows{0};
  std::atomic<int64_t> page_index_rows_pruned{0};
  std::atomic<int64_t> bytes_scanned{0};
};

// Row groups smaller than this are never split into several morsels.
constexpr int64_t kMinMorselRows = 64 * 1024;

// Few large row groups: split them into row ranges so that every partition
// gets work (pages before a range are passed over undecoded).
std::vector<RowGroupMorsel> SplitMorsels(std::vector<RowGroupMorsel> in, int target) {
  if (in.empty() || static_cast<int>(in.size()) >= target) return in;
  const int per = (target + static_cast<int>(in.size()) - 1) / static_cast<int>(in.size());
  std::vector<RowGroupMorsel> out;
  for (auto& m : in) {
    const int64_t rows = m.reader->metadata().row_groups[m.row_group].num_rows;
    const int64_t pieces = std::min<int64_t>(per, rows / kMinMorselRows);
    if (pieces <= 1) {
      out.push_back(std::move(m));
      continue;
    }
    for (int64_t k = 0; k < pieces; ++k) {
      out.push_back({m.reader, m.row_group, rows * k / pieces, rows * (k + 1) / pieces});
    }
  }
  return out;
}

// How one file's columns become the table's: per output column its position
// in the batches read from the file (-1: missing there, read as nulls), cast
// when the file's type is narrower.
struct FileAdapter {
  SchemaPtr output;
  std::vector<int> source;

  Result<RecordBatchPtr> Apply(const RecordBatchPtr& b) const {
    std::vector<ArrayPtr> cols;
    const int64_t n = b->num_rows();
    for (int i = 0; i < output->num_fields(); ++i) {
      const DataTypePtr& t = output->field(i)->type();
      if (source[i] < 0) {
        QUIVER_ASSIGN_OR_RAISE(auto nulls, ScalarValue::Null(t).ToArray(n));
        cols.push_back(std::move(nulls));
        continue;
      }
      ArrayPtr c = b->column(source[i]);
      if (!c->type()->Equals(*t)) {
        QUIVER_ASSIGN_OR_RAISE(c, compute::Cast(c, t));
      }
      cols.push_back(std::move(c));
    }
    return RecordBatch::Make(output, n, std::move(cols));
  }
};

// Streams one row group batch by batch; the chunks are fetched on the first pull.
class RowGroupStream : public RecordBatchStream {
 public:
  RowGroupStream(RowGroupMorsel m, std::vector<int> cols, SchemaPtr schema, bool zero_columns,
                 int64_t batch_size, std::shared_ptr<const LateFilter> late,
                 std::vector<ExprPtr> filters, std::shared_ptr<const FileAdapter> adapt,
                 std::shared_ptr<ScanMetrics> metrics)
      : m_(std::move(m)),
        cols_(std::move(cols)),
        schema_(std::move(schema)),
        zero_columns_(zero_columns),
        batch_size_(batch_size),
        late_(std::move(late)),
        filters_(std::move(filters)),
        adapt_(std::move(adapt)),
        metrics_(std::move(metrics)) {}

  Result<RecordBatchPtr> Next() override {
    if (done_) return RecordBatchPtr();
    if (zero_columns_) {
      // Only the row count is needed: no column is read.
      done_ = true;
      const int64_t n = m_.reader->metadata().row_groups[m_.row_group].num_rows;
      const int64_t end = m_.end < 0 ? n : m_.end;
      auto b = RecordBatch::Make(schema_, end - m_.begin, {});
      metrics_->output_rows += b->num_rows();
      return adapt_ ? adapt_->Apply(b) : b;
    }
    if (!rows_) {
      // A split row group reads only the pages of its rows (offset index).
      QUIVER_ASSIGN_OR_RAISE(rows_, parquet::RowGroupBatchReader::Open(
                                        m_.reader, m_.row_group, cols_, m_.begin, m_.end));
      num_rows_ = m_.reader->metadata().row_groups[m_.row_group].num_rows;
      // Pages whose statistics rule the filters out are skipped undecoded.
      int64_t pruned = 0;
      ranges_ = RowRangesMayMatch(*m_.reader, m_.row_group, filters_, &pruned);
      if (m_.begin > 0 || m_.end >= 0) {
        ranges_ = Clip(ranges_, m_.begin, m_.end);
        // Count pruned rows of this morsel's range only.
        int64_t kept = 0;
        for (const auto& r : ranges_) kept += r.end - r.begin;
        pruned = (m_.end < 0 ? num_rows_ : m_.end) - m_.begin - kept;
      }
      metrics_->page_index_rows_pruned += pruned;
      metrics_->bytes_scanned += rows_->bytes_read();
      m_.reader.reset();
    }
    RecordBatchPtr b;
    while (!b) {
      if (range_ >= ranges_.size()) {
        done_ = true;
        rows_.reset();
        return RecordBatchPtr();
      }
      const RowRange& r = ranges_[range_];
      const int64_t pos = num_rows_ - rows_->rows_left();
      if (pos >= r.end) {
        ++range_;
        continue;
      }
      if (pos < r.begin) {
        QUIVER_RETURN_NOT_OK(rows_->Skip(r.begin - pos));
        continue;
      }
      const int64_t stop_left = num_rows_ - r.end;
      if (late_) {
        QUIVER_ASSIGN_OR_RAISE(b, NextFiltered(*rows_, *late_, schema_, batch_size_, stop_left));
      } else {
        QUIVER_ASSIGN_OR_RAISE(b,
                               rows_->Next(std::min(batch_size_, rows_->rows_left() - stop_left)));
      }
      if (!b) ++range_;  // the range held no surviving row
    }
    metrics_->output_rows += b->num_rows();
    if (adapt_) return adapt_->Apply(b);
    return b->WithSchema(schema_);
  }

 private:
  // `ranges` limited to [begin, end) (end < 0: unbounded).
  static std::vector<RowRange> Clip(const std::vector<RowRange>& ranges, int64_t begin,
                                    int64_t end) {
    std::vector<RowRange> out;
    for (const auto& r : ranges) {
      const int64_t b = std::max(r.begin, begin);
      const int64_t e = end < 0 ? r.end : std::min(r.end, end);
      if (b < e) out.push_back({b, e});
    }
    return out;
  }

  RowGroupMorsel m_;
  std::vector<int> cols_;
  SchemaPtr schema_;
  bool zero_columns_;
  int64_t batch_size_;
  std::shared_ptr<const LateFilter> late_;
  std::vector<ExprPtr> filters_;
  std::shared_ptr<const FileAdapter> adapt_;  // null when the file matches the table
  std::shared_ptr<ScanMetrics> metrics_;
  std::unique_ptr<parquet::RowGroupBatchReader> rows_;
  int64_t num_rows_ = 0;
  std::vector<RowRange> ranges_;  // rows that may match the filters
  size_t range_ = 0;
  bool done_ = false;
};

class ParquetScanExec : public ExecutionPlan {
 public:
  ParquetScanExec(std::vector<RowGroupMorsel> morsels, SchemaPtr file_schema,
                  std::optional<std::vector<int>> projection, PruningStats pruning,
                  std::vector<ExprPtr> filters, std::optional<int64_t> limit)
      : morsels_(std::move(morsels)),
        file_schema_(std::move(file_schema)),
        projection_(std::move(projection)),
        pruning_(pruning),
        filters_(std::move(filters)),
        limit_(limit) {
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
    return ExecutionPlanPtr(std::make_shared<ParquetScanExec>(morsels_, file_schema_, projection_,
                                                              pruning_, filters_, limit_));
  }
  int output_partitions() const override { return static_cast<int>(morsels_.size()); }
  Statistics statistics() const override {
    std::call_once(stats_once_, [this] {
      // The pieces of a split row group cover it: count each group whole once.
      std::vector<RowGroupPart> groups;
      for (const auto& m : morsels_) {
        if (m.begin == 0) groups.push_back({m.reader, m.row_group, 0, -1});
      }
      stats_ = ParquetStatistics(groups, schema_);
      // Pushed filters only prune (rows still need the filter above); a
      // limit may stop early.
      if (!filters_.empty() || limit_) stats_ = stats_.ToInexact();
    });
    return stats_;
  }
  std::string MetricsToString() const override {
    return "output_rows=" + std::to_string(metrics_->output_rows.load()) +
           ", row_groups_pruned_statistics=" + std::to_string(pruning_.pruned_by_statistics) +
           ", row_groups_pruned_bloom_filter=" + std::to_string(pruning_.pruned_by_bloom_filter) +
           ", page_index_rows_pruned=" + std::to_string(metrics_->page_index_rows_pruned.load()) +
           ", bytes_scanned=" + std::to_string(metrics_->bytes_scanned.load());
  }
  std::string DisplayAs() const override {
    int64_t groups = 0;
    for (const auto& m : morsels_) groups += m.begin == 0;
    std::string s = "ParquetExec: row_groups=" + std::to_string(groups);
    if (groups != static_cast<int64_t>(morsels_.size())) {
      s += " morsels=" + std::to_string(morsels_.size());
    }
    if (!filters_.empty()) {
      s += " pruned_by_statistics=" + std::to_string(pruning_.pruned_by_statistics) +
           " pruned_by_bloom_filter=" + std::to_string(pruning_.pruned_by_bloom_filter);
      std::string preds;
      for (const auto& f : filters_) preds += (preds.empty() ? "" : " AND ") + f->ToString();
      s += " predicate=" + preds;
    }
    if (limit_) s += " limit=" + std::to_string(*limit_);
    return s;
  }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override {
    const auto& m = morsels_[partition];
    // Columns are matched by name: files of one table may order them
    // differently, lack some (read as nulls) or hold narrower types (cast).
    std::vector<int> cols;
    bool zero_columns = projection_ && projection_->empty();
    auto adapt = std::make_shared<FileAdapter>();
    std::vector<FieldPtr> read_fields;
    bool exact = true;
    for (const auto& f : schema_->fields()) {
      int i = m.reader->schema()->GetFieldIndex(f->name());
      if (i < 0) {
        adapt->source.push_back(-1);
        exact = false;
        continue;
      }
      const FieldPtr& ff = m.reader->schema()->field(i);
      if (!ff->type()->Equals(*f->type())) {
        if (!compute::CanCast(*ff->type(), *f->type())) {
          return Status::Execution("column " + f->name() + " of " + m.reader->source().name() +
                                   " is " + ff->type()->ToString() +
                                   ", which cannot be read as the table's " +
                                   f->type()->ToString());
        }
        exact = false;
      }
      adapt->source.push_back(static_cast<int>(cols.size()));
      cols.push_back(i);
      read_fields.push_back(field(f->name(), ff->type(), true));
    }
    if (!exact && !zero_columns && cols.empty()) {
      // Nothing of the projection is in this file: its rows, all null.
      zero_columns = true;
    }
    std::shared_ptr<const LateFilter> late;
    SchemaPtr read_schema = schema_;
    if (exact) {
      adapt.reset();
      // Filters on some of the columns: decode the rest only where rows survive.
      if (!zero_columns) late = MakeLateFilter(filters_, schema_);
    } else {
      read_schema = quiver::schema(std::move(read_fields));
      adapt->output = schema_;
    }
    return StreamPtr(std::make_unique<RowGroupStream>(m, std::move(cols), read_schema, zero_columns,
                                                      ctx->batch_size(), std::move(late), filters_,
                                                      std::move(adapt), metrics_));
  }

 private:
  std::vector<RowGroupMorsel> morsels_;
  SchemaPtr file_schema_;
  std::optional<std::vector<int>> projection_;
  PruningStats pruning_;
  std::vector<ExprPtr> filters_;
  std::optional<int64_t> limit_;
  SchemaPtr schema_;
  std::shared_ptr<ScanMetrics> metrics_ = std::make_shared<ScanMetrics>();
  mutable std::once_flag stats_once_;
  mutable Statistics stats_;
};

}  // namespace

Result<SchemaPtr> ParquetFormat::InferSchema(const std::vector<FileInfo>& files) {
  std::vector<SchemaPtr> schemas;
  for (const auto& f : files) {
    QUIVER_ASSIGN_OR_RAISE(auto reader, parquet::OpenParquetFile(f.path, read_options_));
    schemas.push_back(reader->schema());
  }
  return MergeSchemas(schemas);
}

Result<ExecutionPlanPtr> ParquetFormat::CreateScan(const std::vector<FileInfo>& files,
                                                   const SchemaPtr& schema, const ScanArgs& args) {
  std::vector<RowGroupMorsel> morsels;
  PruningStats pruning;
  // A limit without filters: enough row groups to cover it.
  const bool use_limit = args.limit && args.filters.empty();
  int64_t rows = 0;
  for (const auto& f : files) {
    if (use_limit && rows >= *args.limit) break;
    QUIVER_ASSIGN_OR_RAISE(auto reader, parquet::OpenParquetFile(f.path, read_options_));
    for (int rg = 0; rg < reader->num_row_groups(); ++rg) {
      if (use_limit && rows >= *args.limit) break;
      if (!args.filters.empty() && !RowGroupMayMatch(*reader, rg, args.filters, &pruning)) {
        continue;
      }
      rows += reader->metadata().row_groups[rg].num_rows;
      morsels.push_back({reader, rg});
    }
  }
  if (!use_limit && args.config)
    morsels = SplitMorsels(std::move(morsels), args.config->target_partitions());
  return ExecutionPlanPtr(std::make_shared<ParquetScanExec>(
      std::move(morsels), schema, args.projection, pruning, args.filters, args.limit));
}

}  // namespace quiver
