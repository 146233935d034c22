// Hive-style partitioning: a table directory whose subdirectories are named
// `col=value` (one level per partition column, in order). Listing walks the
// levels and drops a directory as soon as a filter on the partition columns
// known at that depth rules it out, so its files are never listed or read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quiver/datasource/file_format.h"
#include "quiver/logical/expr.h"

namespace quiver {

/// Directory value that stands for NULL.
inline constexpr const char* kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

struct PartitionColumn {
  std::string name;
  DataTypePtr type;
};

/// Splits a `col=value` directory name (value percent-decoded); nullopt when
/// the name has no '='.
std::optional<std::pair<std::string, std::string>> SplitPartitionSegment(std::string_view name);

/// Percent-decodes `%XX` escapes (malformed escapes are kept as written).
std::string DecodePartitionValue(std::string_view v);
/// Escapes characters that cannot appear in a directory name, as `%XX`.
std::string EncodePartitionValue(std::string_view v);

/// One leaf partition directory: its raw values (nullopt = NULL) and files.
struct Partition {
  std::string dir;
  std::vector<std::optional<std::string>> values;
  std::vector<FileInfo> files;
};

struct PartitionListing {
  std::vector<Partition> partitions;  // not pruned, in path order
  int64_t directories_pruned = 0;     // at any depth
};

/// Decides from partition values whether a directory may hold matching rows.
class PartitionPruner {
 public:
  /// Keeps the filters that reference only partition columns.
  PartitionPruner(std::vector<PartitionColumn> columns, const std::vector<ExprPtr>& filters);
  /// False when a filter on the first `values.size()` columns is false or
  /// NULL for these values. Errors when a value does not parse as its type.
  Result<bool> MayMatch(const std::vector<std::optional<std::string>>& values) const;
  bool empty() const { return filters_.empty(); }

 private:
  std::vector<PartitionColumn> columns_;
  std::vector<std::pair<ExprPtr, size_t>> filters_;  // filter, columns it needs
};

/// True when `filter` references only columns named in `columns`.
bool OnlyPartitionColumns(const Expr& filter, const std::vector<PartitionColumn>& columns);

/// Lists the files with `extension` in the leaf partition directories under
/// `root` (files below a leaf are included, files above the leaves are not).
Result<PartitionListing> ListPartitions(const std::string& root,
                                        const std::vector<PartitionColumn>& columns,
                                        const std::string& extension,
                                        const PartitionPruner& pruner);

/// The `col` names of the directories above the first (up to 10) files under
/// `root`; an error when files disagree (DataFusion's check on CREATE).
Result<std::vector<std::string>> InferPartitionNames(const std::string& root,
                                                     const std::string& extension);

/// One array of `rows` copies of the raw value parsed as `type`.
Result<ArrayPtr> PartitionValueArray(const std::optional<std::string>& value,
                                     const DataTypePtr& type, int64_t rows);

}  // namespace quiver
