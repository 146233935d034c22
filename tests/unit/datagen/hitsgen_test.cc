// The synthetic ClickBench table: ClickBench's exact schema, deterministic
// output independent of threads, and data that ClickBench's filters select.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../execution/test_util.h"
#include "hitsgen/hitsgen.h"

namespace quiver {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "hitsgen_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Generate(const TempDir& dir, const std::string& name, int64_t rows, int threads) {
  HitsgenOptions o;
  o.rows = rows;
  o.threads = threads;
  o.row_group_rows = 4096;
  o.output = dir.path() + "/" + name;
  Status st = GenerateHits(o);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return o.output;
}

int64_t Count(SessionContext& ctx, const std::string& sql) {
  auto rows = testing::Rows(ctx, sql);
  EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status().ToString();
  if (!rows.ok() || rows->size() != 1) return -1;
  return std::stoll((*rows)[0]);
}

TEST(HitsgenTest, SchemaMatchesClickBench) {
  TempDir dir;
  std::string path = Generate(dir, "hits.parquet", 100, 1);
  SessionContext ctx;
  auto ours = ctx.Sql("SELECT * FROM '" + path + "'");
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  std::string ref =
      testing::SharedPath("datafusion-tests/datafusion/core/tests/data/clickbench_hits_10.parquet");
  auto theirs = ctx.Sql("SELECT * FROM '" + ref + "'");
  ASSERT_TRUE(theirs.ok()) << theirs.status().ToString();
  SchemaPtr a = ours->schema().ToArrow(), b = theirs->schema().ToArrow();
  ASSERT_EQ(a->num_fields(), 105);
  ASSERT_EQ(a->num_fields(), b->num_fields());
  for (int i = 0; i < a->num_fields(); ++i) {
    EXPECT_EQ(a->field(i)->name(), b->field(i)->name());
    EXPECT_EQ(a->field(i)->type()->ToString(), b->field(i)->type()->ToString())
        << a->field(i)->name();
  }
}

TEST(HitsgenTest, SameSeedSameFileWhateverTheThreads) {
  TempDir dir;
  std::string one = Generate(dir, "a.parquet", 20000, 1);
  std::string two = Generate(dir, "b.parquet", 20000, 3);
  EXPECT_EQ(ReadFile(one), ReadFile(two));
}

TEST(HitsgenTest, ClickBenchFiltersSelectRows) {
  TempDir dir;
  const int64_t n = 20000;
  std::string path = Generate(dir, "hits.parquet", n, 2);
  SessionContext ctx;
  auto created =
      testing::Rows(ctx, "CREATE EXTERNAL TABLE hits STORED AS PARQUET LOCATION '" + path + "'");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(Count(ctx, "SELECT count(*) FROM hits"), n);
  int64_t counter62 = Count(ctx, "SELECT count(*) FROM hits WHERE \"CounterID\" = 62");
  EXPECT_GT(counter62, n / 5);
  EXPECT_LT(counter62, n / 2);
  EXPECT_GT(Count(ctx, "SELECT count(*) FROM hits WHERE \"URL\" LIKE '%google%'"), 0);
  int64_t phrases = Count(ctx, "SELECT count(*) FROM hits WHERE \"SearchPhrase\" <> ''");
  EXPECT_GT(phrases, n / 20);
  EXPECT_LT(phrases, n / 4);  // mostly empty
  EXPECT_GT(Count(ctx,
                  "SELECT count(*) FROM hits WHERE \"Title\" LIKE '%Google%' AND \"URL\" "
                  "NOT LIKE '%.google.%' AND \"SearchPhrase\" <> ''"),
            0);
  EXPECT_GT(Count(ctx, "SELECT count(*) FROM hits WHERE \"AdvEngineID\" <> 0"), 0);
  EXPECT_GT(Count(ctx, "SELECT count(*) FROM hits WHERE \"MobilePhoneModel\" <> ''"), 0);
  EXPECT_GT(Count(ctx, "SELECT count(*) FROM hits WHERE \"RefererHash\" = 3594120000172545465"), 0);
  EXPECT_GT(Count(ctx, "SELECT count(*) FROM hits WHERE \"URLHash\" = 2868770270353813622"), 0);
  // Skew: the most frequent user and URL stand out from the average.
  int64_t users = Count(ctx, "SELECT count(DISTINCT \"UserID\") FROM hits");
  int64_t top_user = Count(ctx,
                           "SELECT count(*) AS c FROM hits GROUP BY \"UserID\" ORDER BY c DESC "
                           "LIMIT 1");
  EXPECT_GT(users, 500);
  EXPECT_GT(top_user, 20 * n / users);
  // One month of dates and times, consistent with each other.
  auto range = testing::Rows(ctx, "SELECT min(\"EventDate\"), max(\"EventDate\") FROM hits");
  ASSERT_TRUE(range.ok()) << range.status().ToString();
  EXPECT_EQ((*range)[0], "15887|15917");
  EXPECT_EQ(Count(ctx,
                  "SELECT count(*) FROM hits WHERE to_timestamp_seconds(\"EventTime\") < "
                  "TIMESTAMP '2013-07-01 00:00:00' OR to_timestamp_seconds(\"EventTime\") "
                  ">= TIMESTAMP '2013-08-01 00:00:00'"),
            0);
  EXPECT_EQ(Count(ctx,
                  "SELECT count(*) FROM hits WHERE \"EventDate\" <> "
                  "\"EventTime\" / 86400"),
            0);
}

TEST(HitsgenTest, BadOptionsAreErrors) {
  HitsgenOptions o;
  o.rows = -1;
  EXPECT_FALSE(GenerateHits(o).ok());
  o.rows = 10;
  o.compression = "nope";
  TempDir dir;
  o.output = dir.path() + "/x.parquet";
  EXPECT_FALSE(GenerateHits(o).ok());
  EXPECT_FALSE(fs::exists(o.output));
}

}  // namespace
}  // namespace quiver
