// The file format registry through SQL: a user-registered format, CSV
// options on CREATE EXTERNAL TABLE and COPY, compressed CSV written and read
// back, date/time formats, and errors for unknown formats and options.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "quiver/datasource/csv_format.h"
#include "quiver/datasource/parquet/file_reader.h"
#include "quiver/execution/session_context.h"
#include "test_util.h"

namespace quiver {
namespace {

using testing::Rows;
namespace fs = std::filesystem;

std::string TempDir(const std::string& name) {
  auto d = fs::temp_directory_path() / ("quiver_format_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d.string();
}

std::string Join(const std::vector<std::string>& rows) {
  std::string s;
  for (const auto& r : rows) s += r + "\n";
  return s;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A user format: ';'-separated text with a header, named "ssv" (.ssv).
class SemicolonFormatFactory : public FileFormatFactory {
 public:
  std::string name() const override { return "ssv"; }
  std::vector<std::string> extensions() const override { return {".ssv"}; }
  Result<FileFormatPtr> Create(const FormatOptions& options, const ConfigOptions&) const override {
    if (!options.empty()) return Status::Configuration("ssv takes no options");
    csv::CsvReadOptions read;
    read.delimiter = ';';
    read.file_extension = ".ssv";
    csv::CsvWriteOptions write;
    write.delimiter = ';';
    return FileFormatPtr(std::make_shared<CsvFormat>(read, write));
  }
};

TEST(FileFormatRegistry, UserFormatForStoredAsCopyAndPaths) {
  SessionContext ctx;
  ctx.RegisterFileFormat(std::make_shared<SemicolonFormatFactory>());
  const std::string dir = TempDir("ssv");
  auto n = Rows(ctx, "COPY (VALUES (1, 'a'), (2, 'b')) TO '" + dir + "/t.ssv'");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(ReadFile(dir + "/t.ssv"), "column1;column2\n1;a\n2;b\n");
  auto back = Rows(ctx, "SELECT column2 FROM '" + dir + "/t.ssv' WHERE column1 = 2");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Join(*back), "b\n");
  ASSERT_TRUE(Rows(ctx, "CREATE EXTERNAL TABLE s STORED AS SSV LOCATION '" + dir + "/'").ok());
  EXPECT_EQ(Join(*Rows(ctx, "SELECT sum(column1) FROM s")), "3\n");
  auto bad = Rows(ctx, "CREATE EXTERNAL TABLE s2 STORED AS SSV LOCATION '" + dir +
                           "/' OPTIONS ('format.x' 'y')");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("ssv takes no options"), std::string::npos);
}

TEST(FileFormatRegistry, UnknownFormatAndOption) {
  SessionContext ctx;
  auto unknown = Rows(ctx, "CREATE EXTERNAL TABLE t STORED AS NOPE LOCATION '/tmp/x'");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(
      unknown.status().message().find("known: arrow, avro, csv, json, ndjson, parquet, tbl, tsv"),
      std::string::npos)
      << unknown.status().ToString();
  auto option = Rows(ctx, "COPY (SELECT 1) TO '/tmp/never.csv' OPTIONS (unknown_option false)");
  ASSERT_FALSE(option.ok());
  EXPECT_EQ(option.status().message(), "Config value \"unknown_option\" not found on CsvOptions");
  auto path = Rows(ctx, "SELECT * FROM '/tmp/data.nope'");
  ASSERT_FALSE(path.ok());
  EXPECT_NE(path.status().message().find("supported extensions"), std::string::npos);
}

TEST(FileFormatRegistry, CompressedCsvRoundTrips) {
  SessionContext ctx;
  const std::string dir = TempDir("compressed");
  for (const char* codec : {"gzip", "bzip2", "xz", "zstd"}) {
    const std::string out = dir + "/" + codec + "/";
    auto n = Rows(ctx, "COPY (SELECT * FROM generate_series(1, 5000) t(v)) TO '" + out +
                           "' STORED AS CSV OPTIONS ('format.compression' '" + codec +
                           "', 'format.has_header' 'true')");
    ASSERT_TRUE(n.ok()) << codec << ": " << n.status().ToString();
    const std::string table = std::string("c_") + codec;
    ASSERT_TRUE(Rows(ctx, "CREATE EXTERNAL TABLE " + table + " STORED AS CSV LOCATION '" + out +
                              "' OPTIONS ('format.compression' '" + codec +
                              "', 'format.has_header' 'true')")
                    .ok());
    auto sum = Rows(ctx, "SELECT count(*), sum(v) FROM " + table);
    ASSERT_TRUE(sum.ok()) << codec << ": " << sum.status().ToString();
    EXPECT_EQ(Join(*sum), "5000|12502500\n") << codec;
  }
  // A compression suffix on a COPY target picks the codec.
  ASSERT_TRUE(
      Rows(ctx, "COPY (VALUES (7)) TO '" + dir + "/one.csv.gz' OPTIONS (has_header true)").ok());
  EXPECT_EQ(ReadFile(dir + "/one.csv.gz").substr(0, 2), "\x1f\x8b");
  EXPECT_EQ(Join(*Rows(ctx, "SELECT column1 * 2 FROM '" + dir + "/one.csv.gz'")), "14\n");
}

TEST(FileFormatRegistry, CsvWriteOptions) {
  SessionContext ctx;
  const std::string dir = TempDir("options");
  auto n = Rows(ctx,
                "COPY (SELECT 1 AS a, NULL::int AS b, TIMESTAMP '2024-03-01 12:34:56.5' AS ts, "
                "DATE '2024-03-01' AS d) TO '" +
                    dir +
                    "/o.csv' OPTIONS (has_header true, delimiter ';', null_value 'NULLVAL', "
                    "timestamp_format '%d/%m/%Y %H:%M:%S%.3f', date_format '%Y%m%d')");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(ReadFile(dir + "/o.csv"), "a;b;ts;d\n1;NULLVAL;01/03/2024 12:34:56.500;20240301\n");
  auto bad = Rows(ctx, "COPY (SELECT 1) TO '" + dir + "/p.csv' OPTIONS (delimiter ';;')");
  ASSERT_FALSE(bad.ok());
}

TEST(FileFormatRegistry, TsvByNameAndExtension) {
  SessionContext ctx;
  const std::string dir = TempDir("tsv");
  ASSERT_TRUE(
      Rows(ctx, "COPY (VALUES (1, 'x')) TO '" + dir + "/t.tsv' OPTIONS (has_header true)").ok());
  EXPECT_EQ(ReadFile(dir + "/t.tsv"), "column1\tcolumn2\n1\tx\n");
  EXPECT_EQ(Join(*Rows(ctx, "SELECT column2 FROM '" + dir + "/t.tsv'")), "x\n");
  ASSERT_TRUE(Rows(ctx, "CREATE EXTERNAL TABLE t STORED AS TSV LOCATION '" + dir +
                            "/t.tsv' OPTIONS ('format.has_header' 'true')")
                  .ok());
  EXPECT_EQ(Join(*Rows(ctx, "SELECT column1 + 1 FROM t")), "2\n");
}

TEST(FileFormatRegistry, ParquetColumnOptionsAndMetadata) {
  SessionContext ctx;
  const std::string dir = TempDir("parquet_options");
  const std::string path = dir + "/o.parquet";
  auto n = Rows(
      ctx, "COPY (SELECT v AS col1, v * 2 AS col2 FROM generate_series(1, 1000) t(v)) TO '" + path +
               "' OPTIONS ('format.compression::col1' 'zstd(5)', compression snappy, "
               "'format.dictionary_enabled' false, 'encoding::col2' delta_binary_packed, "
               "'format.metadata::origin' 'copy test', 'format.metadata::x' '1', "
               "'format.metadata::x' '2', 'format.writer_version' '2.0')");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  auto reader = parquet::OpenParquetFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const auto& md = (*reader)->metadata();
  const auto& c1 = *md.row_groups[0].columns[0].meta_data;
  const auto& c2 = *md.row_groups[0].columns[1].meta_data;
  EXPECT_EQ(c1.codec, parquet::Compression::kZstd);
  EXPECT_EQ(c2.codec, parquet::Compression::kSnappy);
  EXPECT_EQ(
      std::count(c1.encodings.begin(), c1.encodings.end(), parquet::Encoding::kDeltaBinaryPacked),
      0);
  EXPECT_EQ(
      std::count(c2.encodings.begin(), c2.encodings.end(), parquet::Encoding::kDeltaBinaryPacked),
      1);
  std::string kv;
  for (const auto& e : md.key_value_metadata) kv += e.key + "=" + e.value.value_or("") + ";";
  EXPECT_NE(kv.find("origin=copy test;x=2;"), std::string::npos) << kv;
  // The delta-encoded column reads back.
  auto sum = Rows(ctx, "SELECT sum(col1), sum(col2), max(col2) FROM '" + path + "'");
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(Join(*sum), "500500|1001000|2000\n");
  // DataFusion's errors for malformed keys.
  auto missing = Rows(ctx, "COPY (SELECT 1) TO '" + path + "' OPTIONS ('format.metadata::' 'v')");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            "Invalid metadata key provided, missing key in metadata::<key>");
  auto wrong = Rows(ctx, "COPY (SELECT 1) TO '" + path + "' OPTIONS ('format.wrong::key' 'v')");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message(), "Config value \"wrong\" not found on ColumnOptions");
}

}  // namespace
}  // namespace quiver
