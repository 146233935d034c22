// A table over Parquet files whose schemas differ: columns are united by
// name, types widened, missing columns read as nulls; types with nothing in
// common are a clear error. Expected values checked against DuckDB
// (read_parquet(..., union_by_name = true)).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "test_util.h"

namespace quiver {
namespace {

namespace fs = std::filesystem;
using testing::Rows;

class ParquetSchemaMerge : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("quiver_pq_merge_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "t");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Copy(SessionContext& ctx, const std::string& select, const std::string& file) {
    auto r =
        Rows(ctx, "COPY (" + select + ") TO '" + (dir_ / file).string() + "' STORED AS PARQUET");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  fs::path dir_;
};

TEST_F(ParquetSchemaMerge, UnionByNameWithWidenedTypes) {
  SessionContext ctx;
  Copy(ctx, "SELECT column1::INT AS a, column2 AS b FROM (VALUES (1, 'x'), (2, 'y'))",
       "t/1.parquet");
  Copy(ctx, "SELECT 3000000000::BIGINT AS a, 1.5::DOUBLE AS c", "t/2.parquet");
  Copy(ctx, "SELECT 'z' AS b, 7::INT AS c", "t/3.parquet");
  auto st = Rows(
      ctx, "CREATE EXTERNAL TABLE t STORED AS PARQUET LOCATION '" + (dir_ / "t").string() + "'");
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  auto types = Rows(ctx, "SELECT arrow_typeof(a), arrow_typeof(c) FROM t LIMIT 1");
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  EXPECT_EQ(*types, std::vector<std::string>{"Int64|Float64"});
  auto all = Rows(ctx, "SELECT a, b, c FROM t ORDER BY a NULLS LAST, b");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(*all, (std::vector<std::string>{"1|x|NULL", "2|y|NULL", "3000000000|NULL|1.5",
                                            "NULL|z|7.0"}));
  auto filtered = Rows(ctx, "SELECT count(*), sum(a) FROM t WHERE c > 1");
  ASSERT_TRUE(filtered.ok()) << filtered.status().ToString();
  EXPECT_EQ(*filtered, std::vector<std::string>{"2|3000000000"});
  auto missing = Rows(ctx, "SELECT count(*) FROM t WHERE b IS NULL");
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_EQ(*missing, std::vector<std::string>{"1"});
}

TEST_F(ParquetSchemaMerge, IncompatibleTypesAreASchemaError) {
  SessionContext ctx;
  Copy(ctx, "SELECT 1::INT AS a", "t/1.parquet");
  Copy(ctx, "SELECT 'one' AS a", "t/2.parquet");
  auto st = Rows(
      ctx, "CREATE EXTERNAL TABLE t STORED AS PARQUET LOCATION '" + (dir_ / "t").string() + "'");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().kind(), ErrorKind::kSchema);
  EXPECT_NE(st.status().ToString().find("'a'"), std::string::npos) << st.status().ToString();
}

TEST_F(ParquetSchemaMerge, DeclaredSchemaCastsFileColumns) {
  SessionContext ctx;
  Copy(ctx, "SELECT 5::BIGINT AS b", "t/1.parquet");
  Copy(ctx, "SELECT 'q' AS a, 6::BIGINT AS b", "t/2.parquet");
  auto st = Rows(ctx, "CREATE EXTERNAL TABLE t (a VARCHAR, b INT) STORED AS PARQUET LOCATION '" +
                          (dir_ / "t").string() + "'");
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  auto all = Rows(ctx, "SELECT a, b, arrow_typeof(b) FROM t WHERE b > 4 ORDER BY b");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(*all, (std::vector<std::string>{"NULL|5|Int32", "q|6|Int32"}));
}

}  // namespace
}  // namespace quiver
