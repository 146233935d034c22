// Window functions end to end: ranking, offsets, frames of every unit and
// bound, peers, nulls in ORDER BY, named windows, windows over aggregates.
// Expected values were produced by DuckDB on the same data.
#include <gtest/gtest.h>

#include "quiver/arrow/builder.h"
#include "quiver/datasource/mem_table.h"
#include "test_util.h"

namespace quiver {
namespace {

using testing::AggregateTestCsv;
using testing::Rows;
using V = std::vector<std::string>;

// A small table with nulls in the ORDER BY key and in the values.
const char* kValues =
    "WITH v(a, g, b) AS (VALUES (1, 'x', 10), (2, 'x', NULL), (2, 'x', 30), (4, 'x', 40), "
    "(NULL, 'x', 50), (1, 'y', 5), (3, 'y', NULL), (3, 'y', 7), (NULL, 'y', NULL)) ";

class WindowTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(ctx_.RegisterCsv("t", AggregateTestCsv()).ok()); }
  V Run(const std::string& sql) {
    auto r = Rows(ctx_, sql);
    EXPECT_TRUE(r.ok()) << sql << "\n" << r.status().ToString();
    return r.ok() ? *r : V{};
  }
  std::string Error(const std::string& sql) {
    auto r = Rows(ctx_, sql);
    EXPECT_FALSE(r.ok()) << sql;
    return r.ok() ? "" : r.status().ToString();
  }
  SessionContext ctx_;
};

TEST_F(WindowTest, RankingFunctions) {
  EXPECT_EQ(Run("SELECT c2, c3, row_number() OVER (PARTITION BY c1 ORDER BY c2, c3) AS rn, "
                "rank() OVER (PARTITION BY c1 ORDER BY c2) AS rk, "
                "dense_rank() OVER (PARTITION BY c1 ORDER BY c2) AS dr, "
                "percent_rank() OVER (PARTITION BY c1 ORDER BY c2) AS pr, "
                "cume_dist() OVER (PARTITION BY c1 ORDER BY c2) AS cd, "
                "ntile(4) OVER (PARTITION BY c1 ORDER BY c2, c3) AS nt "
                "FROM t WHERE c1 = 'b' ORDER BY c2, c3"),
            (V{"1|12|1|1|1|0.0|0.15789473684210525|1", "1|29|2|1|1|0.0|0.15789473684210525|1",
               "1|54|3|1|1|0.0|0.15789473684210525|1",
               "2|-60|4|4|2|0.16666666666666666|0.3684210526315789|1",
               "2|31|5|4|2|0.16666666666666666|0.3684210526315789|1",
               "2|63|6|4|2|0.16666666666666666|0.3684210526315789|2",
               "2|68|7|4|2|0.16666666666666666|0.3684210526315789|2",
               "3|-101|8|8|3|0.3888888888888889|0.47368421052631576|2",
               "3|17|9|8|3|0.3888888888888889|0.47368421052631576|2",
               "4|-117|10|10|4|0.5|0.7368421052631579|2", "4|-111|11|10|4|0.5|0.7368421052631579|3",
               "4|-59|12|10|4|0.5|0.7368421052631579|3", "4|17|13|10|4|0.5|0.7368421052631579|3",
               "4|47|14|10|4|0.5|0.7368421052631579|3", "5|-82|15|15|5|0.7777777777777778|1.0|3",
               "5|-44|16|15|5|0.7777777777777778|1.0|4", "5|-5|17|15|5|0.7777777777777778|1.0|4",
               "5|62|18|15|5|0.7777777777777778|1.0|4", "5|68|19|15|5|0.7777777777777778|1.0|4"}));
}

TEST_F(WindowTest, OffsetAndValueFunctions) {
  EXPECT_EQ(
      Run("SELECT c9, lag(c3) OVER (ORDER BY c9) AS l1, lag(c3, 2, -1) OVER (ORDER BY c9) AS l2, "
          "lead(c3) OVER (ORDER BY c9) AS d1, lead(c3, 3, 0) OVER (ORDER BY c9) AS d3, "
          "first_value(c3) OVER (ORDER BY c9) AS fv, "
          "last_value(c3) OVER (ORDER BY c9 ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING) AS lv, "
          "nth_value(c3, 2) OVER (ORDER BY c9) AS nv FROM t WHERE c1 = 'd' ORDER BY c9"),
      (V{"63044568|NULL|-1|-98|57|113|55|NULL", "225513085|113|-1|55|93|113|57|-98",
         "811650497|-98|113|57|-59|113|93|-98", "879082834|55|-98|93|102|113|-59|-98",
         "1000948272|57|55|-59|-76|113|102|-98", "1365198901|93|57|102|77|113|-76|-98",
         "1534194097|-59|93|-76|123|113|77|-98", "1824517658|102|-59|77|38|113|123|-98",
         "2093538928|-76|102|123|-8|113|38|-98", "2592330556|77|-76|38|5|113|-8|-98",
         "2712615025|123|77|-8|-40|113|5|-98", "2861376515|38|123|5|-72|113|-40|-98",
         "3126475872|-8|38|-40|125|113|-72|-98", "3373581039|5|-8|-72|122|113|125|-98",
         "3542840110|-40|5|125|-99|113|122|-98", "3625286410|-72|-40|122|0|113|-99|-98",
         "4061635107|125|-72|-99|0|113|-99|-98", "4216440507|122|125|NULL|0|113|-99|-98"}));
}

