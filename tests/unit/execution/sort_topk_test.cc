// ORDER BY ... LIMIT k keeps each worker's best k rows (SortExec top-k): the
// rows, ties included, must be exactly the first k of the full sort, over
// several partitions, null keys and every direction.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "test_util.h"

namespace quiver {
namespace {

namespace fs = std::filesystem;
using testing::Rows;

TEST(SortTopK, EqualsThePrefixOfTheFullSort) {
  const fs::path dir = fs::temp_directory_path() / ("quiver_topk_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "t.parquet").string();
  SessionContext ctx;
  ASSERT_TRUE(Rows(ctx, "SET datafusion.execution.target_partitions = 4").ok());
  auto w = Rows(ctx,
                "COPY (SELECT v, v % 7 AS k, CASE WHEN v % 11 = 0 THEN NULL ELSE (v * 37) % 101 "
                "END AS m, 'row' || CAST(v % 1000 AS VARCHAR) AS s FROM generate_series(1, 60000) "
                "t(v)) TO '" + path + "' STORED AS PARQUET OPTIONS (max_row_group_size 5000)");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ASSERT_TRUE(Rows(ctx, "CREATE EXTERNAL TABLE t STORED AS PARQUET LOCATION '" + path + "'").ok());
  const char* orders[] = {"k",          "k DESC, m NULLS FIRST", "m DESC NULLS LAST",
                          "m NULLS FIRST", "s, k DESC",          "k + m DESC, v"};
  for (const char* order : orders) {
    SCOPED_TRACE(order);
    auto full = Rows(ctx, std::string("SELECT * FROM t ORDER BY ") + order);
    ASSERT_TRUE(full.ok()) << full.status().ToString();
    ASSERT_EQ(full->size(), 60000u);
    for (auto [limit, offset] : {std::pair{1, 0}, {25, 0}, {10, 7}, {3000, 0}, {0, 0}}) {
      auto top = Rows(ctx, std::string("SELECT * FROM t ORDER BY ") + order + " LIMIT " +
                               std::to_string(limit) + " OFFSET " + std::to_string(offset));
      ASSERT_TRUE(top.ok()) << top.status().ToString();
      std::vector<std::string> want(full->begin() + offset, full->begin() + offset + limit);
      EXPECT_EQ(*top, want) << "LIMIT " << limit << " OFFSET " << offset;
    }
  }
  // The limit reaches the sort through the projections that drop the sort
  // key and compute it.
  for (const char* q : {"SELECT * FROM t ORDER BY k LIMIT 5",
                        "SELECT s FROM t ORDER BY k + m DESC, v LIMIT 5"}) {
    auto plan = Rows(ctx, std::string("EXPLAIN ") + q);
    ASSERT_TRUE(plan.ok());
    bool topk = false;
    for (const auto& line : *plan) topk |= line.find("TopK(fetch=5)") != std::string::npos;
    EXPECT_TRUE(topk) << q;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace quiver
