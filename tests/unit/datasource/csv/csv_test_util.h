// Helpers shared by the CSV tests: temp dirs, reading to rows of text.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "quiver/arrow/pretty_print.h"
#include "quiver/datasource/csv/csv_reader.h"

namespace quiver::csv::testing {

inline std::string SharedDir() {
  const char* env = std::getenv("QUIVER_SHARED_DIR");
  return env ? env : QUIVER_SHARED_DIR;
}
inline std::string DfData(const std::string& name) {
  return SharedDir() + "/datafusion-tests/datafusion/core/tests/data/" + name;
}
inline std::string TestingCsv(const std::string& name) {
  return SharedDir() + "/datafusion-tests/testing/data/csv/" + name;
}

/// A mkdtemp directory removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "quiver_csv_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

 private:
  std::string path_;
};

/// Every row as display text, "NULL" for nulls, fields joined by '|'.
inline std::vector<std::string> Rows(const std::vector<RecordBatchPtr>& batches) {
  std::vector<std::string> out;
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b->num_rows(); ++r) {
      std::string row;
      for (int c = 0; c < b->num_columns(); ++c) {
        if (c > 0) row += "|";
        const Array& a = *b->column(c);
        row += a.IsNull(r) ? "NULL" : FormatValue(a, r);
      }
      out.push_back(row);
    }
  }
  return out;
}

/// Reads everything of a reader (or returns the error).
inline Result<std::vector<RecordBatchPtr>> Drain(CsvBatchReader* reader) {
  std::vector<RecordBatchPtr> out;
  for (;;) {
    QUIVER_ASSIGN_OR_RAISE(auto b, reader->Next());
    if (!b) return out;
    out.push_back(std::move(b));
  }
}

/// Reads CSV text held in memory.
inline Result<std::vector<RecordBatchPtr>> ReadText(const std::string& text,
                                                    const CsvReadOptions& options,
                                                    CsvRange range = {},
                                                    std::vector<int> projection = {}) {
  QUIVER_ASSIGN_OR_RAISE(auto reader, OpenCsvRange(MakeMemorySource(text, "mem.csv"), options,
                                                   range, std::move(projection)));
  return Drain(reader.get());
}

}  // namespace quiver::csv::testing
