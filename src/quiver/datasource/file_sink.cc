#include "quiver/datasource/file_sink.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/datasource/partitioning.h"

namespace quiver {

namespace fs = std::filesystem;

std::string NewDataFileName(const std::string& extension) {
  static std::atomic<uint64_t> counter{0};
  auto t = static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%016llx%04llx", static_cast<unsigned long long>(t),
                static_cast<unsigned long long>(counter++ & 0xffff));
  return std::string(buf) + extension;
}

Status WriteAtomically(const std::string& path,
                       const std::function<Status(const std::string& tmp_path)>& write) {
  fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), ec);
    if (ec)
      return Status::IO("cannot create " + target.parent_path().string() + ": " + ec.message());
  }
  // A hidden name: listings skip it until the rename.
  fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".tmp");
  Status st = write(tmp.string());
  if (!st.ok()) {
    fs::remove(tmp, ec);
    return st;
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::IO("cannot rename to " + path + ": " + ec.message());
  }
  return Status::OK();
}

Status WriteFormatFile(const FileFormat& format, const std::string& path, const SchemaPtr& schema,
                       const std::vector<RecordBatchPtr>& batches) {
  return WriteAtomically(
      path, [&](const std::string& tmp) { return format.WriteFile(tmp, schema, batches); });
}

Result<std::vector<PartitionGroup>> SplitByPartition(const SchemaPtr& schema,
                                                     const std::vector<RecordBatchPtr>& batches,
                                                     const std::vector<int>& partition,
                                                     bool keep_partition_columns,
                                                     SchemaPtr* data_schema) {
  std::vector<FieldPtr> fields;
  std::vector<int> data_cols;
  for (int i = 0; i < schema->num_fields(); ++i) {
    bool is_part = std::find(partition.begin(), partition.end(), i) != partition.end();
    if (keep_partition_columns || !is_part) {
      fields.push_back(schema->field(i));
      data_cols.push_back(i);
    }
  }
  *data_schema = quiver::schema(std::move(fields));
  std::vector<PartitionGroup> groups;
  std::map<std::string, size_t> index;
  for (const auto& b : batches) {
    // Row indices per directory, in first-seen order within the batch.
    std::vector<std::pair<std::string, std::vector<int64_t>>> rows;
    std::map<std::string, size_t> local;
    for (int64_t r = 0; r < b->num_rows(); ++r) {
      std::string dir;
      for (size_t k = 0; k < partition.size(); ++k) {
        const Array& col = *b->column(partition[k]);
        std::string v =
            col.IsNull(r) ? kHiveDefaultPartition : EncodePartitionValue(FormatValue(col, r));
        dir += (k ? "/" : "") + schema->field(partition[k])->name() + "=" + v;
      }
      auto [it, inserted] = local.emplace(dir, rows.size());
      if (inserted) rows.emplace_back(dir, std::vector<int64_t>{});
      rows[it->second].second.push_back(r);
    }
    for (auto& [dir, idx] : rows) {
      UInt64Builder ib(uint64());
      for (int64_t r : idx) QUIVER_RETURN_NOT_OK(ib.Append(static_cast<uint64_t>(r)));
      QUIVER_ASSIGN_OR_RAISE(auto take, ib.Finish());
      std::vector<ArrayPtr> out;
      for (int c : data_cols) {
        QUIVER_ASSIGN_OR_RAISE(auto a, compute::Take(b->column(c), *take));
        out.push_back(std::move(a));
      }
      auto [it, inserted] = index.emplace(dir, groups.size());
      if (inserted) groups.push_back({dir, {}});
      groups[it->second].batches.push_back(
          RecordBatch::Make(*data_schema, static_cast<int64_t>(idx.size()), std::move(out)));
    }
  }
  return groups;
}

}  // namespace quiver
