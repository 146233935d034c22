// Reading Parquet into Arrow: every parquet-testing file with its outcome,
// the expected-value CSVs shipped beside some files, and spot checks.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "quiver/arrow/array.h"
#include "quiver/datasource/parquet/file_reader.h"

namespace quiver::parquet {
namespace {

namespace fs = std::filesystem;

fs::path DataDir() {
  const char* env = std::getenv("QUIVER_SHARED_DIR");
  return fs::path(env ? env : QUIVER_SHARED_DIR) / "datafusion-tests/parquet-testing/data";
}

Result<std::vector<RecordBatchPtr>> ReadFile(const std::string& path) {
  QUIVER_ASSIGN_OR_RAISE(auto reader, OpenParquetFile(path));
  return reader->ReadAll();
}

// Files that must not read, with a fragment of the expected error.
const std::map<std::string, std::string>& ExpectedFailures() {
  static const std::map<std::string, std::string> m = {
      {"datapage_v1-corrupt-checksum.parquet", "CRC"},
      {"rle-dict-uncompressed-corrupt-checksum.parquet", "CRC"},
      {"nation.dict-malformed.parquet", "runs past the column chunk"},
      // Years nanoseconds cannot hold (read with coerce_int96 'us' elsewhere).
      {"int96_from_spark.parquet", "out of range for Timestamp(Nanosecond"},
      // Over 2 GB of strings in one row group: whole-row-group reading cannot
      // hold them in one array (batch reading can: parquet_outcome_test).
      {"large_string_map.brotli.parquet", "2 GB"},
  };
  return m;
}

TEST(ParquetReader, EveryCorpusFile) {
  if (!fs::exists(DataDir())) GTEST_SKIP() << "no parquet-testing corpus";
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(DataDir())) {
    if (e.is_regular_file() && e.path().filename().string().find(".parquet") != std::string::npos &&
        e.path().extension() != ".json") {
      files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  int ok = 0;
  std::ostringstream report;
  for (const auto& path : files) {
    const std::string name = fs::relative(path, DataDir()).string();
    if (name == "large_string_map.brotli.parquet") {
      // Decompressing it takes seconds; it is checked by its footer only.
      report << "  SKIPPED(2GB) " << name << "\n";
      continue;
    }
    auto batches = ReadFile(path);
    int64_t rows = 0;
    if (batches.ok()) {
      for (const auto& b : *batches) {
        EXPECT_TRUE(b->Validate().ok()) << name;
        rows += b->num_rows();
      }
      ++ok;
      report << "  OK " << name << " rows=" << rows << "\n";
    } else {
      report << "  ERR " << name << ": " << batches.status().ToString() << "\n";
    }
    const Status& st = batches.status();
    auto it = ExpectedFailures().find(fs::path(path).filename().string());
    if (name.find(".encrypted") != std::string::npos) {
      EXPECT_EQ(st.kind(), ErrorKind::kNotImplemented) << name << ": " << st.ToString();
    } else if (it != ExpectedFailures().end()) {
      EXPECT_FALSE(st.ok()) << name;
      EXPECT_NE(st.message().find(it->second), std::string::npos) << name << ": " << st.ToString();
    } else {
      EXPECT_TRUE(st.ok()) << name << ": " << st.ToString();
    }
  }
  std::cout << "parquet-testing outcomes (" << ok << "/" << files.size() << " read):\n"
            << report.str();
}

// Corrupt and fuzzed files: reading them must end in an error or a valid
// batch, never a crash (this test is also run under ASan/UBSan).
TEST(ParquetReader, BadFilesFailCleanly) {
  fs::path root = DataDir().parent_path().parent_path();
  int n = 0, errors = 0;
  for (const char* sub : {"parquet-testing/bad_data", "testing/data/parquet"}) {
    if (!fs::exists(root / sub)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root / sub)) {
      if (!e.is_regular_file()) continue;
      auto ext = e.path().extension().string();
      if (ext == ".md" || ext == ".json" || ext == ".proto") continue;
      auto batches = ReadFile(e.path().string());
      if (batches.ok()) {
        for (const auto& b : *batches) EXPECT_TRUE(b->Validate().ok()) << e.path();
      } else {
        ++errors;
      }
      ++n;
    }
  }
  if (n == 0) GTEST_SKIP() << "no bad-data corpus";
  std::cout << "bad/fuzzed files: " << n << " read attempts, " << errors << " clean errors\n";
}

// Text of one cell as the expectation CSVs write it ("" for null).
std::string Cell(const Array& a, int64_t i) {
  if (a.IsNull(i)) return "";
  switch (a.type_id()) {
    case TypeId::kInt32: return std::to_string(static_cast<const Int32Array&>(a).Value(i));
    case TypeId::kInt64: return std::to_string(static_cast<const Int64Array&>(a).Value(i));
    case TypeId::kUtf8:
    case TypeId::kBinary: return static_cast<const StringArray&>(a).GetString(i);
    default: return "<" + a.type()->ToString() + ">";
  }
}

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

void CompareWithCsv(const std::string& parquet, const std::string& csv) {
  auto batches = ReadFile((DataDir() / parquet).string());
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  std::ifstream in(DataDir() / csv);
  std::string line;
  std::getline(in, line);
  const auto header = SplitCsv(line);
  int64_t row = 0;
  for (const auto& b : *batches) {
    ASSERT_EQ(b->num_columns(), static_cast<int>(header.size()));
    for (int64_t r = 0; r < b->num_rows(); ++r, ++row) {
      ASSERT_TRUE(std::getline(in, line)) << "more rows than " << csv;
      auto cells = SplitCsv(line);
      ASSERT_EQ(cells.size(), header.size());
      for (int c = 0; c < b->num_columns(); ++c) {
        ASSERT_EQ(Cell(*b->column(c), r), cells[c]) << parquet << " row " << row << " col " << c;
      }
    }
  }
  EXPECT_FALSE(std::getline(in, line) && !line.empty()) << "fewer rows than " << csv;
}

TEST(ParquetReader, ExpectedCsvValues) {
  if (!fs::exists(DataDir())) GTEST_SKIP();
  CompareWithCsv("delta_binary_packed.parquet", "delta_binary_packed_expect.csv");
  CompareWithCsv("delta_byte_array.parquet", "delta_byte_array_expect.csv");
  CompareWithCsv("delta_encoding_optional_column.parquet",
                 "delta_encoding_optional_column_expect.csv");
  CompareWithCsv("delta_encoding_required_column.parquet",
                 "delta_encoding_required_column_expect.csv");
}

TEST(ParquetReader, AllTypesPlainSpotCheck) {
  if (!fs::exists(DataDir())) GTEST_SKIP();
  for (const char* f :
       {"alltypes_plain.parquet", "alltypes_plain.snappy.parquet", "alltypes_dictionary.parquet"}) {
    auto batches = ReadFile((DataDir() / f).string());
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    const auto& b = (*batches)[0];
    EXPECT_EQ(b->schema()->field(0)->name(), "id");
    const auto& id = static_cast<const Int32Array&>(*b->column(0));
    const auto& flag = static_cast<const BooleanArray&>(*b->column(1));
    const auto& ts = *b->column(10);
    EXPECT_EQ(ts.type()->ToString(), "Timestamp(Nanosecond, None)");
    if (std::string(f) == "alltypes_plain.parquet") {
      ASSERT_EQ(b->num_rows(), 8);
      EXPECT_EQ(id.Value(0), 4);
      EXPECT_EQ(id.Value(7), 1);
      EXPECT_TRUE(flag.Value(0));
      EXPECT_FALSE(flag.Value(1));
      // 2009-03-01 00:00:00 as nanoseconds.
      EXPECT_EQ(static_cast<const Int64Array&>(ts).Value(0), 1235865600000000000);
      EXPECT_EQ(static_cast<const StringArray&>(*b->column(9)).GetString(0), "0");
    }
  }
}

TEST(ParquetReader, NestedSpotChecks) {
  if (!fs::exists(DataDir())) GTEST_SKIP();
  auto batches = ReadFile((DataDir() / "nested_lists.snappy.parquet").string());
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  const auto& b = (*batches)[0];
  EXPECT_EQ(b->num_rows(), 3);
  EXPECT_EQ(b->column(0)->type_id(), TypeId::kList);

  auto maps = ReadFile((DataDir() / "nested_maps.snappy.parquet").string());
  ASSERT_TRUE(maps.ok()) << maps.status().ToString();
  EXPECT_EQ((*maps)[0]->column(0)->type_id(), TypeId::kMap);

  auto nulls = ReadFile((DataDir() / "null_list.parquet").string());
  ASSERT_TRUE(nulls.ok()) << nulls.status().ToString();
  const auto& l = static_cast<const ListArray&>(*(*nulls)[0]->column(0));
  EXPECT_EQ(l.length(), 1);
  EXPECT_EQ(l.value_length(0), 0);
}

}  // namespace
}  // namespace quiver::parquet
