#include <gtest/gtest.h>

#include "quiver/logical/function_registry.h"
#include "quiver/sql/parser.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {
namespace {

class FakeSource : public TableSource {
 public:
  SchemaPtr schema() const override {
    return quiver::schema({field("a", int64()), field("b", utf8()), field("c", float64())});
  }
};

class FakeContext : public SqlContextProvider {
 public:
  Result<TableSourcePtr> GetTable(const TableReference& name, bool) override {
    if (name.table == "t") return TableSourcePtr(std::make_shared<FakeSource>());
    return Status::Plan("table '" + name.ToString() + "' not found");
  }
  const FunctionRegistry& functions() const override { return registry_; }
  const ConfigOptions& options() const override { return options_; }

 private:
  FunctionRegistry registry_;
  ConfigOptions options_;
};

Result<std::string> PlanText(const std::string& sql) {
  FakeContext ctx;
  SqlToRel planner(&ctx);
  QUIVER_ASSIGN_OR_RAISE(auto st, sql::ParseStatement(sql));
  auto q = st.As<sql::QueryStatement>();
  if (!q) return Status::Internal("not a query");
  QUIVER_ASSIGN_OR_RAISE(auto plan, planner.PlanQuery(*q->query));
  return plan->ToString();
}

TEST(SqlToRelTest, SelectWhereOrderLimit) {
  auto p = PlanText("SELECT b, a + 1 AS x FROM t WHERE a > 2 ORDER BY x DESC LIMIT 5");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p,
            "Limit: skip=0, fetch=5\n"
            "  Sort: x DESC NULLS FIRST\n"
            "    Projection: t.b, t.a + Int64(1) AS x\n"
            "      Filter: t.a > Int64(2)\n"
            "        TableScan: t");
}

TEST(SqlToRelTest, OrderByUnselectedColumnIsProjectedAway) {
  auto p = PlanText("SELECT b FROM t ORDER BY c");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p,
            "Projection: t.b\n"
            "  Sort: __sort_1 ASC NULLS LAST\n"
            "    Projection: t.b, t.c AS __sort_1\n"
            "      TableScan: t");
}

TEST(SqlToRelTest, ErrorsCarryLocations) {
  auto missing = PlanText("SELECT a,\n  zz FROM t");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().kind(), ErrorKind::kSchema);
  EXPECT_EQ(missing.status().location().line, 2u);
  EXPECT_EQ(missing.status().location().column, 3u);
  auto table = PlanText("SELECT * FROM nope");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().kind(), ErrorKind::kPlan);
  auto fn = PlanText("SELECT nosuchfn(a) FROM t");
  ASSERT_FALSE(fn.ok());
  EXPECT_NE(fn.status().message().find("Invalid function 'nosuchfn'"), std::string::npos);
  auto ordinal = PlanText("SELECT a FROM t GROUP BY 3");
  ASSERT_FALSE(ordinal.ok());
}

TEST(SqlToRelTest, CtesAndDerivedTables) {
  auto p = PlanText("WITH w(x) AS (SELECT a FROM t) SELECT x FROM (SELECT x FROM w) AS s");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_NE(p->find("SubqueryAlias: s"), std::string::npos);
  EXPECT_NE(p->find("SubqueryAlias: w"), std::string::npos);
}

}  // namespace
}  // namespace quiver