TEST_F(WindowTest, RowsFramesAndWholePartition) {
  EXPECT_EQ(
      Run("SELECT c2, c9, "
          "sum(c3) OVER (PARTITION BY c2 ORDER BY c9 ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING), "
          "count(*) OVER (PARTITION BY c2 ORDER BY c9 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 "
          "PRECEDING), "
          "min(c3) OVER (PARTITION BY c2 ORDER BY c9 ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED "
          "FOLLOWING), "
          "max(c3) OVER (PARTITION BY c2) FROM t WHERE c1 = 'a' ORDER BY c2, c9"),
      (V{"1|774637006|-141|0|-56|83", "1|1454057357|-146|1|-25|83", "1|2669374863|-171|2|-25|83",
         "1|3276123488|-3|3|83|83",   "1|4015442341|53|4|NULL|83",  "2|145294611|2|0|-48|45",
         "2|2939920218|-46|1|-48|45", "2|3717551163|-46|2|NULL|45", "3|431948861|31|0|-72|17",
         "3|754775609|-41|1|-72|17",  "3|1995343206|-28|2|-12|17",  "3|2214035726|-54|3|-12|17",
         "3|3959216334|-58|4|13|17",  "3|3998790955|14|5|NULL|17",  "4|466439833|-139|0|-54|65",
         "4|1787652631|-74|1|-54|65", "4|1865307672|-128|2|-54|65", "4|2502326480|-27|3|NULL|65",
         "5|141047417|5|0|-101|36",   "5|1013876852|-96|1|-101|36", "5|2496054700|-96|2|NULL|36"}));
}

TEST_F(WindowTest, RangeAndGroupsFramesWithPeers) {
  EXPECT_EQ(
      Run("SELECT c2, c3, sum(c3) OVER (ORDER BY c2) AS s_range_default, "
          "count(c3) OVER (ORDER BY c2 RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS c_range, "
          "sum(c3) OVER (ORDER BY c2 DESC RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING) AS s_desc, "
          "avg(c3) OVER (ORDER BY c2 GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) AS a_groups, "
          "sum(c3) OVER (ORDER BY c2 GROUPS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) AS s_groups "
          "FROM t WHERE c1 = 'e' ORDER BY c2, c3"),
      (V{"1|36|227|8|227|75.66666666666667|381",
         "1|71|227|8|227|75.66666666666667|381",
         "1|120|227|8|227|75.66666666666667|381",
         "2|-61|416|12|416|52.0|453",
         "2|49|416|12|416|52.0|453",
         "2|52|416|12|416|52.0|453",
         "2|52|416|12|416|52.0|453",
         "2|97|416|12|416|52.0|453",
         "3|-95|608|16|608|42.333333333333336|239",
         "3|71|608|16|608|42.333333333333336|239",
         "3|104|608|16|608|42.333333333333336|239",
         "3|112|608|16|608|42.333333333333336|239",
         "4|-56|869|13|642|41.18181818181818|-22",
         "4|-53|869|13|642|41.18181818181818|-22",
         "4|30|869|13|642|41.18181818181818|-22",
         "4|73|869|13|642|41.18181818181818|-22",
         "4|74|869|13|642|41.18181818181818|-22",
         "4|96|869|13|642|41.18181818181818|-22",
         "4|97|869|13|642|41.18181818181818|-22",
         "5|-86|847|9|431|26.555555555555557|NULL",
         "5|64|847|9|431|26.555555555555557|NULL"}));
}

