// Joins and set operations end to end. Expected rows of the small-table
// tests were produced by DuckDB on the same CSV files (NULL for empty cells).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "test_util.h"

namespace quiver {
namespace {

using testing::Rows;
using V = std::vector<std::string>;

std::string TempDir() {
  char tmpl[] = "/tmp/quiver_join_test_XXXXXX";
  const char* d = mkdtemp(tmpl);
  return d ? d : "/tmp";
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream f(path);
  f << text;
}

class JoinSql : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TempDir());
    WriteFile(*dir_ + "/t1.csv", "a,b\n1,x\n2,y\n2,w\n3,v\n,n\n5,z\n");
    WriteFile(*dir_ + "/t2.csv", "a,c\n2,20\n2,21\n3,30\n4,40\n,99\n5,\n");
    WriteFile(*dir_ + "/t3.csv", "a,b,d\n2,y,100\n2,w,101\n3,q,102\n,n,103\n");
    // Larger inputs spanning many batches: k = i % 97 (left) and i % 89 (right).
    std::string big = "k,v\n", small = "k,w\n";
    for (int i = 0; i < 20000; ++i) big += std::to_string(i % 97) + "," + std::to_string(i) + "\n";
    for (int i = 0; i < 500; ++i)
      small += std::to_string(i % 89 + 50) + "," + std::to_string(i) + "\n";
    WriteFile(*dir_ + "/big.csv", big);
    WriteFile(*dir_ + "/small.csv", small);
  }
  static void TearDownTestSuite() {
    for (const char* f : {"t1", "t2", "t3", "big", "small"}) {
      std::remove((*dir_ + "/" + f + ".csv").c_str());
    }
    std::remove(dir_->c_str());
    delete dir_;
  }
  void SetUp() override {
    for (const char* t : {"t1", "t2", "t3", "big", "small"}) {
      ASSERT_TRUE(ctx_.RegisterCsv(t, *dir_ + "/" + t + ".csv").ok());
    }
  }
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
  std::string Explain(const std::string& sql) {
    auto r = Rows(ctx_, "EXPLAIN " + sql);
    EXPECT_TRUE(r.ok()) << sql << "\n" << r.status().ToString();
    return r.ok() && !r->empty() ? (*r)[0] : "";
  }
  static std::string* dir_;
  SessionContext ctx_;
};

std::string* JoinSql::dir_ = nullptr;

TEST_F(JoinSql, Inner) {
  EXPECT_EQ(Run("SELECT t1.a, t1.b, t2.c FROM t1 JOIN t2 ON t1.a = t2.a ORDER BY 1,2,3"),
            (V{"2|w|20", "2|w|21", "2|y|20", "2|y|21", "3|v|30", "5|z|NULL"}));
}

TEST_F(JoinSql, Left) {
  EXPECT_EQ(
      Run("SELECT t1.a, t1.b, t2.a, t2.c FROM t1 LEFT JOIN t2 ON t1.a = t2.a ORDER BY 1,2,3,4"),
      (V{"1|x|NULL|NULL", "2|w|2|20", "2|w|2|21", "2|y|2|20", "2|y|2|21", "3|v|3|30", "5|z|5|NULL",
         "NULL|n|NULL|NULL"}));
}

TEST_F(JoinSql, Right) {
  EXPECT_EQ(
      Run("SELECT t1.a, t1.b, t2.a, t2.c FROM t1 RIGHT JOIN t2 ON t1.a = t2.a ORDER BY 3,4,1,2"),
      (V{"2|w|2|20", "2|y|2|20", "2|w|2|21", "2|y|2|21", "3|v|3|30", "NULL|NULL|4|40", "5|z|5|NULL",
         "NULL|NULL|NULL|99"}));
}

TEST_F(JoinSql, Full) {
  EXPECT_EQ(Run("SELECT t1.a, t1.b, t2.a, t2.c FROM t1 FULL OUTER JOIN t2 ON t1.a = t2.a ORDER BY "
                "1,2,3,4"),
            (V{"1|x|NULL|NULL", "2|w|2|20", "2|w|2|21", "2|y|2|20", "2|y|2|21", "3|v|3|30",
               "5|z|5|NULL", "NULL|n|NULL|NULL", "NULL|NULL|4|40", "NULL|NULL|NULL|99"}));
}

