// The generator against dbgen's reference output (gzipped, in the shared data
// directory), plus parts, CSV, the row API and command-line errors.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tpchgen/tpch_rows.h"
#include "tpchgen/tpchgen.h"

namespace quiver {
namespace {

namespace fs = std::filesystem;

const char* const kTables[] = {"nation",   "region",   "part",   "supplier",
                               "partsupp", "customer", "orders", "lineitem"};

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tpchgen_test_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ReadGzip(const fs::path& path) {
  std::string out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
  gzclose(f);
  return out;
}

fs::path ReferenceDir(const std::string& sf) {
  const char* env = std::getenv("QUIVER_SHARED_DIR");
  fs::path shared = env != nullptr ? env : QUIVER_SHARED_DIR;
  return shared / "tpch" / "reference" / ("sf-" + sf);
}

// Reports the first differing line instead of two huge strings.
void ExpectSameText(const std::string& expected, const std::string& actual,
                    const std::string& what) {
  if (expected == actual) return;
  size_t pos = 0;
  while (pos < expected.size() && pos < actual.size() && expected[pos] == actual[pos]) ++pos;
  size_t line_start = expected.rfind('\n', pos == 0 ? 0 : pos - 1);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  ADD_FAILURE() << what << ": differs at byte " << pos << " (sizes " << expected.size() << " vs "
                << actual.size() << ")\n  expected: "
                << expected.substr(line_start, expected.find('\n', line_start) - line_start)
                << "\n  actual:   "
                << actual.substr(line_start, actual.find('\n', line_start) - line_start);
}

void CheckAgainstReference(const std::string& sf_text, double sf) {
  fs::path ref = ReferenceDir(sf_text);
  if (!fs::exists(ref / "nation.tbl.gz")) GTEST_SKIP() << "no reference data in " << ref;
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  TpchgenOptions options;
  options.scale_factor = sf;
  options.output_dir = dir.path();
  Status st = GenerateTpch(options);
  ASSERT_TRUE(st.ok()) << st.ToString();
  for (const char* table : kTables) {
    std::string expected = ReadGzip(ref / (std::string(table) + ".tbl.gz"));
    ASSERT_FALSE(expected.empty()) << table;
    ExpectSameText(expected, ReadFile(fs::path(dir.path()) / (std::string(table) + ".tbl")),
                   std::string(table) + " at SF " + sf_text);
  }
}

TEST(TpchgenTest, MatchesDbgenAtSf001) { CheckAgainstReference("0.01", 0.01); }

TEST(TpchgenTest, MatchesDbgenAtSf0001) { CheckAgainstReference("0.001", 0.001); }

TEST(TpchgenTest, PartsConcatenateToWholeTable) {
  TempDir whole, parts;
  TpchgenOptions options;
  options.scale_factor = 0.01;
  options.output_dir = whole.path();
  options.threads = 2;
  ASSERT_TRUE(GenerateTpch(options).ok());
  options.output_dir = parts.path();
  options.parts = 4;
  for (int k = 1; k <= 4; ++k) {
    options.part = k;
    options.threads = k;  // the output must not depend on the thread count
    Status st = GenerateTpch(options);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  for (const char* table : kTables) {
    std::string joined;
    for (int k = 1; k <= 4; ++k) {
      joined +=
          ReadFile(fs::path(parts.path()) / (std::string(table) + ".tbl." + std::to_string(k)));
    }
    ExpectSameText(ReadFile(fs::path(whole.path()) / (std::string(table) + ".tbl")), joined,
                   std::string(table) + " parts");
  }
}

TEST(TpchgenTest, CsvHasHeaderAndQuotesCommas) {
  TempDir dir;
  TpchgenOptions options;
  options.scale_factor = 0.001;
  options.format = "csv";
  options.output_dir = dir.path();
  options.tables = {"region", "supplier"};
  ASSERT_TRUE(GenerateTpch(options).ok());
  EXPECT_FALSE(fs::exists(fs::path(dir.path()) / "nation.csv"));
  std::string region = ReadFile(fs::path(dir.path()) / "region.csv");
  EXPECT_EQ(region.substr(0, region.find('\n')), "r_regionkey,r_name,r_comment");
  EXPECT_NE(region.find("\n1,AMERICA,\"hs use ironic, even requests. s\"\n"), std::string::npos);
  std::string supplier = ReadFile(fs::path(dir.path()) / "supplier.csv");
  EXPECT_NE(supplier.find("\n2,Supplier#000000002,\"89eJ5ksX3ImxJQBvxObC,\",5,15-679-861-2259,"
                          "4032.68, slyly bold instructions. idle dependen\n"),
            std::string::npos);
}

TEST(TpchgenTest, RowApiStreamsTypedFields) {
  auto gen = tpchgen::RowGenerator::Make(tpchgen::TpchTable::kLineitem, 0.001, 2, 2);
  ASSERT_TRUE(gen.ok());
  auto columns = tpchgen::TableColumns(tpchgen::TpchTable::kLineitem);
  ASSERT_EQ(columns.size(), 16u);
  EXPECT_EQ(columns[10].name, "l_shipdate");
  EXPECT_EQ(columns[10].type, tpchgen::FieldType::kDate);
  tpchgen::Field f[16];
  ASSERT_TRUE((*gen)->Next(f));
  EXPECT_EQ(f[0].i, 2983);  // order 751 of 1500: sparse keys
  EXPECT_EQ(f[3].i, 1);     // line number
  // Date fields carry both the epoch day and dbgen's text.
  EXPECT_EQ(f[10].s.size(), 10u);
  int64_t rows = 1;
  while ((*gen)->Next(f)) ++rows;
  auto first = tpchgen::RowGenerator::Make(tpchgen::TpchTable::kLineitem, 0.001, 2, 1);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE((*first)->Next(f));
  EXPECT_EQ(f[10].s, "1996-03-13");
  EXPECT_EQ(f[10].i, 9568);    // days since 1970-01-01
  EXPECT_EQ(f[5].i, 1795455);  // extended price in cents
  ++rows;
  while ((*first)->Next(f)) ++rows;
  EXPECT_EQ(rows, 6005);  // lines in the SF 0.001 reference

  auto nation = tpchgen::RowGenerator::Make(tpchgen::TpchTable::kNation, 1);
  ASSERT_TRUE(nation.ok());
  ASSERT_TRUE((*nation)->Next(f));
  EXPECT_EQ(f[1].s, "ALGERIA");
  EXPECT_EQ(f[3].s, " haggle. carefully final deposits detect slyly agai");

  EXPECT_FALSE(tpchgen::RowGenerator::Make(tpchgen::TpchTable::kPart, 0.0001).ok());
  EXPECT_FALSE(tpchgen::RowGenerator::Make(tpchgen::TpchTable::kPart, 1, 2, 3).ok());
  auto scale = tpchgen::TpchScale::Make(0.001);
  ASSERT_TRUE(scale.ok());
  auto past_end = tpchgen::RowGenerator::MakeRange(tpchgen::TpchTable::kNation, *scale, 20, 100);
  int nations = 0;
  while (past_end->Next(f)) ++nations;
  EXPECT_EQ(nations, 5);
}

TEST(TpchgenTest, ScaleFactorCardinalities) {
  auto s = tpchgen::TpchScale::Make(0.1);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->parts, 20000);
  EXPECT_EQ(s->suppliers, 1000);
  EXPECT_EQ(s->customers, 15000);
  EXPECT_EQ(s->orders, 150000);
  s = tpchgen::TpchScale::Make(10);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->orders, 15000000);
  EXPECT_EQ(s->clerks, 10000);
  EXPECT_FALSE(tpchgen::TpchScale::Make(1.5).ok());
  EXPECT_FALSE(tpchgen::TpchScale::Make(0).ok());
  EXPECT_FALSE(tpchgen::TpchScale::Make(-1).ok());
  EXPECT_FALSE(tpchgen::TpchScale::Make(30000).ok());  // dbgen's 64-bit key generator
  EXPECT_TRUE(tpchgen::TpchScale::Make(1000).ok());
}

int RunCommand(std::vector<std::string> args) {
  std::vector<char*> argv;
  std::string name = "quiver-tpchgen";
  argv.push_back(name.data());
  for (auto& a : args) argv.push_back(a.data());
  return RunTpchgenCommand(static_cast<int>(argv.size()), argv.data());
}

TEST(TpchgenTest, CommandLineErrors) {
  TempDir dir;
  const std::string& o = dir.path();
  EXPECT_EQ(RunCommand({"--bogus"}), 2);
  EXPECT_EQ(RunCommand({"-s"}), 2);
  EXPECT_EQ(RunCommand({"-s", "abc", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"-s", "0", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"-s", "2.5", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"--format", "xml", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"--tables", "nation,foo", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"--tables", "nation,,region", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"--parts", "0", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"--parts", "2", "--part", "3", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"--part", "2", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"--threads", "-1", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"--threads", "x", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"--threads", "100000", "-o", o}), 2);
  EXPECT_EQ(RunCommand({"-s", "nan", "-o", o}), 2);
  // Nothing was written by the failed runs.
  EXPECT_TRUE(fs::is_empty(o));
  EXPECT_EQ(RunCommand({"--help"}), 0);

  EXPECT_EQ(RunCommand({"--scale-factor=0.001", "--tables=nation,region", "--output-dir=" + o}), 0);
  EXPECT_EQ(ReadFile(fs::path(o) / "region.tbl").substr(0, 9), "0|AFRICA|");
  EXPECT_TRUE(fs::exists(fs::path(o) / "nation.tbl"));
  EXPECT_FALSE(fs::exists(fs::path(o) / "part.tbl"));
}

TEST(TpchgenTest, UnwritableOutputIsAnError) {
  TempDir dir;
  fs::path file = fs::path(dir.path()) / "not_a_dir";
  std::ofstream(file) << "x";
  TpchgenOptions options;
  options.scale_factor = 0.001;
  options.tables = {"region"};
  options.output_dir = file.string();
  Status st = GenerateTpch(options);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.kind(), ErrorKind::kIO);
}

}  // namespace
}  // namespace quiver
