// EXPLAIN ANALYZE runs the query and shows the plan with metrics: the
// Parquet scan reports rows out, row groups pruned by statistics and rows
// pruned by the page index.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "test_util.h"

namespace quiver {
namespace {

namespace fs = std::filesystem;
using testing::Rows;

TEST(ExplainAnalyze, ParquetScanShowsPruningMetrics) {
  const auto dir = fs::temp_directory_path() / ("quiver_analyze_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "a.parquet").string();
  SessionContext ctx;
  auto w = Rows(ctx, "COPY (SELECT value AS x FROM generate_series(1, 30000)) TO '" + path +
                         "' STORED AS PARQUET OPTIONS ('format.max_row_group_size' '10000')");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ASSERT_TRUE(Rows(ctx, "CREATE EXTERNAL TABLE a STORED AS PARQUET LOCATION '" + path + "'").ok());
  auto r = Rows(ctx, "EXPLAIN ANALYZE SELECT count(*) FROM a WHERE x > 25000");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  const std::string& text = (*r)[0];
  EXPECT_EQ(text.rfind("Plan with Metrics|", 0), 0u) << text;
  EXPECT_NE(text.find("row_groups_pruned_statistics=2"), std::string::npos) << text;
  EXPECT_NE(text.find("page_index_rows_pruned="), std::string::npos) << text;
  EXPECT_NE(text.find("output_rows=1,"), std::string::npos) << text;  // the one result row
  // The query ran: the scan produced at most the surviving row group's rows.
  EXPECT_NE(text.find("ParquetExec"), std::string::npos) << text;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace quiver
