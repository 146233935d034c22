#include "quiver/datasource/partitioning.h"

#include <algorithm>
#include <filesystem>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/common/df_schema.h"
#include "quiver/physical/create_physical_expr.h"
#include "quiver/physical/physical_expr.h"

namespace quiver {

namespace fs = std::filesystem;

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Hidden(const std::string& name) { return !name.empty() && (name[0] == '.' || name[0] == '_'); }

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Every file with `extension` under `dir`, recursively, hidden entries skipped.
void ListFilesUnder(const fs::path& dir, const std::string& extension, std::vector<FileInfo>* out) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (Hidden(it->path().filename().string())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    std::string p = it->path().string();
    if (!extension.empty() && !EndsWith(p, extension)) continue;
    out->push_back({p, static_cast<int64_t>(it->file_size(ec))});
  }
}

// Sorted subdirectories of `dir` (hidden ones skipped).
std::vector<fs::path> SubDirectories(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (it->is_directory(ec) && !Hidden(it->path().filename().string())) {
      out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Column references without qualifiers: filters arrive qualified by the
// table name, partition values are evaluated against a bare schema.
Result<ExprPtr> StripQualifiers(const ExprPtr& e) {
  return TransformUp(e, [](const ExprPtr& n) -> Result<ExprPtr> {
    if (n->kind != ExprKind::kColumn || !n->column.relation) return ExprPtr();
    return Col(Column::Named(n->column.name));
  });
}

}  // namespace

std::optional<std::pair<std::string, std::string>> SplitPartitionSegment(std::string_view name) {
  size_t eq = name.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  return std::make_pair(std::string(name.substr(0, eq)), DecodePartitionValue(name.substr(eq + 1)));
}

std::string DecodePartitionValue(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '%' && i + 2 < v.size()) {
      int hi = HexDigit(v[i + 1]), lo = HexDigit(v[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += v[i];
  }
  return out;
}

std::string EncodePartitionValue(std::string_view v) {
  std::string out;
  for (char c : v) {
    auto u = static_cast<unsigned char>(c);
    if (c == '/' || c == '%' || c == '=' || c == '\\' || u < 32 || u == 127) {
      char buf[4];
      std::snprintf(buf, sizeof(buf), "%%%02X", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

bool OnlyPartitionColumns(const Expr& filter, const std::vector<PartitionColumn>& columns) {
  std::vector<Column> used;
  CollectColumns(std::make_shared<Expr>(filter), &used);
  if (used.empty()) return false;
  for (const auto& c : used) {
    bool found = false;
    for (const auto& p : columns) found = found || p.name == c.name;
    if (!found) return false;
  }
  return true;
}

PartitionPruner::PartitionPruner(std::vector<PartitionColumn> columns,
                                 const std::vector<ExprPtr>& filters)
    : columns_(std::move(columns)) {
  for (const auto& f : filters) {
    if (!OnlyPartitionColumns(*f, columns_)) continue;
    std::vector<Column> used;
    CollectColumns(f, &used);
    size_t needed = 0;
    for (const auto& c : used) {
      for (size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i].name == c.name) needed = std::max(needed, i + 1);
      }
    }
    auto stripped = StripQualifiers(f);
    if (stripped.ok()) filters_.emplace_back(*stripped, needed);
  }
}

Result<bool> PartitionPruner::MayMatch(
    const std::vector<std::optional<std::string>>& values) const {
  bool any = false;
  for (const auto& f : filters_) any = any || f.second <= values.size();
  if (!any) return true;
  std::vector<FieldPtr> fields;
  std::vector<ArrayPtr> cols;
  for (size_t i = 0; i < columns_.size(); ++i) {
    fields.push_back(field(columns_[i].name, columns_[i].type, true));
    std::optional<std::string> v = i < values.size() ? values[i] : std::nullopt;
    QUIVER_ASSIGN_OR_RAISE(auto a, PartitionValueArray(v, columns_[i].type, 1));
    cols.push_back(std::move(a));
  }
  auto s = schema(std::move(fields));
  auto batch = RecordBatch::Make(s, 1, std::move(cols));
  auto df = DFSchema::FromArrow(s, std::nullopt);
  for (const auto& [filter, needed] : filters_) {
    if (needed > values.size()) continue;
    QUIVER_ASSIGN_OR_RAISE(auto pe, CreatePhysicalExpr(filter, *df));
    QUIVER_ASSIGN_OR_RAISE(auto out, pe->EvaluateToArray(*batch));
    if (out->type()->id() != TypeId::kBoolean) continue;
    const auto& b = static_cast<const BooleanArray&>(*out);
    if (b.IsNull(0) || !b.Value(0)) return false;
  }
  return true;
}

Result<PartitionListing> ListPartitions(const std::string& root,
                                        const std::vector<PartitionColumn>& columns,
                                        const std::string& extension,
                                        const PartitionPruner& pruner) {
  PartitionListing out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return out;  // no files written yet
  // Depth-first over the partition levels, in path order.
  struct Pending {
    fs::path dir;
    std::vector<std::optional<std::string>> values;
  };
  std::vector<Pending> stack{{fs::path(root), {}}};
  while (!stack.empty()) {
    Pending cur = std::move(stack.back());
    stack.pop_back();
    if (cur.values.size() == columns.size()) {
      Partition p;
      p.dir = cur.dir.string();
      p.values = std::move(cur.values);
      ListFilesUnder(cur.dir, extension, &p.files);
      std::sort(p.files.begin(), p.files.end(),
                [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
      if (!p.files.empty()) out.partitions.push_back(std::move(p));
      continue;
    }
    const std::string& want = columns[cur.values.size()].name;
    auto subdirs = SubDirectories(cur.dir);
    // Reverse so that popping from the stack visits them in order.
    for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) {
      auto kv = SplitPartitionSegment(it->filename().string());
      if (!kv || kv->first != want) continue;
      Pending next{*it, cur.values};
      if (kv->second == kHiveDefaultPartition) {
        next.values.push_back(std::nullopt);
      } else {
        next.values.push_back(kv->second);
      }
      QUIVER_ASSIGN_OR_RAISE(bool keep, pruner.MayMatch(next.values));
      if (!keep) {
        ++out.directories_pruned;
        continue;
      }
      stack.push_back(std::move(next));
    }
  }
  return out;
}

Result<std::vector<std::string>> InferPartitionNames(const std::string& root,
                                                     const std::string& extension) {
  std::vector<FileInfo> files;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return std::vector<std::string>{};
  ListFilesUnder(fs::path(root), extension, &files);
  std::sort(files.begin(), files.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  if (files.size() > 10) files.resize(10);
  std::optional<std::vector<std::string>> first;
  for (const auto& f : files) {
    fs::path rel = fs::path(f.path).lexically_relative(fs::path(root)).parent_path();
    std::vector<std::string> names;
    for (const auto& seg : rel) {
      std::string s = seg.string();
      if (s.empty() || s == ".") continue;
      names.push_back(s.substr(0, s.find('=')));
    }
    if (!first) {
      first = names;
    } else if (*first != names) {
      std::vector<std::vector<std::string>> both{*first, names};
      std::sort(both.begin(), both.end());
      auto list = [](const std::vector<std::string>& v) {
        std::string s = "[";
        for (size_t i = 0; i < v.size(); ++i) s += (i ? ", \"" : "\"") + v[i] + "\"";
        return s + "]";
      };
      return Status::Plan("Found mixed partition values on disk [" + list(both[0]) + ", " +
                          list(both[1]) + "]");
    }
  }
  return first.value_or(std::vector<std::string>{});
}

Result<ArrayPtr> PartitionValueArray(const std::optional<std::string>& value,
                                     const DataTypePtr& type, int64_t rows) {
  StringBuilder b(utf8());
  if (value) {
    QUIVER_RETURN_NOT_OK(b.Append(*value));
  } else {
    QUIVER_RETURN_NOT_OK(b.AppendNull());
  }
  QUIVER_ASSIGN_OR_RAISE(ArrayPtr one, b.Finish());
  if (type->id() != TypeId::kUtf8) {
    QUIVER_ASSIGN_OR_RAISE(one, compute::Cast(one, type));
  }
  if (rows == 1) return one;
  return DatumToArray(compute::Datum::Scalar(one), rows);
}

}  // namespace quiver