TEST_F(WindowTest, NullsInOrderByAndIgnoreNulls) {
  EXPECT_EQ(
      Run(std::string(kValues) +
          "SELECT a, g, b, sum(b) OVER (PARTITION BY g ORDER BY a) AS s1, "
          "count(*) OVER (PARTITION BY g ORDER BY a NULLS FIRST) AS c1, "
          "sum(b) OVER (PARTITION BY g ORDER BY a RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS "
          "s2, "
          "rank() OVER (ORDER BY a DESC NULLS FIRST) AS r, "
          "first_value(b) OVER (PARTITION BY g ORDER BY a ROWS BETWEEN UNBOUNDED PRECEDING AND "
          "UNBOUNDED FOLLOWING) AS fv, "
          "last_value(b) IGNORE NULLS OVER (PARTITION BY g ORDER BY a ROWS BETWEEN UNBOUNDED "
          "PRECEDING AND UNBOUNDED FOLLOWING) AS lv, "
          "lag(b, 1, 0) OVER (PARTITION BY g ORDER BY a, b) AS lg "
          "FROM v ORDER BY g, a NULLS FIRST, b NULLS FIRST"),
      (V{"NULL|x|50|130|1|50|1|10|50|40", "1|x|10|10|2|40|8|10|50|0",
         "2|x|NULL|40|4|40|6|10|50|30", "2|x|30|40|4|40|6|10|50|10", "4|x|40|80|5|40|3|10|50|NULL",
         "NULL|y|NULL|12|1|NULL|1|5|7|NULL", "1|y|5|5|2|5|8|5|7|0", "3|y|NULL|12|4|7|4|5|7|7",
         "3|y|7|12|4|7|4|5|7|5"}));
}

TEST_F(WindowTest, WindowOverAggregatesAndOrderByWindow) {
  EXPECT_EQ(Run("SELECT c1, sum(c2) AS s, rank() OVER (ORDER BY sum(c2) DESC) AS r, "
                "sum(sum(c2)) OVER (ORDER BY c1 ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS rs "
                "FROM t GROUP BY c1 ORDER BY r, c1"),
            (V{"e|63|1|107", "b|62|2|122", "a|60|3|60", "c|56|4|118", "d|44|5|100"}));
}

TEST_F(WindowTest, NamedWindowsAndFilter) {
  EXPECT_EQ(Run("SELECT c1, c9, row_number() OVER w AS rn, sum(c2) OVER w AS s, "
                "count(*) FILTER (WHERE c2 > 2) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND "
                "UNBOUNDED FOLLOWING) AS cf FROM t WHERE c2 <= 2 "
                "WINDOW w AS (PARTITION BY c1 ORDER BY c9) ORDER BY rn DESC, c1 LIMIT 8"),
            (V{"c|3766999078|11|18|0", "c|3398507249|10|17|0", "d|4216440507|10|13|0",
               "c|2844041986|9|15|0", "d|4061635107|9|12|0", "a|4015442341|8|11|0",
               "c|2293105904|8|13|0", "d|3625286410|8|10|0"}));
}

TEST_F(WindowTest, ManySpecsInOneQuery) {
  EXPECT_EQ(
      Run("SELECT sum(rn * c3), sum(rk), sum(s), sum(c), min(l), max(f) FROM (SELECT c3, "
          "row_number() OVER (PARTITION BY c4 % 3 ORDER BY c9) AS rn, "
          "rank() OVER (PARTITION BY c2 ORDER BY c3) AS rk, "
          "sum(c4) OVER (PARTITION BY c1 ORDER BY c5 ROWS BETWEEN 5 PRECEDING AND 3 FOLLOWING) AS "
          "s, "
          "count(c4) OVER (ORDER BY c6 RANGE BETWEEN 100000000000000000 PRECEDING AND 10 "
          "FOLLOWING) "
          "AS c, lead(c4, 2) OVER (PARTITION BY c2 ORDER BY c9) AS l, "
          "last_value(c12) OVER (PARTITION BY c1 ORDER BY c12 RANGE BETWEEN 0.1 PRECEDING AND 0.1 "
          "FOLLOWING) AS f FROM t) q"),
      (V{"11378|1073|1968992|159|-31500|0.9965400387585364"}));
}

TEST_F(WindowTest, EmptyOverAndEmptyInput) {
  EXPECT_EQ(
      Run("SELECT c9, count(c5) OVER () AS n, max(c5) OVER () AS mx FROM t ORDER BY c9 LIMIT 2"),
      (V{"28774375|100|2143473091", "63044568|100|2143473091"}));
  EXPECT_EQ(Run("SELECT row_number() OVER (ORDER BY c1) FROM t WHERE c2 > 100"), V{});
}