TEST_F(JoinSql, Semi) {
  EXPECT_EQ(Run("SELECT * FROM t1 LEFT SEMI JOIN t2 ON t1.a = t2.a ORDER BY 1,2"),
            (V{"2|w", "2|y", "3|v", "5|z"}));
}

TEST_F(JoinSql, Anti) {
  EXPECT_EQ(Run("SELECT * FROM t1 LEFT ANTI JOIN t2 ON t1.a = t2.a ORDER BY 1,2"),
            (V{"1|x", "NULL|n"}));
}

TEST_F(JoinSql, Rsemi) {
  EXPECT_EQ(Run("SELECT * FROM t1 RIGHT SEMI JOIN t2 ON t1.a = t2.a ORDER BY 1,2"),
            (V{"2|20", "2|21", "3|30", "5|NULL"}));
}

TEST_F(JoinSql, Ranti) {
  EXPECT_EQ(Run("SELECT * FROM t1 RIGHT ANTI JOIN t2 ON t1.a = t2.a ORDER BY 1,2"),
            (V{"4|40", "NULL|99"}));
}

TEST_F(JoinSql, Residual) {
  EXPECT_EQ(
      Run("SELECT t1.a, t1.b, t2.c FROM t1 JOIN t2 ON t1.a = t2.a AND t2.c > 20 ORDER BY 1,2,3"),
      (V{"2|w|21", "2|y|21", "3|v|30"}));
}

TEST_F(JoinSql, LeftResRight) {
  EXPECT_EQ(Run("SELECT t1.a, t1.b, t2.c FROM t1 LEFT JOIN t2 ON t1.a = t2.a AND t2.c > 20 ORDER "
                "BY 1,2,3"),
            (V{"1|x|NULL", "2|w|21", "2|y|21", "3|v|30", "5|z|NULL", "NULL|n|NULL"}));
}

TEST_F(JoinSql, LeftResLeft) {
  EXPECT_EQ(Run("SELECT t1.a, t1.b, t2.c FROM t1 LEFT JOIN t2 ON t1.a = t2.a AND t1.b <> 'y' ORDER "
                "BY 1,2,3"),
            (V{"1|x|NULL", "2|w|20", "2|w|21", "2|y|NULL", "3|v|30", "5|z|NULL", "NULL|n|NULL"}));
}

TEST_F(JoinSql, Nonequi) {
  EXPECT_EQ(Run("SELECT t1.a, t2.a FROM t1 JOIN t2 ON t1.a < t2.a ORDER BY 1,2"),
            (V{"1|2", "1|2", "1|3", "1|4", "1|5", "2|3", "2|3", "2|4", "2|4", "2|5", "2|5", "3|4",
               "3|5"}));
}

TEST_F(JoinSql, CrossCount) { EXPECT_EQ(Run("SELECT count(*) FROM t1 CROSS JOIN t2"), (V{"36"})); }

TEST_F(JoinSql, Comma) {
  EXPECT_EQ(Run("SELECT t1.b, t2.c FROM t1, t2 WHERE t1.a = t2.a AND t2.c > 20 ORDER BY 1,2"),
            (V{"v|30", "w|21", "y|21"}));
}

TEST_F(JoinSql, Using) {
  EXPECT_EQ(Run("SELECT * FROM t1 JOIN t3 USING (a) ORDER BY 1,2,3,4"),
            (V{"2|w|w|101", "2|w|y|100", "2|y|w|101", "2|y|y|100", "3|v|q|102"}));
}

TEST_F(JoinSql, UsingFull) {
  EXPECT_EQ(Run("SELECT * FROM t1 FULL JOIN t2 USING (a) ORDER BY 1,2,3"),
            (V{"1|x|NULL", "2|w|20", "2|w|21", "2|y|20", "2|y|21", "3|v|30", "4|NULL|40",
               "5|z|NULL", "NULL|n|NULL", "NULL|NULL|99"}));
}

TEST_F(JoinSql, Natural) {
  EXPECT_EQ(Run("SELECT * FROM t1 NATURAL JOIN t3 ORDER BY 1,2"), (V{"2|w|101", "2|y|100"}));
}

