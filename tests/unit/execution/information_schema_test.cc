// information_schema from the C++ API, settings that change behaviour
// (explain.*_plan_only, default catalog/schema), and the statement clock.
#include "quiver/execution/information_schema.h"

#include <gtest/gtest.h>

#include "quiver/execution/session_state.h"
#include "test_util.h"

namespace quiver {
namespace {

using testing::Rows;
using V = std::vector<std::string>;

V Sql(SessionContext& ctx, const std::string& sql) {
  auto rows = Rows(ctx, sql);
  EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status().ToString();
  return rows.ok() ? *rows : V{};
}

TEST(InformationSchema, TablesSeeTablesRegisteredThroughTheApi) {
  SessionContext ctx;
  ASSERT_TRUE(ctx.RegisterCsv("agg", testing::AggregateTestCsv()).ok());
  ASSERT_TRUE(ctx.config().Set("datafusion.catalog.information_schema", "true").ok());
  EXPECT_EQ(Sql(ctx,
                "SELECT table_name, table_type FROM information_schema.tables "
                "WHERE table_schema = 'public'"),
            V{"agg|BASE TABLE"});
  EXPECT_EQ(Sql(ctx, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'agg'"),
            V{"13"});
  // The provider reads the live catalog at each scan.
  ASSERT_TRUE(ctx.DeregisterTable("agg").ok());
  EXPECT_EQ(Sql(ctx,
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                "'public'"),
            V{"0"});
}

TEST(InformationSchema, DefaultCatalogAndSchemaFollowSet) {
  SessionContext ctx;
  Sql(ctx, "CREATE DATABASE c2");
  Sql(ctx, "CREATE SCHEMA c2.s2");
  Sql(ctx, "SET datafusion.catalog.default_catalog = c2");
  Sql(ctx, "SET datafusion.catalog.default_schema = s2");
  Sql(ctx, "CREATE TABLE t AS VALUES (1)");
  EXPECT_EQ(Sql(ctx, "SELECT * FROM c2.s2.t"), V{"1"});
  EXPECT_EQ(ctx.state()->catalog().Resolve(TableReference::Bare("t")).ToString(), "c2.s2.t");
}

TEST(InformationSchema, ExplainPlanOnlySettings) {
  SessionContext ctx;
  EXPECT_EQ(Sql(ctx, "EXPLAIN SELECT 1").size(), 2u);
  Sql(ctx, "SET datafusion.explain.logical_plan_only = true");
  auto rows = Sql(ctx, "EXPLAIN SELECT 1");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].rfind("logical_plan|", 0), 0u) << rows[0];
  Sql(ctx, "SET datafusion.explain.logical_plan_only = false");
  Sql(ctx, "SET datafusion.explain.physical_plan_only = true");
  rows = Sql(ctx, "EXPLAIN SELECT 1");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].rfind("physical_plan|", 0), 0u) << rows[0];
}

TEST(InformationSchema, NowIsOneInstantPerStatement) {
  SessionContext ctx;
  // Many batches (batch size 1), each evaluating now(): still one value.
  Sql(ctx, "SET datafusion.execution.batch_size = 1");
  EXPECT_EQ(Sql(ctx,
                "SELECT count(DISTINCT n) FROM (SELECT now() AS n, x FROM "
                "generate_series(1, 2000) t(x))"),
            V{"1"});
}

}  // namespace
}  // namespace quiver
