// Every file of parquet-testing/data with its outcome: read OK (row count and
// per-column non-null counts, checked against DuckDB's via
// expected/duckdb_counts.tsv) or the exact clean error (expected/outcomes.tsv).
// No file is skipped: a file missing from outcomes.tsv fails the test.
// Regenerate outcomes.tsv with QUIVER_REGEN_PARQUET_OUTCOMES=1 and review the
// diff; regenerate duckdb_counts.tsv with expected/regen_duckdb_counts.sh.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "quiver/datasource/parquet/file_reader.h"
#include "quiver/datasource/parquet/row_group_reader.h"

namespace quiver::parquet {
namespace {

namespace fs = std::filesystem;

fs::path DataDir() {
  const char* env = std::getenv("QUIVER_SHARED_DIR");
  return fs::path(env ? env : QUIVER_SHARED_DIR) / "datafusion-tests/parquet-testing/data";
}

fs::path ExpectedDir() {
  return fs::path(QUIVER_SOURCE_DIR) / "tests/unit/datasource/parquet/expected";
}

std::map<std::string, std::string> ReadTsv(const fs::path& p) {
  std::map<std::string, std::string> m;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab != std::string::npos) m[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return m;
}

// The error text with the corpus directory replaced by "<data>".
std::string Error(const Status& st) {
  std::string s = st.ToString();
  const std::string dir = DataDir().string() + "/";
  for (size_t at; (at = s.find(dir)) != std::string::npos;) s.replace(at, dir.size(), "<data>/");
  return "ERROR " + s;
}

// Decoding inflates it to over 2 GB (40 s and 7 GB of memory): its footer is
// checked unless QUIVER_PARQUET_SLOW is set. Its two 1 GiB strings exceed
// what one array's 32-bit offsets address, so it is read batch by batch
// (each batch stops before 2 GB of strings).
constexpr const char* kSlowFile = "large_string_map.brotli.parquet";

// "n,c1,c2,..." for a readable file, "ERROR <message>" otherwise.
std::string Outcome(const std::string& path, std::string* counts) {
  auto reader = OpenParquetFile(path);
  if (!reader.ok()) return Error(reader.status());
  if (fs::path(path).filename() == kSlowFile && !std::getenv("QUIVER_PARQUET_SLOW")) {
    return "FOOTER-ONLY rows=" + std::to_string((*reader)->num_rows());
  }
  const int nf = (*reader)->schema()->num_fields();
  std::vector<int64_t> non_null(nf, 0);
  int64_t rows = 0;
  std::vector<int> all(nf);
  for (int c = 0; c < nf; ++c) all[c] = c;
  for (int rg = 0; rg < (*reader)->num_row_groups(); ++rg) {
    auto batches = RowGroupBatchReader::Open(*reader, rg, all);
    if (!batches.ok()) return Error(batches.status());
    while (true) {
      auto batch = (*batches)->Next(kDefaultBatchSize);
      if (!batch.ok()) return Error(batch.status());
      if (!*batch) break;
      rows += (*batch)->num_rows();
      for (int c = 0; c < nf; ++c) {
        const auto& a = (*batch)->column(c);
        non_null[c] += a->length() - a->null_count();
      }
    }
  }
  *counts = std::to_string(rows);
  for (int64_t v : non_null) *counts += "," + std::to_string(v);
  return "OK " + *counts;
}

TEST(ParquetOutcome, EveryCorpusFile) {
  if (!fs::exists(DataDir())) GTEST_SKIP() << "no parquet-testing corpus";
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(DataDir())) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.find(".parquet") != std::string::npos &&
        e.path().extension() != ".json") {
      files.push_back(fs::relative(e.path(), DataDir()).string());
    }
  }
  std::sort(files.begin(), files.end());
  const bool regen = std::getenv("QUIVER_REGEN_PARQUET_OUTCOMES") != nullptr;
  auto expected = ReadTsv(ExpectedDir() / "outcomes.tsv");
  auto duckdb = ReadTsv(ExpectedDir() / "duckdb_counts.tsv");
  std::ofstream out;
  if (regen) out.open(ExpectedDir() / "outcomes.tsv");
  int ok = 0, errors = 0, duck_checked = 0;
  for (const auto& f : files) {
    SCOPED_TRACE(f);
    std::string counts;
    std::string outcome = Outcome((DataDir() / f).string(), &counts);
    if (regen) out << f << '\t' << outcome << '\n';
    (counts.empty() ? errors : ok)++;
    auto it = expected.find(f);
    if (!regen) {
      ASSERT_NE(it, expected.end()) << "no expected outcome for " << f << ": " << outcome;
      // Read in full, the slow file is checked against DuckDB's counts below.
      if (it->second.rfind("FOOTER-ONLY", 0) != 0 || outcome.rfind("OK ", 0) != 0) {
        EXPECT_EQ(outcome, it->second);
      }
    }
    auto d = duckdb.find(f);
    if (!counts.empty() && d != duckdb.end() && d->second != "duckdb-error") {
      EXPECT_EQ(counts, d->second) << "row / non-null counts differ from DuckDB's";
      ++duck_checked;
    }
  }
  std::cout << files.size() << " files: " << ok << " read, " << errors << " clean errors, "
            << duck_checked << " checked against DuckDB\n";
}

}  // namespace
}  // namespace quiver::parquet