TEST_F(JoinSql, Multikey) {
  EXPECT_EQ(
      Run("SELECT t1.a, t1.b, t3.d FROM t1 JOIN t3 ON t1.a = t3.a AND t1.b = t3.b ORDER BY 1,2"),
      (V{"2|w|101", "2|y|100"}));
}

TEST_F(JoinSql, Selfjoin) {
  EXPECT_EQ(
      Run("SELECT x.a, x.b, y.b FROM t1 x JOIN t1 y ON x.a = y.a AND x.b < y.b ORDER BY 1,2,3"),
      (V{"2|w|y"}));
}

TEST_F(JoinSql, Derived) {
  EXPECT_EQ(Run("SELECT s.a, s.n, t2.c FROM (SELECT a, count(*) AS n FROM t1 GROUP BY a) s JOIN t2 "
                "ON s.a = t2.a ORDER BY 1,3"),
            (V{"2|2|20", "2|2|21", "3|1|30", "5|1|NULL"}));
}

TEST_F(JoinSql, Union) {
  EXPECT_EQ(Run("SELECT a FROM t1 UNION SELECT a FROM t2 ORDER BY 1"),
            (V{"1", "2", "3", "4", "5", "NULL"}));
}

TEST_F(JoinSql, UnionAll) {
  EXPECT_EQ(Run("SELECT a FROM t1 UNION ALL SELECT a FROM t2 ORDER BY 1"),
            (V{"1", "2", "2", "2", "2", "3", "3", "4", "5", "5", "NULL", "NULL"}));
}

TEST_F(JoinSql, Intersect) {
  EXPECT_EQ(Run("SELECT a FROM t1 INTERSECT SELECT a FROM t2 ORDER BY 1"),
            (V{"2", "3", "5", "NULL"}));
}

TEST_F(JoinSql, Except) {
  EXPECT_EQ(Run("SELECT a FROM t1 EXCEPT SELECT a FROM t2 ORDER BY 1"), (V{"1"}));
}

TEST_F(JoinSql, UnionStr) {
  EXPECT_EQ(Run("SELECT b FROM t1 UNION SELECT 'k' UNION SELECT b FROM t3 ORDER BY 1"),
            (V{"k", "n", "q", "v", "w", "x", "y", "z"}));
}

TEST_F(JoinSql, CastKey) {
  EXPECT_EQ(Run("SELECT t1.b, t2.c FROM t1 JOIN t2 ON CAST(t1.a AS INT) = t2.a ORDER BY 1,2"),
            (V{"v|30", "w|20", "w|21", "y|20", "y|21", "z|NULL"}));
}

TEST_F(JoinSql, ThreeWay) {
  EXPECT_EQ(Run("SELECT t1.b, t2.c, t3.d FROM t1 JOIN t2 ON t1.a = t2.a JOIN t3 ON t2.a = t3.a AND "
                "t1.b = t3.b ORDER BY 1,2,3"),
            (V{"w|20|101", "w|21|101", "y|20|100", "y|21|100"}));
}

TEST_F(JoinSql, UnionLimit) {
  EXPECT_EQ(Run("SELECT a FROM t1 UNION ALL SELECT a FROM t2 ORDER BY a DESC NULLS FIRST LIMIT 3"),
            (V{"NULL", "NULL", "5"}));
}

TEST_F(JoinSql, FullRes) {
  EXPECT_EQ(Run("SELECT t1.a, t2.a, t2.c FROM t1 FULL JOIN t2 ON t1.a = t2.a AND t2.c > 20 ORDER "
                "BY 1,2,3"),
            (V{"1|NULL|NULL", "2|2|21", "2|2|21", "3|3|30", "5|NULL|NULL", "NULL|2|20", "NULL|4|40",
               "NULL|5|NULL", "NULL|NULL|99", "NULL|NULL|NULL"}));
}

TEST_F(JoinSql, LeftNonequi) {
  EXPECT_EQ(Run("SELECT t1.a, t2.a FROM t1 LEFT JOIN t2 ON t1.a > t2.a + 2 ORDER BY 1,2"),
            (V{"1|NULL", "2|NULL", "2|NULL", "3|NULL", "5|2", "5|2", "NULL|NULL"}));
}

