#include "parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace quiver::slt {
namespace {

namespace fs = std::filesystem;

TEST(SltParser, StatementOkAndError) {
  auto recs = ParseScript(
      "# comment\n"
      "statement ok\n"
      "CREATE TABLE t(a INT)\n"
      "\n"
      "statement error DataFusion error: Error during planning: table '.*' not found\n"
      "SELECT * FROM nope\n",
      "x.slt");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].kind, RecordKind::kStatement);
  EXPECT_EQ(recs[0].expect, Expect::kOk);
  EXPECT_EQ(recs[0].sql, "CREATE TABLE t(a INT)");
  EXPECT_EQ(recs[0].line, 2);
  EXPECT_EQ(recs[1].expect, Expect::kError);
  EXPECT_EQ(recs[1].error_pattern, "DataFusion error: Error during planning: table '.*' not found");
  EXPECT_EQ(recs[1].sql, "SELECT * FROM nope");
  EXPECT_EQ(recs[1].Location(), "x.slt:5");
}

TEST(SltParser, QueryWithTypesSortModeAndLabel) {
  auto recs = ParseScript(
      "query IT rowsort label-7\n"
      "SELECT a,\n"
      "  b FROM t\n"
      "----\n"
      "1 x\n"
      "  2 y  \n"
      "\n"
      "query R valuesort\n"
      "SELECT 1\n"
      "----\n"
      "1\n"
      "\n"
      "query I nosort\n"
      "SELECT 1 WHERE false\n",
      "q.slt");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].kind, RecordKind::kQuery);
  EXPECT_EQ(recs[0].types, "IT");
  EXPECT_EQ(recs[0].sort, SortMode::kRowSort);
  EXPECT_EQ(recs[0].label, "label-7");
  EXPECT_EQ(recs[0].sql, "SELECT a,\n  b FROM t");
  EXPECT_EQ(recs[0].expected_rows, (std::vector<std::string>{"1 x", "2 y"}));
  EXPECT_EQ(recs[1].sort, SortMode::kValueSort);
  EXPECT_EQ(recs[2].sort, SortMode::kNoSort);
  EXPECT_TRUE(recs[2].expected_rows.empty());
}

TEST(SltParser, QueryErrorAndStatementCount) {
  auto recs = ParseScript(
      "query error Arrow error: Divide by zero\n"
      "SELECT 1/0\n"
      "\n"
      "statement count 44\n"
      "select c2 from test;\n"
      "\n"
      "query error\n"
      "SELECT bad\n",
      "e.slt");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].kind, RecordKind::kQuery);
  EXPECT_EQ(recs[0].expect, Expect::kError);
  EXPECT_EQ(recs[0].error_pattern, "Arrow error: Divide by zero");
  EXPECT_EQ(recs[1].expect, Expect::kCount);
  EXPECT_EQ(recs[1].count, 44);
  EXPECT_EQ(recs[2].expect, Expect::kError);
  EXPECT_TRUE(recs[2].error_pattern.empty());
}

TEST(SltParser, MultilineExpectedError) {
  auto recs = ParseScript(
      "statement error\n"
      "SELECT x\n"
      "----\n"
      "line one\n"
      "\n"
      "line three\n"
      "\n"
      "\n"
      "statement ok\n"
      "SELECT 1\n",
      "m.slt");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_TRUE(recs[0].error_multiline);
  EXPECT_EQ(recs[0].error_message, "line one\n\nline three");
  EXPECT_EQ(recs[1].sql, "SELECT 1");
}

TEST(SltParser, IndentedDashesAreSqlNotSeparator) {
  auto recs = ParseScript(
      "query TB\n"
      "SELECT letter FROM t;\n"
      " ----\n"
      "----\n"
      "A true\n",
      "s.slt");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].sql, "SELECT letter FROM t;\n ----");
  EXPECT_EQ(recs[0].expected_rows, (std::vector<std::string>{"A true"}));
}

TEST(SltParser, BlankLineRightAfterDirectiveBelongsToSql) {
  auto recs = ParseScript("statement ok\n\nCREATE EXTERNAL TABLE t\nSTORED AS ARROW\n", "a.slt");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].kind, RecordKind::kStatement);
  EXPECT_EQ(recs[0].sql, "CREATE EXTERNAL TABLE t\nSTORED AS ARROW");
}

