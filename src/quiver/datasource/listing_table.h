// ListingTable: a table over the files under a path, read with a FileFormat.
// Files are listed on every scan (so INSERTs and other writers show up), and
// Hive-style partition directories (`col=value/`) supply the trailing
// partition columns; filters on them prune directories before listing.
#pragma once

#include "quiver/datasource/file_format.h"
#include "quiver/datasource/partitioning.h"

namespace quiver {

class ListingTable : public TableProvider {
 public:
  /// Lists the files and infers the file schema unless one is given. The
  /// table schema is the file schema followed by the partition columns.
  static Result<std::shared_ptr<ListingTable>> Make(
      std::string path, FileFormatPtr format, SchemaPtr file_schema = nullptr,
      std::vector<PartitionColumn> partition_columns = {});

  SchemaPtr schema() const override { return schema_; }
  FilterPushDown SupportsFilterPushDown(const Expr& filter) const override;
  Result<ExecutionPlanPtr> Scan(const ScanArgs& args) override;
  /// Writes the rows as new files into the table directory (into partition
  /// subdirectories when partitioned); overwrite removes the old files.
  Status Insert(const std::vector<RecordBatchPtr>& batches, bool overwrite) override;

  const std::string& path() const { return path_; }
  const FileFormatPtr& format() const { return format_; }
  const std::vector<PartitionColumn>& partition_columns() const { return partition_columns_; }
  /// True when the path names a directory (trailing '/' or an existing one).
  bool is_collection() const;
  /// Files of an unpartitioned table, listed now.
  Result<std::vector<FileInfo>> ListTableFiles(const ConfigOptions* config) const;
  /// UNBOUNDED tables over one file append to it instead of adding files.
  void set_append_to_file(bool v) { append_to_file_ = v; }
  /// Those of a scan of every file (Parquet: from the footers).
  std::optional<Statistics> statistics() const override;

 private:
  ListingTable() = default;
  Status AppendToFile(const std::vector<RecordBatchPtr>& batches);
  std::string path_;
  FileFormatPtr format_;
  SchemaPtr file_schema_;
  SchemaPtr schema_;
  std::vector<PartitionColumn> partition_columns_;
  bool append_to_file_ = false;
};

/// True when `path` names a directory: it ends in '/' or is an existing one.
bool IsCollectionPath(const std::string& path);

}  // namespace quiver
