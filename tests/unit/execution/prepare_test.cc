// Parameter binding: DataFrame::WithParamValues, PREPARE/EXECUTE and their
// errors. Expected rows were checked with DuckDB on the same data.
#include <gtest/gtest.h>

#include "quiver/execution/session_state.h"
#include "quiver/logical/prepare.h"
#include "test_util.h"

namespace quiver {
namespace {

using V = std::vector<std::string>;

class PrepareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ctx_.Sql("CREATE TABLE person (id INT, name VARCHAR, age INT) AS VALUES "
                         "(1, 'jane', 20), (2, 'bob', 30), (3, 'ann', 25), (4, 'tom', 40)")
                    .ok());
  }
  static V Collect(const Result<DataFrame>& df) {
    EXPECT_TRUE(df.ok()) << df.status().ToString();
    if (!df.ok()) return {};
    auto batches = df->Collect();
    EXPECT_TRUE(batches.ok()) << batches.status().ToString();
    if (!batches.ok()) return {};
    return testing::BatchRows(*batches);
  }
  SessionContext ctx_;
};

TEST_F(PrepareTest, WithParamValuesCastsToInferredType) {
  auto df = ctx_.Sql("SELECT id FROM person WHERE age > $1 ORDER BY id");
  ASSERT_TRUE(df.ok()) << df.status().ToString();
  // $1 takes the type of `age` (Int32); the Int64 value is cast to it.
  EXPECT_EQ(Collect(df->WithParamValues({ScalarValue::Int64(24)})), (V{"2", "3", "4"}));
  // The same DataFrame binds other values independently.
  EXPECT_EQ(Collect(df->WithParamValues({ScalarValue::Utf8("30")})), (V{"4"}));
}

TEST_F(PrepareTest, WithParamValuesKeepsColumnNamesAndBindsLimit) {
  auto df = ctx_.Sql("SELECT $1, name FROM person ORDER BY id LIMIT $2");
  ASSERT_TRUE(df.ok()) << df.status().ToString();
  auto bound = df->WithParamValues({ScalarValue::Utf8("x"), ScalarValue::Int64(2)});
  ASSERT_TRUE(bound.ok()) << bound.status().ToString();
  EXPECT_EQ(bound->schema().field(0)->name(), "$1");
  EXPECT_EQ(bound->schema().field(0)->type()->ToString(), "Utf8");
  EXPECT_EQ(Collect(bound), (V{"x|jane", "x|bob"}));
}

TEST_F(PrepareTest, MissingValueAndUnboundPlaceholderAreErrors) {
  auto df = ctx_.Sql("SELECT id FROM person WHERE age > $1 AND id < $2");
  ASSERT_TRUE(df.ok());
  auto bound = df->WithParamValues({ScalarValue::Int64(1)});
  ASSERT_FALSE(bound.ok());
  EXPECT_NE(bound.status().message().find("No value found for placeholder with id $2"),
            std::string::npos)
      << bound.status().ToString();
  auto run = df->Collect();
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.status().message().find("was not provided a value"), std::string::npos);
  auto limit = ctx_.Sql("SELECT id FROM person LIMIT $1");
  ASSERT_TRUE(limit.ok());
  EXPECT_FALSE(limit->Collect().ok());
}

TEST_F(PrepareTest, PreparedPlanChecksCountAndTypes) {
  ASSERT_TRUE(ctx_.Sql("PREPARE q(INT, VARCHAR) AS SELECT id FROM person WHERE age = $1 OR "
                       "name = $2 ORDER BY id")
                  .ok());
  auto prepared = ctx_.state()->prepared_statements().Get("q");
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared->plan->NodeToString(), "Prepare: \"q\" [Int32, Utf8]");
  DataFrame df(ctx_.state(), prepared->plan);
  auto few = df.WithParamValues({ScalarValue::Int32(20)});
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.status().message(), "Expected 2 parameters, got 1");
  auto wrong = df.WithParamValues({ScalarValue::Int64(20), ScalarValue::Utf8("bob")});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message(), "Expected parameter of type Int32, got Int64 at index 0");
  EXPECT_EQ(Collect(df.WithParamValues({ScalarValue::Int32(20), ScalarValue::Utf8("bob")})),
            (V{"1", "2"}));
  // EXECUTE casts its arguments to the declared types first.
  auto rows = testing::Rows(ctx_, "EXECUTE q(25, 'tom')");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (V{"3", "4"}));
}

TEST_F(PrepareTest, StatementErrors) {
  ASSERT_TRUE(ctx_.Sql("PREPARE q AS SELECT id FROM person WHERE id = $1").ok());
  auto dup = ctx_.Sql("PREPARE q AS SELECT 1");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().message(), "Prepared statement 'q' already exists");
  auto missing = ctx_.Sql("EXECUTE q");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("No value found for placeholder with id $1"),
            std::string::npos);
  auto column_arg = ctx_.Sql("EXECUTE q(id)");
  EXPECT_FALSE(column_arg.ok());
  EXPECT_TRUE(ctx_.Sql("DEALLOCATE q").ok());
  auto gone = ctx_.Sql("DEALLOCATE q");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().message(), "Prepared statement 'q' does not exist");
}

TEST(PlaceholderTest, Index) {
  EXPECT_EQ(*PlaceholderIndex("$1"), 1);
  EXPECT_EQ(*PlaceholderIndex("$12"), 12);
  EXPECT_FALSE(PlaceholderIndex("$0").ok());
  EXPECT_FALSE(PlaceholderIndex("$x").ok());
  EXPECT_FALSE(PlaceholderIndex("?").ok());
}

}  // namespace
}  // namespace quiver