TEST_F(JoinSql, IntersectPairs) {
  EXPECT_EQ(Run("SELECT a, b FROM t1 INTERSECT SELECT a, b FROM t3 ORDER BY 1,2"),
            (V{"2|w", "2|y", "NULL|n"}));
}

TEST_F(JoinSql, ExceptPairs) {
  EXPECT_EQ(Run("SELECT a, b FROM t1 EXCEPT SELECT a, b FROM t3 ORDER BY 1,2"),
            (V{"1|x", "3|v", "5|z"}));
}

TEST_F(JoinSql, JoinAgg) {
  EXPECT_EQ(Run("SELECT t1.b, sum(t2.c) FROM t1 JOIN t2 ON t1.a = t2.a GROUP BY t1.b ORDER BY 1"),
            (V{"v|30", "w|41", "y|41", "z|NULL"}));
}

TEST_F(JoinSql, WhereOuter) {
  EXPECT_EQ(
      Run("SELECT t1.a, t2.c FROM t1 LEFT JOIN t2 ON t1.a = t2.a WHERE t2.c IS NULL ORDER BY 1,2"),
      (V{"1|NULL", "5|NULL", "NULL|NULL"}));
}

TEST_F(JoinSql, AmbiguousUnqualifiedColumn) {
  EXPECT_NE(Error("SELECT a FROM t1 JOIN t2 ON t1.a = t2.a")
                .find("Ambiguous reference to unqualified field a"),
            std::string::npos);
}

TEST_F(JoinSql, SelfJoinWithoutAliasIsAnError) {
  EXPECT_NE(Error("SELECT * FROM t1 JOIN t1 ON t1.a = t1.a").find("duplicate qualified field name"),
            std::string::npos);
}

TEST_F(JoinSql, SetOperationColumnCountMismatch) {
  EXPECT_NE(Error("SELECT a, b FROM t1 UNION SELECT a FROM t2").find("different number of columns"),
            std::string::npos);
}

TEST_F(JoinSql, ExplainShowsJoinKeysAndPushedFilters) {
  std::string plan = Explain("SELECT t1.b, t2.c FROM t1, t2 WHERE t1.a = t2.a AND t2.c > 20");
  EXPECT_NE(plan.find("Inner Join: t1.a = t2.a"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("CrossJoin"), std::string::npos) << plan;
  plan = Explain("SELECT t1.a FROM t1 LEFT JOIN t2 ON t1.a = t2.a AND t1.b <> 'y'");
  EXPECT_NE(plan.find("Left Join: t1.a = t2.a Filter: t1.b != Utf8(\"y\")"), std::string::npos)
      << plan;
  plan = Explain("SELECT a FROM t1 UNION ALL SELECT a FROM t2");
  EXPECT_NE(plan.find("Union"), std::string::npos) << plan;
  plan = Explain("SELECT * FROM t1 CROSS JOIN t2");
  EXPECT_NE(plan.find("CrossJoin:"), std::string::npos) << plan;
}

// Counts follow from the data: big has k = 0..96 (20000 rows), small has
// k = 50..138 (500 rows); keys 50..96 match.
TEST_F(JoinSql, LargeInnerJoinAcrossBatches) {
  EXPECT_EQ(Run("SELECT count(*), sum(big.v) FROM big JOIN small ON big.k = small.k"),
            (V{"58092|581820426"}));
}

TEST_F(JoinSql, LargeOuterJoinsEmitUnmatchedRowsOnce) {
  EXPECT_EQ(Run("SELECT count(*) FROM big FULL JOIN small ON big.k = small.k"), (V{"68628"}));
  EXPECT_EQ(Run("SELECT count(*) FROM small LEFT JOIN big ON big.k = small.k"), (V{"58310"}));
  EXPECT_EQ(Run("SELECT count(*) FROM big LEFT SEMI JOIN small ON big.k = small.k"), (V{"9682"}));
  EXPECT_EQ(Run("SELECT count(*) FROM big LEFT ANTI JOIN small ON big.k = small.k"), (V{"10318"}));
  EXPECT_EQ(Run("SELECT count(*) FROM small LEFT ANTI JOIN big ON big.k = small.k"), (V{"218"}));
}

}  // namespace
}  // namespace quiver
