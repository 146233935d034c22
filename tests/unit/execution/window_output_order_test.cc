// A window node emits its rows in the order of the window DataFusion would
// evaluate last (window_output_order.h); queries with LIMIT and no ORDER BY
// over a window see that order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace quiver {
namespace {

TEST(WindowOutputOrder, RowsFollowTheWindowSort) {
  SessionContext ctx;
  auto r =
      testing::Rows(ctx, "CREATE TABLE t(a INT, b INT) AS VALUES (3, 1), (1, 2), (2, 3), (5, 4)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  r = testing::Rows(ctx, "SELECT a, sum(b) OVER (ORDER BY a DESC) FROM t");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<std::string>{"5|4", "3|5", "2|8", "1|10"}));
  r = testing::Rows(ctx,
                    "SELECT a, row_number() OVER (ORDER BY b), rank() OVER (ORDER BY a) FROM t "
                    "LIMIT 2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Windows stack by the columns they sort on: the one over b comes last.
  EXPECT_EQ(*r, (std::vector<std::string>{"3|1|3", "1|2|1"}));
}

// Windows sorted the opposite way: functions that work on reversed rows
// (aggregates) share one sort, so rows keep the descending order; ranking
// functions need their own sort, and the ascending window comes last.
TEST(WindowOutputOrder, ReversibleWindowsShareASort) {
  SessionContext ctx;
  auto r =
      testing::Rows(ctx, "CREATE TABLE t(a INT, b INT) AS VALUES (3, 1), (1, 2), (2, 3), (5, 4)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  r = testing::Rows(
      ctx,
      "SELECT a, sum(b) OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), "
      "sum(b) OVER (ORDER BY a DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<std::string>{"5|5|4", "3|4|5", "2|5|4", "1|2|5"}));
  r = testing::Rows(ctx,
                    "SELECT a, row_number() OVER (ORDER BY a), row_number() OVER (ORDER BY a DESC) "
                    "FROM t");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, (std::vector<std::string>{"1|1|4", "2|2|3", "3|3|2", "5|4|1"}));
}

}  // namespace
}  // namespace quiver
