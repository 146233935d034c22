#include "scoreboard.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "parser.h"

namespace quiver::slt {
namespace {

namespace fs = std::filesystem;

// A job of four scored records: ok, error with pattern, query, EXPLAIN.
ScriptJob MakeJob() {
  ScriptJob job;
  job.name = "x.slt";
  job.records = ParseScript(
      "statement ok\nA\n\nstatement error boom\nB\n\nquery I\nC\n----\n1\n\n"
      "query T\nEXPLAIN D\n----\nplan\n\nonlyif postgres\nstatement ok\nE\n",
      "x.slt");
  return job;
}

RecordOutcome Out(Verdict v, FailKind f = FailKind::kNone, std::string actual = "") {
  RecordOutcome o;
  o.verdict = v;
  o.fail = f;
  o.actual = std::move(actual);
  return o;
}

TEST(SltScoreboard, StrictHeadlineLenientBesideIt) {
  std::vector<ScriptJob> jobs = {MakeJob()};
  ScriptResult res;
  res.name = "x.slt";
  res.outcomes = {Out(Verdict::kPass), Out(Verdict::kFail, FailKind::kErrorMismatch, "bang"),
                  Out(Verdict::kFail, FailKind::kWrongResult, "2"), Out(Verdict::kExplain),
                  Out(Verdict::kSkip)};
  Scoreboard board = BuildScoreboard(jobs, {res});
  const ScriptScore& t = board.total;
  EXPECT_EQ(t.passed, 1);
  EXPECT_EQ(t.failed, 2);
  EXPECT_EQ(t.skipped, 1);
  EXPECT_EQ(t.explain_total, 1);
  EXPECT_EQ(t.error_records, 1);
  EXPECT_EQ(t.error_strict, 0);
  EXPECT_EQ(t.error_lenient, 1);
  EXPECT_EQ(t.lenient_passed(), 2);
  ASSERT_TRUE(board.scripts[0].first_failure.has_value());
  EXPECT_EQ(board.scripts[0].first_failure->location, "x.slt:4");
  EXPECT_EQ(board.scripts[0].first_failure->actual, "bang");
  EXPECT_EQ(SummaryLine(board), "slt: 1 passed, 2 failed, 1 skipped (scored 3), pass rate 33.3%");
  std::string json = ToJson(board);
  EXPECT_NE(json.find("\"first_failure\": {\"location\": \"x.slt:4\""), std::string::npos);
  EXPECT_NE(json.find("\"lenient_passed\": 2"), std::string::npos);
  std::string md = ToMarkdown(board);
  EXPECT_NE(md.find("| x.slt | 1 | 2 | 1 | 33.3% |"), std::string::npos);
  EXPECT_EQ(ListFailures(jobs[0], res).size(), 2u);
}

TEST(SltScoreboard, FloorReadAndRatchet) {
  fs::path p = fs::temp_directory_path() / ("slt_floor_" + std::to_string(getpid()));
  EXPECT_FALSE(ReadFloor(p.string()).ok());
  ASSERT_TRUE(RatchetFloor(p.string(), 10).ok());
  EXPECT_EQ(*ReadFloor(p.string()), 10);
  EXPECT_EQ(*RatchetFloor(p.string(), 7), 10);  // never lowers
  EXPECT_EQ(*RatchetFloor(p.string(), 12), 12);
  EXPECT_EQ(*ReadFloor(p.string()), 12);
  std::ofstream(p) << "12x\n";
  EXPECT_FALSE(ReadFloor(p.string()).ok());
  std::ofstream(p) << "  5 \n";
  EXPECT_EQ(*ReadFloor(p.string()), 5);
  fs::remove(p);
}

}  // namespace
}  // namespace quiver::slt
