#include "quiver/datasource/file_format_registry.h"

#include <algorithm>
#include <cstring>

#include "quiver/datasource/arrow_format.h"
#include "quiver/datasource/avro_format.h"
#include "quiver/datasource/csv_format.h"
#include "quiver/datasource/json_format.h"
#include "quiver/datasource/parquet_format.h"

namespace quiver {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Status FileFormat::WriteFile(const std::string&, const SchemaPtr&,
                             const std::vector<RecordBatchPtr>&) const {
  return Status::NotImplemented("writing " + name() + " files");
}

std::pair<std::string, std::string> SplitCompressionSuffix(const std::string& path) {
  static const std::pair<const char*, const char*> kSuffixes[] = {
      {".gz", "gzip"}, {".bz2", "bzip2"}, {".xz", "xz"}, {".zst", "zstd"}};
  const std::string lower = Lower(path);
  for (const auto& [suffix, codec] : kSuffixes) {
    if (EndsWith(lower, suffix)) return {path.substr(0, path.size() - std::strlen(suffix)), codec};
  }
  return {path, ""};
}

FileFormatRegistry::FileFormatRegistry() {
  Register(std::make_shared<CsvFormatFactory>(CsvFormatFactory::Dialect::kCsv));
  Register(std::make_shared<CsvFormatFactory>(CsvFormatFactory::Dialect::kTsv));
  Register(std::make_shared<CsvFormatFactory>(CsvFormatFactory::Dialect::kTbl));
  Register(std::make_shared<ParquetFormatFactory>());
  Register(std::make_shared<AvroFormatFactory>());
  Register(std::make_shared<JsonFormatFactory>("json"));
  Register(std::make_shared<JsonFormatFactory>("ndjson"));
  Register(std::make_shared<ArrowFormatFactory>());
}

void FileFormatRegistry::Register(FileFormatFactoryPtr factory) {
  for (const auto& ext : factory->extensions()) by_extension_[Lower(ext)] = factory;
  by_name_[Lower(factory->name())] = std::move(factory);
}

Result<FileFormatFactoryPtr> FileFormatRegistry::Find(const std::string& name) const {
  auto it = by_name_.find(Lower(name));
  if (it != by_name_.end()) return it->second;
  std::string known;
  for (const auto& n : names()) known += (known.empty() ? "" : ", ") + n;
  return Status::NotImplemented("STORED AS " + name +
                                " is not a known file format (known: " + known + ")");
}

Result<FileFormatPtr> FileFormatRegistry::ForPath(const std::string& path,
                                                  const ConfigOptions& config,
                                                  FormatOptions options) const {
  auto [base, compression] = SplitCompressionSuffix(path);
  const std::string lower = Lower(base);
  const size_t dot = lower.rfind('.');
  const size_t slash = lower.rfind('/');
  auto it = dot == std::string::npos || (slash != std::string::npos && dot < slash)
                ? by_extension_.end()
                : by_extension_.find(lower.substr(dot));
  if (it == by_extension_.end()) {
    std::string known;
    for (const auto& [ext, f] : by_extension_) known += (known.empty() ? "" : ", ") + ext;
    return Status::Plan("Unable to infer the file format of '" + path +
                        "'; supported extensions: " + known);
  }
  FormatOptions all = it->second->PathDefaults();
  if (!compression.empty()) all.push_back({"compression", compression});
  all.insert(all.end(), options.begin(), options.end());
  return it->second->Create(all, config);
}

std::vector<std::string> FileFormatRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, f] : by_name_) out.push_back(name);
  return out;
}

}  // namespace quiver
