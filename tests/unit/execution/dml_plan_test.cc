// INSERT and COPY as plans: Dml / CopyTo logical nodes over the source and a
// DataSinkExec that writes and reports the row count; EXPLAIN shows them
// without writing.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace quiver {
namespace {

using testing::Explain;
using testing::Rows;
namespace fs = std::filesystem;

class DmlPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("quiver_dml_plan_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    ASSERT_TRUE(
        Rows(ctx_, "CREATE TABLE t(a INT NOT NULL, b VARCHAR) AS VALUES (1, 'x'), (2, 'y')").ok());
  }
  void TearDown() override { fs::remove_all(dir_); }
  SessionContext ctx_;
  fs::path dir_;
};

TEST_F(DmlPlanTest, ExplainInsertShowsDmlAndSinkWithoutWriting) {
  std::string plan = Explain(ctx_, "INSERT INTO t VALUES (3, 'z')");
  EXPECT_NE(plan.find("Dml: op=[Insert Into] table=[t]"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Projection: CAST(column1 AS Int32) AS a, column2 AS b"), std::string::npos)
      << plan;
  EXPECT_NE(plan.find("DataSinkExec: sink=MemoryTable (partitions=1)"), std::string::npos) << plan;
  EXPECT_EQ(*Rows(ctx_, "SELECT count(*) FROM t"), std::vector<std::string>{"2"});
}

TEST_F(DmlPlanTest, InsertRunsThroughTheSink) {
  EXPECT_EQ(*Rows(ctx_, "INSERT INTO t SELECT a + 10, b FROM t"), std::vector<std::string>{"2"});
  EXPECT_EQ(*Rows(ctx_, "SELECT sum(a) FROM t"), std::vector<std::string>{"26"});
  auto bad = Rows(ctx_, "INSERT INTO t(b) VALUES ('n')");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("has null but schema specifies non-nullable"),
            std::string::npos);
  auto dup = Rows(ctx_, "INSERT INTO t(a, a) VALUES (1, 2)");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().ToString().find("duplicate unqualified field name a"), std::string::npos);
}

TEST_F(DmlPlanTest, ExplainCopyShowsCopyTo) {
  std::string target = (dir_ / "out").string() + "/";
  std::string plan = Explain(
      ctx_, "COPY t TO '" + target + "' STORED AS PARQUET OPTIONS ('format.compression' 'snappy')");
  EXPECT_NE(plan.find("CopyTo: format=parquet output_url=" + target +
                      " options: (format.compression snappy)"),
            std::string::npos)
      << plan;
  EXPECT_NE(plan.find("DataSinkExec: sink=ParquetSink(file_groups=[])"), std::string::npos) << plan;
  EXPECT_FALSE(fs::exists(target));
  auto missing = Rows(ctx_, "EXPLAIN COPY t TO '" + target + "'");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().ToString().find("Format not explicitly set"), std::string::npos);
}

TEST_F(DmlPlanTest, CopyThenInsertIntoPartitionedTable) {
  std::string target = (dir_ / "p").string() + "/";
  EXPECT_EQ(*Rows(ctx_, "COPY t TO '" + target + "' STORED AS CSV PARTITIONED BY (b)"),
            std::vector<std::string>{"2"});
  ASSERT_TRUE(Rows(ctx_,
                   "CREATE EXTERNAL TABLE p(a INT, b VARCHAR) STORED AS CSV "
                   "PARTITIONED BY (b) LOCATION '" +
                       target + "'")
                  .ok());
  std::string plan = Explain(ctx_, "INSERT INTO p VALUES (5, 'x')");
  EXPECT_NE(plan.find("DataSinkExec: sink=CsvSink(file_groups=[])"), std::string::npos) << plan;
  EXPECT_EQ(*Rows(ctx_, "INSERT INTO p VALUES (5, 'x'), (6, 'w')"), std::vector<std::string>{"2"});
  EXPECT_EQ(*Rows(ctx_, "SELECT b, sum(a) FROM p GROUP BY b ORDER BY b"),
            (std::vector<std::string>{"w|6", "x|6", "y|2"}));
  EXPECT_TRUE(fs::is_directory(dir_ / "p" / "b=w"));
}

}  // namespace
}  // namespace quiver
