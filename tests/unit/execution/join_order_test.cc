// Join order by table statistics: comma joins over large tables join the
// selective dimension first; small tables keep FROM order. Expected values
// come from DuckDB on the same data.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <utility>

#include "test_util.h"

namespace quiver {
namespace {

using testing::Rows;
using V = std::vector<std::string>;

// Parquet tables (their footers give row counts and min / max):
// f(k, g) and o(g, v) with `n` rows each (g has 10 values, so f and o alone
// join many to many), dim(k, name) with 100 rows.
void MakeTables(SessionContext& ctx, int n) {
  char tmpl[] = "/tmp/quiver_join_order_XXXXXX";
  const std::string dir = mkdtemp(tmpl) ? tmpl : "/tmp";
  const std::string s = "generate_series(1, " + std::to_string(n) + ")";
  const std::pair<const char*, std::string> tables[] = {
      {"f", "SELECT value AS k, value % 10 AS g FROM " + s},
      {"o", "SELECT value % 10 AS g, value AS v FROM " + s},
      {"dim",
       "SELECT value AS k, 'n' || CAST(value AS VARCHAR) AS name FROM generate_series(0, 99)"}};
  for (const auto& [name, query] : tables) {
    const std::string path = dir + "/" + name + ".parquet";
    ASSERT_TRUE(ctx.Sql("COPY (" + query + ") TO '" + path + "' STORED AS PARQUET").ok());
    ASSERT_TRUE(ctx.Sql(std::string("CREATE EXTERNAL TABLE ") + name +
                        " STORED AS PARQUET LOCATION '" + path + "'")
                    .ok());
  }
}

// The logical plan of `sql` as EXPLAIN prints it.
std::string LogicalPlanText(SessionContext& ctx, const std::string& sql) {
  auto rows = Rows(ctx, "EXPLAIN " + sql);
  if (!rows.ok() || rows->empty()) return "";
  return (*rows)[0];
}

constexpr const char* kQ1 =
    "SELECT count(*), sum(o.v), min(f.k), max(o.v) FROM f, o, dim "
    "WHERE f.g = o.g AND f.k = dim.k AND dim.name = 'n7'";

TEST(JoinOrderTest, SelectiveDimensionJoinsFirst) {
  SessionContext ctx;
  MakeTables(ctx, 100000);
  std::string plan = LogicalPlanText(ctx, kQ1);
  ASSERT_NE(plan.find("TableScan: dim"), std::string::npos) << plan;
  EXPECT_LT(plan.find("TableScan: dim"), plan.find("TableScan: o ")) << plan;
  EXPECT_EQ(*Rows(ctx, kQ1), V{"10000|500020000|7|99997"});
  EXPECT_EQ(*Rows(ctx,
                  "SELECT dim.name, count(*) AS c, sum(o.v) AS s FROM f, o, dim "
                  "WHERE f.g = o.g AND f.k = dim.k AND (dim.name = 'n7' OR dim.name = 'n42') "
                  "AND o.v > 1000 GROUP BY dim.name ORDER BY dim.name"),
            (V{"n42|9900|499920300", "n7|9900|499969800"}));
}

TEST(JoinOrderTest, SmallTablesKeepFromOrder) {
  SessionContext ctx;
  MakeTables(ctx, 1000);
  std::string plan = LogicalPlanText(ctx, kQ1);
  ASSERT_NE(plan.find("TableScan: dim"), std::string::npos) << plan;
  EXPECT_GT(plan.find("TableScan: dim"), plan.find("TableScan: o ")) << plan;
}

}  // namespace
}  // namespace quiver