TEST(SltParser, ConditionsHaltControlAndHashThreshold) {
  auto recs = ParseScript(
      "hash-threshold 8\n"
      "\n"
      "onlyif postgres\n"
      "query I\n"
      "SELECT 1\n"
      "----\n"
      "1\n"
      "\n"
      "skipif DataFusion\n"
      "statement ok\n"
      "SELECT 2\n"
      "\n"
      "onlyif datafusion\n"
      "statement ok\n"
      "SELECT 3\n"
      "\n"
      "control sortmode rowsort\n"
      "\n"
      "query I\n"
      "SELECT 4\n"
      "\n"
      "halt\n"
      "\n"
      "statement ok\n"
      "SELECT 5\n",
      "c.slt");
  ASSERT_EQ(recs.size(), 6u);
  EXPECT_TRUE(recs[0].skipped);
  EXPECT_EQ(recs[0].skip_reason, "onlyif postgres");
  EXPECT_TRUE(recs[1].skipped);
  EXPECT_FALSE(recs[2].skipped);
  EXPECT_EQ(recs[3].sort, SortMode::kRowSort);
  EXPECT_EQ(recs[4].kind, RecordKind::kHalt);
  EXPECT_EQ(recs[5].sql, "SELECT 5");
}

TEST(SltParser, UnknownDirectiveBecomesParseErrorAndParsingGoesOn) {
  auto recs = ParseScript(
      "frobnicate now\nmore junk\n\nstatement bogus\nSELECT 1\n\nstatement ok\nSELECT 2\n",
      "u.slt");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].kind, RecordKind::kParseError);
  EXPECT_EQ(recs[1].kind, RecordKind::kParseError);
  EXPECT_EQ(recs[2].sql, "SELECT 2");
}

class SltIncludeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("slt_include_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "sub");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& rel, const std::string& text) { std::ofstream(dir_ / rel) << text; }
  fs::path dir_;
};

TEST_F(SltIncludeTest, GlobsResolveRelativeToIncludingFileInSortedOrder) {
  Write("sub/q2.slt.part", "statement ok\nSELECT 2\n");
  Write("sub/q10.slt.part", "statement ok\nSELECT 10\n");
  Write("sub/q1.slt.part", "statement ok\nSELECT 1\n");
  Write("sub/main.slt", "include ./q*.slt.part\n\nstatement ok\nSELECT 99\n");
  auto recs = ParseScriptFile((dir_ / "sub/main.slt").string());
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_EQ(recs[0].sql, "SELECT 1");
  EXPECT_EQ(recs[1].sql, "SELECT 10");
  EXPECT_EQ(recs[2].sql, "SELECT 2");
  EXPECT_EQ(recs[3].sql, "SELECT 99");
  EXPECT_NE(recs[0].file.find("q1.slt.part"), std::string::npos);
}

TEST_F(SltIncludeTest, MissingIncludeAndCyclesAreParseErrors) {
  Write("a.slt", "include ./nothing*.part\n\ninclude ./a.slt\n");
  auto recs = ParseScriptFile((dir_ / "a.slt").string());
  ASSERT_FALSE(recs.empty());
  EXPECT_EQ(recs[0].kind, RecordKind::kParseError);
  EXPECT_NE(recs[0].parse_error.find("matched no file"), std::string::npos);
  bool saw_depth = false;
  for (const auto& r : recs) saw_depth |= r.parse_error.find("too deeply") != std::string::npos;
  EXPECT_TRUE(saw_depth);
}

TEST(SltParser, UnreadableFile) {
  auto recs = ParseScriptFile("/nonexistent/dir/x.slt");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].kind, RecordKind::kParseError);
}

TEST(SltRecord, LeadingKeywordExplainAndStateChanges) {
  EXPECT_EQ(LeadingKeyword("  -- c\n /* x */ (select 1)"), "SELECT");
  Record r;
  r.kind = RecordKind::kQuery;
  r.sql = "explain SELECT 1";
  EXPECT_TRUE(r.IsExplain());
  EXPECT_FALSE(r.ChangesState());
  r.sql = "insert into t values (1)";
  EXPECT_FALSE(r.IsExplain());
  EXPECT_TRUE(r.ChangesState());
  r.sql = "WITH x AS (SELECT 1) SELECT * FROM x";
  EXPECT_FALSE(r.ChangesState());
}

}  // namespace
}  // namespace quiver::slt
