// SQL through every layer on DataFusion's aggregate_test_100.csv; expected
// values were checked against DuckDB on the same file.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "test_util.h"

namespace quiver {
namespace {

using testing::AggregateTestCsv;
using testing::Rows;
using V = std::vector<std::string>;

class SqlEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ctx_.RegisterCsv("t", AggregateTestCsv()).ok());
  }
  V Run(const std::string& sql) {
    auto r = Rows(ctx_, sql);
    EXPECT_TRUE(r.ok()) << sql << "\n" << r.status().ToString();
    return r.ok() ? *r : V{};
  }
  Status Fail(const std::string& sql) {
    auto r = Rows(ctx_, sql);
    EXPECT_FALSE(r.ok()) << sql;
    return r.ok() ? Status::OK() : r.status();
  }
  SessionContext ctx_;
};

TEST_F(SqlEndToEnd, GroupByAcceptanceQueryFromFilePath) {
  SessionContext fresh;
  auto rows = Rows(fresh, "SELECT c1, count(*), min(c2), max(c3), avg(c12) FROM '" +
                              AggregateTestCsv() + "' GROUP BY c1 ORDER BY c1");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (V{"a|21|1|83|0.48754517466109415", "b|19|1|68|0.41040709263815384",
                      "c|21|1|123|0.6600456536439784", "d|18|1|125|0.48855379387549824",
                      "e|21|1|120|0.48600669271341534"}));
}

TEST_F(SqlEndToEnd, FilterProjectionSortLimit) {
  EXPECT_EQ(Run("SELECT c1, c2, c3 FROM t WHERE c2 > 4 AND c3 < 0 ORDER BY c3 LIMIT 3"),
            (V{"a|5|-101", "c|5|-94", "e|5|-86"}));
  EXPECT_EQ(Run("SELECT count(*) FROM t WHERE c1 = 'a' OR c2 IS NULL"), (V{"21"}));
  EXPECT_EQ(Run("SELECT c3 FROM t ORDER BY c3 DESC LIMIT 2 OFFSET 1"), (V{"123", "123"}));
}

TEST_F(SqlEndToEnd, AggregatesGlobalAndEmpty) {
  EXPECT_EQ(Run("SELECT count(*), sum(c2), min(c13), max(c1), count(DISTINCT c1) FROM t"),
            (V{"100|285|0VVIHzxWtNOFLtnhjHEKjXaJOSLJfm|e|5"}));
  EXPECT_EQ(Run("SELECT count(*), sum(c2), avg(c3) FROM t WHERE c2 > 100"), (V{"0|NULL|NULL"}));
  EXPECT_EQ(Run("SELECT c1, count(*) FROM t WHERE c2 > 100 GROUP BY c1"), V{});
}

TEST_F(SqlEndToEnd, GroupByOrdinalsAliasesHaving) {
  EXPECT_EQ(Run("SELECT c1 AS k, sum(c2) AS s FROM t GROUP BY 1 HAVING count(*) > 20 ORDER BY k"),
            (V{"a|60", "c|56", "e|63"}));
  EXPECT_EQ(Run("SELECT c2 % 2 AS parity, count(*) FROM t GROUP BY parity ORDER BY parity"),
            (V{"0|45", "1|55"}));
  EXPECT_EQ(Run("SELECT c1 FROM t GROUP BY c1 ORDER BY max(c3) DESC LIMIT 1"), (V{"d"}));
}

TEST_F(SqlEndToEnd, ExpressionsAndLiterals) {
  EXPECT_EQ(Run("SELECT 1 + 2 * 3, 7 / 2, 7 % 3, -(4), 1.5 * 2, 'a' || 'b', NULL IS NULL"),
            (V{"7|3|1|-4|3.0|ab|true"}));
  EXPECT_EQ(Run("SELECT CAST('2020-01-02' AS DATE), DATE '2021-03-04', CAST(3.7 AS INT)"),
            (V{"2020-01-02|2021-03-04|3"}));
  EXPECT_EQ(Run("SELECT CASE WHEN 1 > 2 THEN 'x' WHEN 2 > 1 THEN 'y' END, 3 BETWEEN 1 AND 5, "
                "2 IN (1, 3), 2 NOT IN (1, NULL)"),
            (V{"y|true|false|NULL"}));
  EXPECT_EQ(Run("VALUES (1, 'a'), (2, NULL)"), (V{"1|a", "2|NULL"}));
  EXPECT_EQ(Run("SELECT DISTINCT c2 FROM t WHERE c2 < 3 ORDER BY c2"), (V{"1", "2"}));
}

