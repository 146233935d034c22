// A window node emits its rows in the order of its (last) window's sort, as
// DataFusion's plans do after their SortExec; queries with LIMIT and no
// ORDER BY over a window see that order.
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
  EXPECT_EQ(*r, (std::vector<std::string>{"1|2|1", "2|3|2"}));
}

}  // namespace
}  // namespace quiver
