// Parquet through SQL: COPY TO (parquet, csv, partitioned), reading back,
// row-group pruning shown by EXPLAIN, LIMIT.
#include <gtest/gtest.h>

#include <filesystem>

#include "quiver/arrow/builder.h"
#include "quiver/datasource/parquet/file_writer.h"
#include "quiver/execution/session_context.h"
#include "test_util.h"

namespace quiver {
namespace {

using testing::Rows;

namespace fs = std::filesystem;

// Emptied once per process: a directory left by an earlier process with the
// same pid would otherwise add its files to the partitioned reads.
std::string TempDir() {
  static const std::string dir = [] {
    auto d = fs::temp_directory_path() / ("quiver_pq_sql_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d.string();
  }();
  return dir;
}

std::string Join(const std::vector<std::string>& rows) {
  std::string s;
  for (const auto& r : rows) s += r + "\n";
  return s;
}

TEST(ParquetSql, CopyToParquetAndBack) {
  SessionContext ctx;
  const std::string path = TempDir() + "/t.parquet";
  auto n = Rows(ctx,
                "COPY (SELECT * FROM (VALUES (1, 'a', 1.5), (2, NULL, 2.5), (3, 'c', NULL)) "
                "AS v(x, y, z)) TO '" +
                    path + "'");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(Join(*n), "3\n");
  auto rows = Rows(ctx, "SELECT x, y, z FROM '" + path + "' ORDER BY x");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(Join(*rows), "1|a|1.5\n2|NULL|2.5\n3|c|NULL\n");
  // Options and an unknown option.
  auto z = Rows(ctx, "COPY (SELECT 1 AS a) TO '" + path +
                         "' STORED AS PARQUET OPTIONS ('format.compression' 'zstd(3)')");
  ASSERT_TRUE(z.ok()) << z.status().ToString();
  EXPECT_FALSE(Rows(ctx, "COPY (SELECT 1 AS a) TO '" + path + "' OPTIONS ('nope' '1')").ok());
  EXPECT_FALSE(Rows(ctx, "COPY (SELECT 1 AS a) TO '" + TempDir() + "/dir/'").ok());
}

TEST(ParquetSql, CopyTableToCsvAndPartitioned) {
  SessionContext ctx;
  ASSERT_TRUE(Rows(ctx, "CREATE TABLE t AS VALUES (1, 'x'), (2, 'y'), (3, 'x')").ok());
  const std::string csv = TempDir() + "/t.csv";
  // COPY writes a header only when asked (datafusion.catalog.has_header is
  // false by default); reading a path assumes one.
  auto n = Rows(ctx, "COPY t TO '" + csv + "' OPTIONS ('format.has_header' 'true')");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(Join(*n), "3\n");
  auto rows = Rows(ctx, "SELECT count(*) FROM '" + csv + "'");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(Join(*rows), "3\n");
  const std::string dir = TempDir() + "/part/";
  auto p = Rows(ctx, "COPY t TO '" + dir + "' STORED AS PARQUET PARTITIONED BY (column2)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(fs::exists(dir + "column2=x"));
  ASSERT_TRUE(
      Rows(ctx, "CREATE EXTERNAL TABLE px STORED AS PARQUET LOCATION '" + dir + "column2=x/'")
          .ok());
  auto back = Rows(ctx, "SELECT sum(column1) FROM px");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Join(*back), "4\n");
}

TEST(ParquetSql, RowGroupPruningAndLimit) {
  SessionContext ctx;
  const std::string path = TempDir() + "/pruned.parquet";
  auto n = Rows(ctx,
                "COPY (SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), "
                "(5, 'e'), (6, 'f')) AS v(k, s)) TO '" +
                    path + "' OPTIONS ('max_row_group_size' '2', 'bloom_filter_enabled' 'true')");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  auto r = Rows(ctx, "SELECT s FROM '" + path + "' WHERE k >= 5");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Join(*r), "e\nf\n");
  auto e = Rows(ctx, "EXPLAIN SELECT s FROM '" + path + "' WHERE k >= 5");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_NE(Join(*e).find("pruned_by_statistics=2"), std::string::npos) << Join(*e);
  // 'c' lies inside the min/max of the first two row groups' ranges only by
  // bloom filter: row group [c, d] keeps it, [a, b] and [e, f] go by statistics.
  auto s = Rows(ctx, "SELECT k FROM '" + path + "' WHERE s = 'c' OR s = 'zz'");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Join(*s), "3\n");
  auto l = Rows(ctx, "SELECT k FROM '" + path + "' LIMIT 1");
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->size(), 1u);
  auto none = Rows(ctx, "SELECT k FROM '" + path + "' WHERE k > 100");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
}

// Sorted data in small pages: the page index prunes pages, late
// materialization decodes the other columns only where rows survive.
TEST(ParquetSql, PageIndexAndLateMaterialization) {
  const int64_t n = 20000;
  std::vector<int64_t> a(n);
  std::vector<std::string> s(n);
  for (int64_t i = 0; i < n; ++i) {
    a[i] = i;
    s[i] = "row" + std::to_string(i);
  }
  auto sch = schema({field("s", utf8()), field("a", int64())});
  auto batch = RecordBatch::Make(
      sch, n, {ArrayFromVector(utf8(), s).value(), ArrayFromVector(int64(), a).value()});
  parquet::ParquetWriteOptions o;
  o.column.page_row_limit = 700;
  o.max_row_group_rows = 15000;
  const std::string path = TempDir() + "/paged.parquet";
  ASSERT_TRUE(parquet::WriteParquetFile(path, sch, {batch}, o).ok());
  SessionContext ctx;
  auto r = Rows(ctx, "SELECT count(*), sum(a), min(s), max(s) FROM '" + path +
                         "' WHERE a >= 9990 AND a < 15010");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Join(*r), "5020|62747490|row10000|row9999\n");
  auto one = Rows(ctx, "SELECT s FROM '" + path + "' WHERE a = 12345");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(Join(*one), "row12345\n");
  auto str = Rows(ctx, "SELECT a FROM '" + path + "' WHERE s = 'row19999' OR s = 'row7'");
  ASSERT_TRUE(str.ok()) << str.status().ToString();
  EXPECT_EQ(Join(*str), "7\n19999\n");
}

// One large row group: split into row-range morsels across partitions.
TEST(ParquetSql, LargeRowGroupSplitIntoMorsels) {
  const int64_t n = 200000;
  std::vector<int64_t> a(n);
  for (int64_t i = 0; i < n; ++i) a[i] = i;
  auto sch = schema({field("a", int64())});
  auto batch = RecordBatch::Make(sch, n, {ArrayFromVector(int64(), a).value()});
  const std::string path = TempDir() + "/one_group.parquet";
  ASSERT_TRUE(parquet::WriteParquetFile(path, sch, {batch}, parquet::ParquetWriteOptions()).ok());
  SessionContext ctx;
  ASSERT_TRUE(Rows(ctx, "SET datafusion.execution.target_partitions = 4").ok());
  auto e = Rows(ctx, "EXPLAIN SELECT sum(a) FROM '" + path + "'");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_NE(Join(*e).find("row_groups=1 morsels=3"), std::string::npos) << Join(*e);
  auto r = Rows(ctx, "SELECT count(*), sum(a), min(a), max(a) FROM '" + path + "'");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Join(*r), "200000|19999900000|0|199999\n");
  // A range across a morsel boundary (66666).
  auto f = Rows(ctx, "SELECT count(*), sum(a) FROM '" + path + "' WHERE a >= 60000 AND a < 70000");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(Join(*f), "10000|649995000\n");
}

}  // namespace
}  // namespace quiver
