// Shapes of decorrelated subquery plans (results are checked in
// tests/slt/subqueries.slt and the TPC-H test): which join each subquery
// form becomes, and that no subquery expression is left for execution.
#include <gtest/gtest.h>

#include <string>

#include "test_util.h"

namespace quiver {
namespace {

class SubqueryPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* sql :
         {"CREATE TABLE t1(a INT, b INT) AS VALUES (1, 10), (2, 20), (NULL, 5)",
          "CREATE TABLE t2(a INT, c INT) AS VALUES (1, 100), (3, 300), (NULL, 7)"}) {
      auto r = testing::Rows(ctx_, sql);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
  }
  // The optimized logical plan.
  std::string Logical(const std::string& sql) {
    auto r = testing::Rows(ctx_, "EXPLAIN " + sql);
    EXPECT_TRUE(r.ok()) << sql << "\n" << r.status().ToString();
    if (!r.ok() || r->empty()) return "";
    std::string plan = (*r)[0];
    EXPECT_EQ(plan.find("<subquery>"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("outer_ref"), std::string::npos) << plan;
    return plan;
  }
  SessionContext ctx_;
};

bool Has(const std::string& plan, const std::string& what) {
  return plan.find(what) != std::string::npos;
}

TEST_F(SubqueryPlan, ExistsIsSemiJoinOnTheCorrelation) {
  std::string p = Logical("SELECT a FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.a = t1.a)");
  EXPECT_TRUE(Has(p, "LeftSemi Join: t1.a = __correlated_sq_1.a")) << p;
}

TEST_F(SubqueryPlan, ExistsSelectStarReadsOnlyTheCorrelatedColumns) {
  // Column pruning drops the unread expressions of the `*` projection, so
  // the scan of t2 reads just the key (TPC-H q4 reads one lineitem column
  // instead of sixteen).
  std::string p = Logical("SELECT a FROM t1 WHERE EXISTS (SELECT * FROM t2 WHERE t2.a = t1.a)");
  EXPECT_TRUE(Has(p, "TableScan: t2 projection=[a]")) << p;
  EXPECT_FALSE(Has(p, "t2.c")) << p;
}

TEST_F(SubqueryPlan, NotExistsIsAntiJoin) {
  std::string p = Logical(
      "SELECT a FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t2 WHERE t2.a = t1.a AND t2.c > t1.b)");
  EXPECT_TRUE(
      Has(p, "LeftAnti Join: t1.a = __correlated_sq_1.a Filter: __correlated_sq_1.c > t1.b"))
      << p;
}

TEST_F(SubqueryPlan, InIsSemiJoinOnTheValue) {
  std::string p = Logical("SELECT a FROM t1 WHERE a IN (SELECT a FROM t2)");
  EXPECT_TRUE(Has(p, "LeftSemi Join: t1.a = __correlated_sq_1.a")) << p;
}

TEST_F(SubqueryPlan, NotInChecksForNulls) {
  // The anti join alone would keep rows a NULL in the subquery makes unknown.
  std::string p = Logical("SELECT a FROM t1 WHERE a NOT IN (SELECT a FROM t2)");
  EXPECT_TRUE(Has(p, "LeftAnti Join: t1.a = __correlated_sq_1.a")) << p;
  EXPECT_TRUE(Has(p, "__cnt_value")) << p;
}

TEST_F(SubqueryPlan, CorrelatedScalarAggregateIsGroupedLeftJoin) {
  std::string p = Logical("SELECT a, (SELECT count(*) FROM t2 WHERE t2.a = t1.a) AS n FROM t1");
  EXPECT_TRUE(Has(p, "Left Join: t1.a = __scalar_sq_1.a")) << p;
  EXPECT_TRUE(Has(p, "groupBy=[[t2.a]]")) << p;
  // count(*) over no rows is 0, not NULL.
  EXPECT_TRUE(Has(p, "__always_true IS NULL")) << p;
}

TEST_F(SubqueryPlan, UncorrelatedScalarIsCheckedSingleRow) {
  std::string p = Logical("SELECT a FROM t1 WHERE b > (SELECT avg(c) FROM t2)");
  EXPECT_TRUE(Has(p, "scalar_subquery_value")) << p;
  EXPECT_TRUE(Has(p, "Limit: skip=0, fetch=2")) << p;
}

TEST_F(SubqueryPlan, ErrorsNameTheConstruct) {
  auto r = testing::Rows(ctx_, "SELECT (SELECT a FROM t2) FROM t1");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Has(r.status().ToString(), "Scalar subquery returned more than one row"));
  r = testing::Rows(ctx_, "SELECT a, (SELECT c FROM t2 WHERE t2.a = t1.a) FROM t1");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Has(r.status().ToString(), "Correlated scalar subquery must be aggregated"));
  // A per-outer-row LIMIT needs equality correlation (its partition keys).
  r = testing::Rows(ctx_,
                    "SELECT a FROM t1 WHERE a IN (SELECT a FROM t2 WHERE t2.c > t1.b LIMIT 1)");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Has(r.status().ToString(), "Correlated subquery with outer references in 'Limit"))
      << r.status().ToString();
}

}  // namespace
}  // namespace quiver
