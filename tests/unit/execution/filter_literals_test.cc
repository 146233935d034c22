// Filters keep literal work out of the per-row path: the logical plan shows
// folded, narrowed literals as DataFusion prints them (TPC-H Q6's shape),
// the physical plan compares columns without casts, and literals that do not
// convert exactly keep the common-type comparison. Values checked against
// DuckDB in tests/slt/decimal_literals.slt.
#include <gtest/gtest.h>

#include "test_util.h"

namespace quiver {
namespace {

using testing::Explain;
using testing::Rows;

class FilterLiteralsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Rows(ctx_,
                     "CREATE TABLE li(q DECIMAL(15,2), d DECIMAL(15,2), s INT, "
                     "dt DATE) AS VALUES (23.99, 0.05, 3, DATE '1994-02-01'), "
                     "(24.00, 0.07, 12, DATE '1995-02-01')")
                    .ok());
  }
  SessionContext ctx_;
};

TEST_F(FilterLiteralsTest, Q6ShapeFoldsAndNarrows) {
  const std::string plan =
      Explain(ctx_,
              "SELECT q FROM li WHERE dt >= DATE '1994-01-01' AND d BETWEEN 0.06 - 0.01 AND "
              "0.06 + 0.01 AND q < 24");
  EXPECT_NE(plan.find("li.d >= Decimal128(Some(5),15,2) AND li.d <= Decimal128(Some(7),15,2)"),
            std::string::npos)
      << plan;
  EXPECT_NE(plan.find("li.q < Decimal128(Some(2400),15,2)"), std::string::npos) << plan;
  EXPECT_NE(plan.find("li.dt >= Date32(1994-01-01)"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("CAST("), std::string::npos) << plan;
  auto rows = Rows(ctx_, "SELECT q FROM li WHERE d BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND q < 24");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, std::vector<std::string>{"23.99"});
}

TEST_F(FilterLiteralsTest, IntegerColumnNarrowsToItsOwnType) {
  const std::string plan = Explain(ctx_, "SELECT s FROM li WHERE s <= 5 AND 10 > s");
  EXPECT_NE(plan.find("li.s <= Int32(5)"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Int32(10) > li.s"), std::string::npos) << plan;
}

TEST_F(FilterLiteralsTest, InexactLiteralsKeepTheCast) {
  // 24.005 is not a Decimal(15,2) value, 3000000000 not an Int32, 5.5 a float.
  const std::string plan =
      Explain(ctx_, "SELECT q FROM li WHERE q < 24.005 AND s < 3000000000 AND s <> 5.5");
  EXPECT_EQ(plan.find("Decimal128(Some(2400"), std::string::npos) << plan;
  EXPECT_NE(plan.find("li.s < Int64(3000000000)"), std::string::npos) << plan;
  EXPECT_NE(plan.find("CAST(s@1 AS Int64) < 3000000000"), std::string::npos) << plan;
  auto rows = Rows(ctx_, "SELECT q FROM li WHERE q < 24.005 AND s < 3000000000 AND s <> 5.5");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 2u);
}

TEST_F(FilterLiteralsTest, FailingFoldStaysARuntimeError) {
  // 1 / 0 cannot fold; the filter still errors when it runs, as before.
  auto rows = Rows(ctx_, "SELECT q FROM li WHERE s > 1 / 0");
  EXPECT_FALSE(rows.ok());
  const std::string plan = Explain(ctx_, "SELECT q FROM li WHERE s > 1 / 0");
  EXPECT_NE(plan.find("Int64(1) / Int64(0)"), std::string::npos) << plan;
}

}  // namespace
}  // namespace quiver