TEST_F(SqlEndToEnd, DdlDmlViewsAndSettings) {
  EXPECT_EQ(Run("CREATE TABLE m (a INT, b VARCHAR)"), V{});
  EXPECT_EQ(Run("INSERT INTO m VALUES (1, 'x'), (2, 'y'), (3, NULL)"), (V{"3"}));
  EXPECT_EQ(Run("SELECT a, b FROM m WHERE a >= 2 ORDER BY a"), (V{"2|y", "3|NULL"}));
  EXPECT_EQ(Run("CREATE VIEW v AS SELECT a * 10 AS a10 FROM m"), V{});
  EXPECT_EQ(Run("SELECT sum(a10) FROM v"), (V{"60"}));
  EXPECT_EQ(Run("WITH w AS (SELECT a FROM m) SELECT max(a) FROM w"), (V{"3"}));
  Run("DROP VIEW v");
  EXPECT_EQ(Fail("SELECT * FROM v").kind(), ErrorKind::kPlan);
  Run("SET datafusion.execution.batch_size = 3");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), (V{"100"}));
  // SHOW reads information_schema, which is off by default (as in DataFusion).
  EXPECT_EQ(Fail("SHOW datafusion.execution.batch_size").kind(), ErrorKind::kPlan);
  Run("SET datafusion.catalog.information_schema = true");
  EXPECT_EQ(Run("SHOW datafusion.execution.batch_size"), (V{"datafusion.execution.batch_size|3"}));
  EXPECT_EQ(Fail("SET datafusion.execution.batch_size = 'x'").kind(), ErrorKind::kConfiguration);
}

TEST_F(SqlEndToEnd, ErrorsHaveKindsAndLocations) {
  Status parse = Fail("SELECT c1,\n  FROM t");
  EXPECT_EQ(parse.kind(), ErrorKind::kParse);
  EXPECT_EQ(parse.location().line, 2u);
  EXPECT_EQ(parse.location().column, 3u);

  Status missing_col = Fail("SELECT c1, c99 FROM t");
  EXPECT_EQ(missing_col.kind(), ErrorKind::kSchema);
  EXPECT_NE(missing_col.message().find("c99"), std::string::npos);
  EXPECT_EQ(missing_col.location().column, 12u);

  Status missing_table = Fail("SELECT * FROM nope");
  EXPECT_EQ(missing_table.kind(), ErrorKind::kPlan);
  EXPECT_NE(missing_table.message().find("nope"), std::string::npos);

  Status missing_file = Fail("SELECT * FROM 'no/such/file.csv'");
  EXPECT_EQ(missing_file.kind(), ErrorKind::kIO);
  EXPECT_NE(missing_file.message().find("no/such/file.csv"), std::string::npos);

  Status typo = Fail("SELECT summ(c2) FROM t");
  EXPECT_NE(typo.message().find("Did you mean 'sum'"), std::string::npos);

  Status not_grouped = Fail("SELECT c1, c2 FROM t GROUP BY c1");
  EXPECT_EQ(not_grouped.kind(), ErrorKind::kPlan);
}

TEST_F(SqlEndToEnd, MalformedCsvRowNamesItsLine) {
  char dir[] = "/tmp/quiver_e2e_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string path = std::string(dir) + "/bad.csv";
  std::ofstream(path) << "a,b\n1,2\n3,4\n5,6,7\n";
  Status st = Fail("SELECT * FROM '" + path + "'");
  EXPECT_NE(st.message().find("line 4"), std::string::npos) << st.ToString();
  std::remove(path.c_str());
  rmdir(dir);
}

TEST_F(SqlEndToEnd, DataFrameApi) {
  auto t = ctx_.Table("t");
  ASSERT_TRUE(t.ok());
  auto sum = t->Call("sum", {Col("c2")});
  ASSERT_TRUE(sum.ok());
  auto df = t->Filter(Binary(Col("c2"), Operator::kGt, LitInt64(3)));
  ASSERT_TRUE(df.ok());
  df = df->Aggregate({Col("c1")}, {*sum});
  ASSERT_TRUE(df.ok()) << df.status().ToString();
  df = df->Sort({{Col("c1"), true, false}});
  ASSERT_TRUE(df.ok());
  df = df->Limit(0, 2);
  ASSERT_TRUE(df.ok());
  auto batches = df->Collect();
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  auto text = df->ShowString();
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("| a "), std::string::npos);
  EXPECT_NE(text->find("| b "), std::string::npos);
}

}  // namespace
}  // namespace quiver
