// SessionContext / DataFrame entry points for NDJSON and Arrow IPC files.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "quiver/execution/session_context.h"
#include "test_util.h"

namespace quiver {
namespace {

using testing::Rows;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "quiver_fmt_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

TEST(JsonArrowApi, WriteThenReadAndRegister) {
  TempDir dir;
  SessionContext ctx;
  auto df = ctx.Sql(
      "SELECT v AS i, CAST(v AS VARCHAR) AS s, arrow_cast(CASE WHEN v % 2 = 0 THEN 'even' ELSE "
      "'odd' END, 'Dictionary(Int32, Utf8)') AS k FROM generate_series(1, 20000) AS t(v)");
  ASSERT_TRUE(df.ok()) << df.status().ToString();
  // Many batches with dictionaries: the IPC file keeps one dictionary per column.
  ASSERT_TRUE(df->WriteArrow(dir / "t.arrow").ok());
  json::JsonWriteOptions gz;
  gz.compression = csv::CsvCompression::kGzip;
  ASSERT_TRUE(df->WriteJson(dir / "t.json.gz", gz).ok());

  auto arrow = ctx.ReadArrow(dir / "t.arrow");
  ASSERT_TRUE(arrow.ok()) << arrow.status().ToString();
  ASSERT_TRUE(ctx.RegisterArrow("a", dir / "t.arrow").ok());
  json::JsonReadOptions o;
  o.compression = csv::CsvCompression::kGzip;
  ASSERT_TRUE(ctx.RegisterJson("j", dir / "t.json.gz", o).ok());
  auto rows =
      Rows(ctx,
           "SELECT a.k, count(*), sum(a.i), max(j.s), arrow_typeof(a.k), max(arrow_typeof(j.k)) "
           "FROM a JOIN j ON a.i = j.i GROUP BY a.k ORDER BY a.k");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows,
            (std::vector<std::string>{"even|10000|100010000|9998|Dictionary(Int32, Utf8)|Utf8",
                                      "odd|10000|100000000|9999|Dictionary(Int32, Utf8)|Utf8"}));
  auto json_df = ctx.ReadJson(dir / "t.json.gz", o);
  ASSERT_TRUE(json_df.ok()) << json_df.status().ToString();
  auto batches = json_df->Collect();
  ASSERT_TRUE(batches.ok());
  int64_t n = 0;
  for (const auto& b : *batches) n += b->num_rows();
  EXPECT_EQ(n, 20000);
}

TEST(JsonArrowApi, ArrowStreamFilesAndErrors) {
  SessionContext ctx;
  const std::string dir = testing::SharedPath(
      "datafusion-tests/testing/data/arrow-ipc-stream/integration/1.0.0-littleendian/");
  auto rows = Rows(ctx, "SELECT count(*) FROM (SELECT * FROM read_arrow('" + dir +
                            "generated_nested.stream') EXCEPT ALL SELECT * FROM read_arrow('" +
                            dir + "generated_nested.arrow_file'))");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, std::vector<std::string>{"0"});
  // Not an Arrow file: an error, not a crash.
  auto bad = Rows(
      ctx, "SELECT * FROM read_arrow('" +
               testing::SharedPath("datafusion-tests/datafusion/core/tests/data/2.json") + "')");
  EXPECT_FALSE(bad.ok());
  auto no_args = Rows(ctx, "SELECT * FROM read_json()");
  EXPECT_FALSE(no_args.ok());
}

}  // namespace
}  // namespace quiver
