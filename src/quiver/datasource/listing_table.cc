#include "quiver/datasource/listing_table.h"
#include "quiver/datasource/scan_schema.h"

#include <fnmatch.h>

#include <filesystem>
#include <fstream>

#include "quiver/datasource/csv/csv_writer.h"
#include "quiver/datasource/csv_format.h"
#include "quiver/datasource/file_sink.h"
#include "quiver/physical/operators.h"

namespace quiver {

namespace fs = std::filesystem;

namespace {

bool HasGlob(const std::string& path) { return path.find_first_of("*?[") != std::string::npos; }

// Files under the directory part of a glob whose relative path (which may
// cross subdirectories) matches the rest of the pattern.
std::vector<FileInfo> ListGlobRecursive(const std::string& path, const std::string& extension) {
  size_t glob_at = path.find_first_of("*?[");
  size_t slash = path.rfind('/', glob_at);
  std::string prefix = slash == std::string::npos ? "." : path.substr(0, slash);
  std::string pattern = slash == std::string::npos ? path : path.substr(slash + 1);
  std::vector<FileInfo> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(prefix, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string rel = it->path().lexically_relative(prefix).string();
    if (fnmatch(pattern.c_str(), rel.c_str(), 0) != 0) continue;
    (void)extension;  // the pattern decides, as for single-level globs
    out.push_back({it->path().string(), static_cast<int64_t>(it->file_size(ec))});
  }
  std::sort(out.begin(), out.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  return out;
}

// Appends each partition's values to the batches of its file scan.
class PartitionedScanExec : public ExecutionPlan {
 public:
  struct Group {
    ExecutionPlanPtr scan;
    std::vector<std::optional<std::string>> values;
  };
  // Output column i is scan column `source[i]` when >= 0, else partition
  // column `-source[i] - 1`.
  PartitionedScanExec(std::vector<Group> groups, SchemaPtr schema, std::vector<int> source,
                      std::vector<PartitionColumn> columns, int64_t pruned)
      : groups_(std::move(groups)),
        schema_(std::move(schema)),
        source_(std::move(source)),
        columns_(std::move(columns)),
        pruned_(pruned) {}

  std::string name() const override { return "PartitionedScanExec"; }
  SchemaPtr schema() const override { return schema_; }
  std::vector<ExecutionPlanPtr> children() const override {
    std::vector<ExecutionPlanPtr> out;
    for (const auto& g : groups_) out.push_back(g.scan);
    return out;
  }
  Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> c) const override {
    auto groups = groups_;
    for (size_t i = 0; i < groups.size() && i < c.size(); ++i) groups[i].scan = c[i];
    return ExecutionPlanPtr(
        std::make_shared<PartitionedScanExec>(groups, schema_, source_, columns_, pruned_));
  }
  int output_partitions() const override {
    int n = 0;
    for (const auto& g : groups_) n += g.scan->output_partitions();
    return n;
  }
  std::string DisplayAs() const override {
    std::string cols;
    for (const auto& c : columns_) cols += (cols.empty() ? "" : ", ") + c.name;
    return "PartitionedScanExec: partition_cols=[" + cols +
           "], partitions=" + std::to_string(groups_.size()) +
           ", pruned_directories=" + std::to_string(pruned_);
  }
  Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) override {
    for (const auto& g : groups_) {
      int n = g.scan->output_partitions();
      if (partition < n) {
        QUIVER_ASSIGN_OR_RAISE(auto in, g.scan->Execute(partition, ctx));
        return StreamPtr(std::make_unique<Stream>(std::move(in), this, &g));
      }
      partition -= n;
    }
    return Status::Internal("PartitionedScanExec: partition out of range");
  }

 private:
  class Stream : public RecordBatchStream {
   public:
    Stream(StreamPtr in, const PartitionedScanExec* exec, const Group* group)
        : in_(std::move(in)), exec_(exec), group_(group) {}
    Result<RecordBatchPtr> Next() override {
      QUIVER_ASSIGN_OR_RAISE(auto b, in_->Next());
      if (!b) return b;
      std::vector<ArrayPtr> cols;
      for (int s : exec_->source_) {
        if (s >= 0) {
          cols.push_back(b->column(s));
          continue;
        }
        int p = -s - 1;
        QUIVER_ASSIGN_OR_RAISE(
            auto a, PartitionValueArray(group_->values[p], exec_->columns_[p].type, b->num_rows()));
        cols.push_back(std::move(a));
      }
      return RecordBatch::Make(exec_->schema_, b->num_rows(), std::move(cols));
    }

   private:
    StreamPtr in_;
    const PartitionedScanExec* exec_;
    const Group* group_;
  };

