#include "compare.h"

#include <gtest/gtest.h>

#include "fake_engine.h"
#include "parser.h"
#include "record_runner.h"

namespace quiver::slt {
namespace {

Record QueryRecord(std::vector<std::string> expected, SortMode mode) {
  Record r;
  r.kind = RecordKind::kQuery;
  r.types = "IT";
  r.sort = mode;
  r.expected_rows = std::move(expected);
  return r;
}

SltQueryResult Rows(std::vector<std::vector<std::string>> rows) {
  SltQueryResult res;
  res.types = "IT";
  res.rows = std::move(rows);
  return res;
}

TEST(SltCompare, NoSortComparesInOrder) {
  auto r = QueryRecord({"1 a", "2 b"}, SortMode::kNoSort);
  EXPECT_TRUE(RowsMatch(r, Rows({{"1", "a"}, {"2", "b"}})));
  EXPECT_FALSE(RowsMatch(r, Rows({{"2", "b"}, {"1", "a"}})));
  EXPECT_FALSE(RowsMatch(r, Rows({{"1", "a"}})));
}

TEST(SltCompare, RowSortIgnoresRowOrder) {
  auto r = QueryRecord({"1 a", "2 b"}, SortMode::kRowSort);
  EXPECT_TRUE(RowsMatch(r, Rows({{"2", "b"}, {"1", "a"}})));
  EXPECT_FALSE(RowsMatch(r, Rows({{"2", "a"}, {"1", "b"}})));
}

TEST(SltCompare, ValueSortIgnoresValuePlacement) {
  auto r = QueryRecord({"1 a", "2 b"}, SortMode::kValueSort);
  EXPECT_TRUE(RowsMatch(r, Rows({{"2", "a"}, {"1", "b"}})));
  EXPECT_FALSE(RowsMatch(r, Rows({{"2", "a"}, {"1", "c"}})));
}

TEST(SltCompare, WhitespaceAroundRowsIsIgnored) {
  auto r = QueryRecord({"1 a"}, SortMode::kNoSort);
  EXPECT_TRUE(RowsMatch(r, Rows({{"1", "a "}})));
  EXPECT_EQ(PrintRows({{"x", "", "y"}}), std::vector<std::string>{"x  y"});
}

TEST(SltCompare, ErrorPatternIsSearchedAsRegex) {
  Record r;
  r.expect = Expect::kError;
  r.error_pattern = "Error during planning: Coercion from \\[Utf8\\] to (.*) failed(.|\\n)*";
  EXPECT_TRUE(MatchError(r,
                         "DataFusion error: Error during planning: Coercion from [Utf8] to "
                         "the signature X failed\nmore\nlines")
                  .matched);
  EXPECT_FALSE(MatchError(r, "Error during planning: something else").matched);
  r.error_pattern = "";
  EXPECT_TRUE(MatchError(r, "anything").matched);
}

TEST(SltCompare, InvalidRegexFallsBackToSubstring) {
  Record r;
  r.expect = Expect::kError;
  r.error_pattern = "bad (pattern";
  auto m = MatchError(r, "xx bad (pattern yy");
  EXPECT_TRUE(m.matched);
  EXPECT_FALSE(m.pattern_problem.empty());
}

TEST(SltCompare, MultilineErrorMustBeExact) {
  Record r;
  r.expect = Expect::kError;
  r.error_multiline = true;
  r.error_message = "a\nb";
  EXPECT_TRUE(MatchError(r, "a\nb\n").matched);
  EXPECT_FALSE(MatchError(r, "a\nbc").matched);
}

RecordOutcome RunOne(const std::string& script) {
  auto recs = ParseScript(script, "t.slt");
  EXPECT_EQ(recs.size(), 1u);
  FakeEngine engine;
  return RunRecord(engine, recs.at(0));
}

TEST(SltRecordRunner, Verdicts) {
  EXPECT_EQ(RunOne("statement ok\nOK\n").verdict, Verdict::kPass);
  auto o = RunOne("statement ok\nFAIL boom\n");
  EXPECT_EQ(o.fail, FailKind::kUnexpectedError);
  EXPECT_NE(o.actual.find("boom"), std::string::npos);
  EXPECT_EQ(RunOne("statement error bo+m\nFAIL boom\n").verdict, Verdict::kPass);
  EXPECT_EQ(RunOne("statement error zap\nFAIL boom\n").fail, FailKind::kErrorMismatch);
  EXPECT_EQ(RunOne("statement error\nOK\n").fail, FailKind::kMissingError);
  EXPECT_EQ(RunOne("query error\nROWS I 1\n").fail, FailKind::kMissingError);
  EXPECT_EQ(RunOne("query IT rowsort\nROWS IT 2,b|1,a\n----\n1 a\n2 b\n").verdict, Verdict::kPass);
  EXPECT_EQ(RunOne("query IT\nROWS IT 2,b|1,a\n----\n1 a\n2 b\n").fail, FailKind::kWrongResult);
  auto typed = RunOne("query II\nROWS IT 1,a\n----\n1 a\n");
  EXPECT_EQ(typed.verdict, Verdict::kPass);
  EXPECT_TRUE(typed.types_differ);
  EXPECT_FALSE(RunOne("query IT\nROWS IT 1,a\n----\n1 a\n").types_differ);
  EXPECT_EQ(RunOne("statement count 2\nROWS I 1|2\n").verdict, Verdict::kPass);
  EXPECT_EQ(RunOne("statement count 3\nROWS I 1|2\n").fail, FailKind::kWrongCount);
  auto ex = RunOne("query TT\nEXPLAIN x\n----\nplan\n");
  EXPECT_EQ(ex.verdict, Verdict::kExplain);
  EXPECT_FALSE(ex.explain_matched);
  EXPECT_EQ(RunOne("onlyif postgres\nstatement ok\nABORT\n").verdict, Verdict::kSkip);
}

}  // namespace
}  // namespace quiver::slt
