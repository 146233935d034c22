// Statistics from Parquet footers (and memory tables) reach the planner:
// count / min / max without GROUP BY or filters are answered from them (the
// plan is a projection of literals over one placeholder row), with the same
// results as scanning. Expected values checked against DuckDB.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "quiver/datasource/listing_table.h"
#include "quiver/datasource/parquet_format.h"
#include "test_util.h"

namespace quiver {
namespace {

namespace fs = std::filesystem;
using testing::Rows;

class ParquetStatisticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("quiver_pq_stats_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "t");
    Copy(
        "SELECT column1::INT AS x, column2 AS s, column3 AS d FROM (VALUES (1, 'a', DATE "
        "'2020-01-05'), (NULL, 'b', NULL), (7, NULL, DATE '1999-12-31'))",
        "t/1.parquet");
    Copy("SELECT -3::INT AS x, 'c' AS s, DATE '2021-06-01' AS d", "t/2.parquet");
    Copy("SELECT 'd' AS s", "t/3.parquet");  // no x, no d: nulls there
    auto st = Rows(
        ctx_, "CREATE EXTERNAL TABLE t STORED AS PARQUET LOCATION '" + (dir_ / "t").string() + "'");
    ASSERT_TRUE(st.ok()) << st.status().ToString();
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Copy(const std::string& select, const std::string& file) {
    auto r =
        Rows(ctx_, "COPY (" + select + ") TO '" + (dir_ / file).string() + "' STORED AS PARQUET");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  std::string Plan(const std::string& sql) {
    auto r = Rows(ctx_, "EXPLAIN " + sql);
    if (!r.ok()) return r.status().ToString();
    std::string all;
    for (const auto& row : *r) all += row + "\n";
    return all;
  }

  SessionContext ctx_;
  fs::path dir_;
};

TEST_F(ParquetStatisticsTest, AggregatesAnsweredFromFooters) {
  const std::string q =
      "SELECT count(*), count(x), min(x), max(x), min(d), max(d), count(s) FROM t";
  auto r = Rows(ctx_, q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, std::vector<std::string>{"5|3|-3|7|1999-12-31|2021-06-01|4"});
  const std::string plan = Plan(q);
  EXPECT_NE(plan.find("PlaceholderRowExec"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("AggregateExec"), std::string::npos) << plan;
}

TEST_F(ParquetStatisticsTest, FiltersAndUnsupportedAggregatesStillScan) {
  const std::string q = "SELECT count(*), min(x) FROM t WHERE x > 0";
  auto r = Rows(ctx_, q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, std::vector<std::string>{"2|1"});
  EXPECT_NE(Plan(q).find("AggregateExec"), std::string::npos);
  // Strings have no exact bounds here; sum is not answered from statistics.
  auto s = Rows(ctx_, "SELECT min(s), sum(x) FROM t");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*s, std::vector<std::string>{"a|5"});
  EXPECT_NE(Plan("SELECT min(s) FROM t").find("AggregateExec"), std::string::npos);
}

TEST_F(ParquetStatisticsTest, TableProviderStatistics) {
  auto table = ListingTable::Make((dir_ / "t").string(), std::make_shared<ParquetFormat>());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto st = (*table)->statistics();
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->num_rows.ToString(), "Exact(5)");
  const int x = (*table)->schema()->GetFieldIndex("x");
  ASSERT_GE(x, 0);
  EXPECT_EQ(st->columns[x].null_count.ToString(), "Exact(2)");
  EXPECT_TRUE(st->columns[x].min.is_exact());
  EXPECT_EQ(st->columns[x].min.value.ValueToString(), "-3");
  EXPECT_EQ(st->columns[x].max.value.ValueToString(), "7");
}

TEST_F(ParquetStatisticsTest, ExplainShowsStatistics) {
  ASSERT_TRUE(Rows(ctx_, "SET datafusion.explain.show_statistics = true").ok());
  const std::string plan = Plan("SELECT x FROM t");
  EXPECT_NE(plan.find("statistics=[Rows=Exact(5), Bytes=Absent, [(Col[0]: Min=Exact(Int32(-3)) "
                      "Max=Exact(Int32(7)) Null=Exact(2))]]"),
            std::string::npos)
      << plan;
  // After pruning the file whose x is -3: an estimate over the files left.
  EXPECT_NE(Plan("SELECT x FROM t WHERE x > 0").find("Rows=Inexact(4)"), std::string::npos);
}

TEST(MemTableStatistics, CountFromRowCounts) {
  SessionContext ctx;
  ASSERT_TRUE(Rows(ctx, "CREATE TABLE m AS VALUES (1), (NULL), (3)").ok());
  auto r = Rows(ctx, "SELECT count(*), count(column1) FROM m");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, std::vector<std::string>{"3|2"});
  auto plan = Rows(ctx, "EXPLAIN SELECT count(*) FROM m");
  ASSERT_TRUE(plan.ok());
  std::string all;
  for (const auto& row : *plan) all += row;
  EXPECT_NE(all.find("PlaceholderRowExec"), std::string::npos) << all;
}

}  // namespace
}  // namespace quiver
