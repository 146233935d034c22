#include "quiver/execution/copy_to.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/datasource/file_format_registry.h"
#include "quiver/datasource/file_sink.h"
#include "quiver/execution/session_state.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

namespace fs = std::filesystem;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string OptionText(const sql::SqlOption& o) {
  if (!o.value) return "";
  if (o.value->kind == sql::ExprKind::kLiteral) return o.value->value;
  if (o.value->kind == sql::ExprKind::kIdentifier && !o.value->names.empty()) {
    return o.value->names.back().value;
  }
  return o.value->value;
}

// A file name unlikely to clash with earlier writes into the same directory.
std::string UniqueName(const std::string& ext) {
  static std::atomic<uint64_t> counter{0};
  uint64_t t = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%016llx%04llx", static_cast<unsigned long long>(t),
                static_cast<unsigned long long>(counter++ & 0xffff));
  return std::string(buf) + ext;
}

// Escapes a partition value for a directory name.
std::string PartitionValue(const Array& a, int64_t i) {
  if (a.IsNull(i)) return "__HIVE_DEFAULT_PARTITION__";
  std::string v = FormatValue(a, i), out;
  for (char c : v) {
    if (c == '/' || c == '%' || c == '=' || static_cast<unsigned char>(c) < 32) {
      char buf[4];
      std::snprintf(buf, sizeof(buf), "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

Result<int64_t> WritePartitioned(const FileFormat& format, const std::string& dir,
                                 const SchemaPtr& schema,
                                 const std::vector<RecordBatchPtr>& batches,
                                 const std::vector<std::string>& cols, bool keep,
                                 const std::string& ext) {
  std::vector<int> part;
  for (const auto& c : cols) {
    int i = schema->GetFieldIndex(c);
    if (i < 0) return Status::Plan("Partition column " + c + " not found in the COPY source");
    part.push_back(i);
  }
  std::vector<FieldPtr> fields;
  std::vector<int> data_cols;
  for (int i = 0; i < schema->num_fields(); ++i) {
    if (keep || std::find(part.begin(), part.end(), i) == part.end()) {
      fields.push_back(schema->field(i));
      data_cols.push_back(i);
    }
  }
  auto out_schema = quiver::schema(fields);
  // Rows of each partition directory, in first-seen order.
  std::map<std::string, std::vector<RecordBatchPtr>> groups;
  std::vector<std::string> order;
  int64_t rows = 0;
  for (const auto& b : batches) {
    std::map<std::string, std::vector<int64_t>> idx;
    for (int64_t r = 0; r < b->num_rows(); ++r) {
      std::string key;
      for (size_t k = 0; k < part.size(); ++k) {
        key += (k ? "/" : "") + cols[k] + "=" + PartitionValue(*b->column(part[k]), r);
      }
      idx[key].push_back(r);
    }
    for (auto& [key, rws] : idx) {
      UInt64Builder ib(uint64());
      for (int64_t r : rws) QUIVER_RETURN_NOT_OK(ib.Append(static_cast<uint64_t>(r)));
      QUIVER_ASSIGN_OR_RAISE(auto take, ib.Finish());
      std::vector<ArrayPtr> out;
      for (int c : data_cols) {
        QUIVER_ASSIGN_OR_RAISE(auto a, compute::Take(b->column(c), *take));
        out.push_back(std::move(a));
      }
      if (!groups.count(key)) order.push_back(key);
      groups[key].push_back(
          RecordBatch::Make(out_schema, static_cast<int64_t>(rws.size()), std::move(out)));
      rows += static_cast<int64_t>(rws.size());
    }
  }
  for (const auto& key : order) {
    QUIVER_RETURN_NOT_OK(WriteFormatFile(format, (fs::path(dir) / key / UniqueName(ext)).string(),
                                         out_schema, groups[key]));
  }
  return rows;
}

}  // namespace

Result<int64_t> RunCopyTo(const std::shared_ptr<SessionState>& state, const sql::Copy& copy) {
  SqlToRel planner(state.get());
  LogicalPlanPtr plan;
  if (copy.source_query) {
    QUIVER_ASSIGN_OR_RAISE(plan, planner.PlanQuery(*copy.source_query));
  } else {
    QUIVER_ASSIGN_OR_RAISE(auto ref, SqlToRel::ToTableReference(copy.source_table));
    QUIVER_ASSIGN_OR_RAISE(auto source, state->GetTable(ref, false));
    QUIVER_ASSIGN_OR_RAISE(plan, MakeTableScan(ref, source));
  }
  const std::string& target = copy.target;
  const bool is_dir = !target.empty() && target.back() == '/';
  std::string format = Lower(copy.stored_as);
  std::string implied_compression;
  if (format.empty() && !is_dir) {
    auto [base, compression] = SplitCompressionSuffix(target);
    std::string ext = Lower(fs::path(base).extension().string());
    if (!ext.empty()) format = ext.substr(1);
    implied_compression = compression;
  }
  if (format.empty()) {
    return Status::Configuration(
        "Format not explicitly set and unable to get file extension! Use STORED AS to define "
        "file format.");
  }
  bool keep = false;
  FormatOptions options;
  if (!implied_compression.empty()) options.push_back({"compression", implied_compression});
  for (const auto& o : copy.options) {
    std::string key = Lower(o.key);
    if (key == "execution.keep_partition_by_columns") {
      keep = Lower(OptionText(o)) == "true";
      continue;
    }
    if (key.rfind("format.", 0) == 0) key = key.substr(7);
    options.push_back({key, OptionText(o)});
  }
  QUIVER_ASSIGN_OR_RAISE(auto factory, state->file_formats().Find(format));
  QUIVER_ASSIGN_OR_RAISE(auto writer, factory->Create(options, state->config()));
  QUIVER_ASSIGN_OR_RAISE(auto batches, state->Execute(plan));
  SchemaPtr schema = plan->schema->ToArrow();
  std::vector<RecordBatchPtr> fixed;
  int64_t rows = 0;
  for (const auto& b : batches) {
    rows += b->num_rows();
    fixed.push_back(b->WithSchema(schema));
  }
  const std::string ext = writer->extension();
  if (!copy.partitioned_by.empty()) {
    std::vector<std::string> cols;
    for (const auto& id : copy.partitioned_by) cols.push_back(id.value);
    return WritePartitioned(*writer, target, schema, fixed, cols, keep, ext);
  }
  std::string path = is_dir ? (fs::path(target) / UniqueName(ext)).string() : target;
  QUIVER_RETURN_NOT_OK(WriteFormatFile(*writer, path, schema, fixed));
  return rows;
}

}  // namespace quiver