TEST_F(WindowTest, PlanningErrorsInDataFusionWords) {
  EXPECT_NE(Error("SELECT sum(c2) OVER (ORDER BY c2 RANGE BETWEEN UNBOUNDED PRECEDING AND "
                  "UNBOUNDED PRECEDING) FROM t")
                .find("Invalid window frame: end bound cannot be UNBOUNDED PRECEDING"),
            std::string::npos);
  EXPECT_NE(Error("SELECT count(c1) OVER (ORDER BY c2 RANGE BETWEEN 1 PRECEDING AND 2 PRECEDING) "
                  "FROM t")
                .find("start bound (1 PRECEDING) cannot be larger than end bound (2 PRECEDING)"),
            std::string::npos);
  EXPECT_NE(
      Error("SELECT count(c1) OVER (GROUPS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM t")
          .find("GROUPS requires an ORDER BY clause"),
      std::string::npos);
  EXPECT_NE(Error("SELECT row_number() OVER (ROWS BETWEEN NULL PRECEDING AND CURRENT ROW) FROM t")
                .find("frame offsets must be non negative integers"),
            std::string::npos);
  EXPECT_NE(Error("SELECT rank() OVER (ORDER BY c2, c3 RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) "
                  "FROM t")
                .find("RANGE requires exactly one ORDER BY column"),
            std::string::npos);
  EXPECT_NE(Error("SELECT max(c12) OVER w1 FROM t WINDOW w2 AS (ORDER BY c12)")
                .find("The window w1 is not defined!"),
            std::string::npos);
  EXPECT_NE(Error("SELECT max(c12) OVER w1 FROM t WINDOW w1 AS (ORDER BY c12), w1 AS (ORDER BY c3)")
                .find("The window w1 is defined multiple times!"),
            std::string::npos);
  EXPECT_NE(Error("SELECT sum(c2 ORDER BY c3) OVER () FROM t")
                .find("Aggregate ORDER BY is not implemented for window functions"),
            std::string::npos);
  EXPECT_NE(Error("SELECT lag(c2, c2, c2) OVER () FROM t")
                .find("There is only support Literal types for field at idx: 1 in Window Function"),
            std::string::npos);
  EXPECT_NE(
      Error("SELECT ntile(0) OVER (ORDER BY c2) FROM t").find("NTILE requires a positive integer"),
      std::string::npos);
  EXPECT_NE(Error("SELECT c1, row_number() OVER (PARTITION BY c3) FROM t GROUP BY c1")
                .find("Projection references non-aggregate values"),
            std::string::npos);
}

// Enough rows that WindowExec splits partitions into hash buckets evaluated
// by several tasks; checked against sums computed here directly.
TEST_F(WindowTest, ParallelBucketsOnLargeInput) {
  const int64_t n = 60000, parts = 97;
  std::vector<int64_t> k(n), x(n);
  uint64_t seed = 42;
  for (int64_t i = 0; i < n; ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    k[i] = static_cast<int64_t>((seed >> 33) % parts);
    x[i] = static_cast<int64_t>(i);  // unique, so ORDER BY x is total
  }
  auto ka = ArrayFromVector(int64(), k), xa = ArrayFromVector(int64(), x);
  ASSERT_TRUE(ka.ok() && xa.ok());
  auto sch = schema({field("k", int64(), false), field("x", int64(), false)});
  std::vector<RecordBatchPtr> batches;
  for (int64_t off = 0; off < n; off += 8192) {
    int64_t len = std::min<int64_t>(8192, n - off);
    batches.push_back(
        RecordBatch::Make(sch, len, {(*ka)->Slice(off, len), (*xa)->Slice(off, len)}));
  }
  // Several input partitions, so the window's input is gathered from many tasks.
  std::vector<std::vector<RecordBatchPtr>> partitions(batches.size());
  for (size_t i = 0; i < batches.size(); ++i) partitions[i] = {batches[i]};
  auto table = MemTable::Make(sch, std::move(partitions));
  ASSERT_TRUE(table.ok());
  ASSERT_TRUE(ctx_.RegisterTable("big", *table).ok());
  // Expected: row numbers and 4-row sliding sums within each k, in x order.
  std::vector<std::vector<int64_t>> by_part(parts);
  for (int64_t i = 0; i < n; ++i) by_part[k[i]].push_back(x[i]);
  int64_t sum_rn = 0, sum_sliding = 0;
  for (const auto& xs : by_part) {
    for (size_t j = 0; j < xs.size(); ++j) {
      sum_rn += static_cast<int64_t>(j + 1);
      for (size_t q = j >= 3 ? j - 3 : 0; q <= j; ++q) sum_sliding += xs[q];
    }
  }
  EXPECT_EQ(Run("SELECT sum(rn), sum(s), count(*) FROM (SELECT row_number() OVER (PARTITION BY k "
                "ORDER BY x) AS rn, sum(x) OVER (PARTITION BY k ORDER BY x ROWS BETWEEN 3 "
                "PRECEDING AND CURRENT ROW) AS s FROM big) q"),
            (V{std::to_string(sum_rn) + "|" + std::to_string(sum_sliding) + "|60000"}));
}

}  // namespace
}  // namespace quiver
