// Writing table data as files: one new file per write, Hive-style partition
// directories for partitioned output. Shared by INSERT into listing tables
// and COPY TO.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "quiver/datasource/file_format.h"

namespace quiver {

/// A file name unlikely to clash with earlier writes into the same directory.
std::string NewDataFileName(const std::string& extension);

/// Runs `write` on a hidden temporary path beside `path` (parents created),
/// then renames it to `path`, so readers never see a partial file.
Status WriteAtomically(const std::string& path,
                       const std::function<Status(const std::string& tmp_path)>& write);

/// Writes `batches` as the file `path` with `format` (FileFormat::WriteFile),
/// atomically.
Status WriteFormatFile(const FileFormat& format, const std::string& path, const SchemaPtr& schema,
                       const std::vector<RecordBatchPtr>& batches);

/// Rows that share partition values: their directory ("a=1/b=x") and the
/// batches of the data columns.
struct PartitionGroup {
  std::string dir;
  std::vector<RecordBatchPtr> batches;
};

/// Splits rows by the values of the columns `partition` (indices into
/// `schema`), in first-seen order. The data batches drop the partition
/// columns unless `keep_partition_columns`; their schema goes to *data_schema.
Result<std::vector<PartitionGroup>> SplitByPartition(const SchemaPtr& schema,
                                                     const std::vector<RecordBatchPtr>& batches,
                                                     const std::vector<int>& partition,
                                                     bool keep_partition_columns,
                                                     SchemaPtr* data_schema);

}  // namespace quiver
