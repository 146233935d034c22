// Reads the SQL of every record of DataFusion's sqllogictest corpus.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace quiver::sql::testing {

struct CorpusRecord {
  std::string file;
  int line = 0;
  std::string sql;
  bool expect_ok = false;     // statement ok / query without error
  std::string error_pattern;  // the regex after `statement error` / `query error`
};

inline std::string CorpusDir() {
  const char* env = std::getenv("QUIVER_SHARED_DIR");
  std::string shared = env && *env ? env : QUIVER_SHARED_DIR;
  return shared + "/datafusion-tests/datafusion/sqllogictest/test_files";
}

inline bool StartsWith(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

inline void ReadRecords(const std::filesystem::path& path, std::vector<CorpusRecord>* out) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(std::move(l));
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& head = lines[i];
    bool statement = StartsWith(head, "statement ");
    bool query = StartsWith(head, "query ") || head == "query";
    if (!statement && !query) continue;
    CorpusRecord rec;
    rec.file = path.filename().string();
    rec.line = static_cast<int>(i + 1);
    rec.expect_ok = statement
                        ? (StartsWith(head, "statement ok") || StartsWith(head, "statement count"))
                        : !StartsWith(head, "query error");
    size_t err = head.find(" error");
    if (!rec.expect_ok && err != std::string::npos && err + 7 < head.size()) {
      rec.error_pattern = head.substr(err + 7);
    }
    size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      const std::string& l = lines[j];
      if (l.empty() || l == "----" || StartsWith(l, "----")) break;
      if (l[0] == '#') continue;
      rec.sql += l;
      rec.sql += '\n';
    }
    i = j;
    if (!rec.sql.empty()) out->push_back(std::move(rec));
  }
}

inline std::vector<CorpusRecord> LoadCorpus() {
  std::vector<CorpusRecord> out;
  std::filesystem::path dir = CorpusDir();
  if (!std::filesystem::exists(dir)) return out;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (!e.is_regular_file()) continue;
    if (name.size() > 4 && (name.ends_with(".slt") || name.ends_with(".slt.part"))) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) ReadRecords(f, &out);
  return out;
}

}  // namespace quiver::sql::testing