  std::vector<Group> groups_;
  SchemaPtr schema_;
  std::vector<int> source_;
  std::vector<PartitionColumn> columns_;
  int64_t pruned_;
};

}  // namespace

bool IsCollectionPath(const std::string& path) {
  std::error_code ec;
  return (!path.empty() && path.back() == '/') || fs::is_directory(path, ec);
}

Result<std::shared_ptr<ListingTable>> ListingTable::Make(std::string path, FileFormatPtr format,
                                                         SchemaPtr file_schema,
                                                         std::vector<PartitionColumn> partitions) {
  std::shared_ptr<ListingTable> t(new ListingTable());
  t->path_ = std::move(path);
  t->format_ = std::move(format);
  t->partition_columns_ = std::move(partitions);
  if (!file_schema) {
    std::vector<FileInfo> files;
    std::error_code ec;
    if (!t->path_.empty() && t->path_.back() == '/' && !fs::exists(t->path_, ec)) {
      // A directory not created yet: an empty table that COPY / INSERT may fill.
    } else if (t->partition_columns_.empty()) {
      QUIVER_ASSIGN_OR_RAISE(files, ListFiles(t->path_, t->format_->extension()));
    } else {
      PartitionPruner none(t->partition_columns_, {});
      QUIVER_ASSIGN_OR_RAISE(auto listing, ListPartitions(t->path_, t->partition_columns_,
                                                          t->format_->extension(), none));
      for (auto& p : listing.partitions) {
        for (auto& f : p.files) files.push_back(std::move(f));
      }
    }
    if (files.empty()) {
      file_schema = quiver::schema({});
    } else {
      QUIVER_ASSIGN_OR_RAISE(file_schema, t->format_->InferSchema(files));
    }
    // Columns named like partition columns come from the directories.
    std::vector<FieldPtr> kept;
    for (const auto& f : file_schema->fields()) {
      bool is_part = false;
      for (const auto& p : t->partition_columns_) is_part = is_part || p.name == f->name();
      if (!is_part) kept.push_back(f);
    }
    file_schema = quiver::schema(std::move(kept));
  }
  std::vector<FieldPtr> fields = file_schema->fields();
  for (const auto& p : t->partition_columns_) fields.push_back(field(p.name, p.type, true));
  t->file_schema_ = std::move(file_schema);
  t->schema_ = quiver::schema(std::move(fields));
  return t;
}

std::optional<Statistics> ListingTable::statistics() const {
  auto scan = const_cast<ListingTable*>(this)->Scan(ScanArgs{});
  if (!scan.ok()) return std::nullopt;
  return (*scan)->statistics();
}

bool ListingTable::is_collection() const { return IsCollectionPath(path_); }

FilterPushDown ListingTable::SupportsFilterPushDown(const Expr& filter) const {
  // Partition filters are applied in full by skipping directories.
  if (!partition_columns_.empty() && OnlyPartitionColumns(filter, partition_columns_)) {
    return FilterPushDown::kExact;
  }
  return FilterPushDown::kInexact;
}

Result<std::vector<FileInfo>> ListingTable::ListTableFiles(const ConfigOptions* config) const {
  std::error_code ec;
  if (HasGlob(path_)) {
    bool ignore_sub =
        !config || config->GetBool("datafusion.execution.listing_table_ignore_subdirectory");
    if (!ignore_sub) return ListGlobRecursive(path_, format_->extension());
    return ListFiles(path_, format_->extension());
  }
  // A table created before its directory exists is empty until written to.
  if (!fs::exists(path_, ec)) return std::vector<FileInfo>{};
  return ListFiles(path_, format_->extension());
}

Result<ExecutionPlanPtr> ListingTable::Scan(const ScanArgs& args) {
  const int num_file_cols = file_schema_->num_fields();
  if (partition_columns_.empty()) {
    QUIVER_ASSIGN_OR_RAISE(auto files, ListTableFiles(args.config));
    if (files.empty()) {
      return ExecutionPlanPtr(
          std::make_shared<EmptyExec>(ProjectedSchema(schema_, args.projection), false));
    }
    return format_->CreateScan(files, file_schema_, args);
  }
  PartitionPruner pruner(partition_columns_, args.filters);
  QUIVER_ASSIGN_OR_RAISE(auto listing,
                         ListPartitions(path_, partition_columns_, format_->extension(), pruner));
  // The file scans read the projected file columns and the filters on them.
  std::vector<int> all;
  for (int i = 0; i < schema_->num_fields(); ++i) all.push_back(i);
  const std::vector<int>& wanted = args.projection ? *args.projection : all;
  ScanArgs file_args;
  file_args.config = args.config;
  file_args.limit = args.limit;
  file_args.projection.emplace();
  std::vector<int> source;
  for (int i : wanted) {
    if (i < num_file_cols) {
      source.push_back(static_cast<int>(file_args.projection->size()));
      file_args.projection->push_back(i);
    } else {
      source.push_back(-(i - num_file_cols) - 1);
    }
  }
  for (const auto& f : args.filters) {
    std::vector<Column> used;
    CollectColumns(f, &used);
    bool file_only = true;
    for (const auto& c : used) file_only = file_only && file_schema_->GetFieldIndex(c.name) >= 0;
    if (file_only) file_args.filters.push_back(f);
  }
  SchemaPtr out_schema = ProjectedSchema(schema_, args.projection);
  std::vector<PartitionedScanExec::Group> groups;
  for (auto& p : listing.partitions) {
    QUIVER_ASSIGN_OR_RAISE(auto scan, format_->CreateScan(p.files, file_schema_, file_args));
    groups.push_back({std::move(scan), std::move(p.values)});
  }
  if (groups.empty()) return ExecutionPlanPtr(std::make_shared<EmptyExec>(out_schema, false));
  return ExecutionPlanPtr(
      std::make_shared<PartitionedScanExec>(std::move(groups), out_schema, std::move(source),
                                            partition_columns_, listing.directories_pruned));
}

Status ListingTable::AppendToFile(const std::vector<RecordBatchPtr>& batches) {
  auto csv_format = dynamic_cast<const CsvFormat*>(format_.get());
  if (!csv_format) {
    return Status::NotImplemented("appending to a single " + format_->name() + " file");
  }
  std::error_code ec;
  csv::CsvWriteOptions opts;
  opts.delimiter = csv_format->options().delimiter;
  opts.quote = csv_format->options().quote;
  // The header goes only into a new file.
  opts.has_header =
      csv_format->options().has_header && (!fs::exists(path_, ec) || fs::file_size(path_, ec) == 0);
  QUIVER_ASSIGN_OR_RAISE(auto text, csv::FormatCsv(file_schema_, batches, opts));
  if (fs::path(path_).has_parent_path()) fs::create_directories(fs::path(path_).parent_path(), ec);
  std::ofstream out(path_, std::ios::binary | std::ios::app);
  out << text;
  out.close();
  if (!out) return Status::IO("cannot append to " + path_);
  return Status::OK();
}

Status ListingTable::Insert(const std::vector<RecordBatchPtr>& batches, bool overwrite) {
  if (append_to_file_) return AppendToFile(batches);
  if (!is_collection()) {
    return Status::Plan(
        "Inserting into a ListingTable backed by a single file is not supported, URL is possibly "
        "missing a trailing `/`. To append to an existing file use StreamTable, e.g. by using "
        "CREATE UNBOUNDED EXTERNAL TABLE");
  }
  std::vector<FileInfo> old_files;
  if (overwrite) {
    if (partition_columns_.empty()) {
      QUIVER_ASSIGN_OR_RAISE(old_files, ListTableFiles(nullptr));
    } else {
      PartitionPruner none(partition_columns_, {});
      QUIVER_ASSIGN_OR_RAISE(auto listing,
                             ListPartitions(path_, partition_columns_, format_->extension(), none));
      for (auto& p : listing.partitions) {
        for (auto& f : p.files) old_files.push_back(std::move(f));
      }
    }
  }
  int64_t rows = 0;
  for (const auto& b : batches) rows += b->num_rows();
  const fs::path dir(path_);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (partition_columns_.empty()) {
    // An empty insert still leaves the table readable: nothing to write.
    if (rows > 0) {
      QUIVER_RETURN_NOT_OK(WriteFormatFile(
          *format_, (dir / NewDataFileName(format_->extension())).string(), file_schema_, batches));
    }
  } else {
    std::vector<int> part;
    for (size_t i = 0; i < partition_columns_.size(); ++i) {
      part.push_back(file_schema_->num_fields() + static_cast<int>(i));
    }
    SchemaPtr data_schema;
    QUIVER_ASSIGN_OR_RAISE(auto groups,
                           SplitByPartition(schema_, batches, part, false, &data_schema));
    for (const auto& g : groups) {
      QUIVER_RETURN_NOT_OK(
          WriteFormatFile(*format_, (dir / g.dir / NewDataFileName(format_->extension())).string(),
                          data_schema, g.batches));
    }
  }
  for (const auto& f : old_files) fs::remove(f.path, ec);
  return Status::OK();
}

}  // namespace quiver
