#include "process_runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "fake_engine.h"
#include "parser.h"
#include "scoreboard.h"

namespace quiver::slt {
namespace {

namespace fs = std::filesystem;

class SltProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("slt_proc_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "test_files");
    options_.factory = FakeEngineFactory();
    options_.record_timeout_s = 0.4;
    options_.jobs = 2;
  }
  void TearDown() override { fs::remove_all(dir_); }

  ScriptJob Job(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p) << text;
    ScriptJob job;
    job.name = name;
    job.path = p.string();
    job.records = ParseScriptFile(job.path);
    return job;
  }

  fs::path dir_;
  ProcessOptions options_;
};

std::vector<Verdict> Verdicts(const ScriptResult& r) {
  std::vector<Verdict> v;
  for (const auto& o : r.outcomes) v.push_back(o.verdict);
  return v;
}

TEST_F(SltProcessTest, CrashCostsOnlyTheCrashingRecord) {
  std::vector<ScriptJob> jobs = {
      Job("a.slt", "statement ok\nOK\n\nstatement ok\nABORT\n\nquery T\nROWS T x\n----\nx\n"),
      Job("b.slt", "query I\nROWS I 1\n----\n1\n")};
  auto results = RunScripts(jobs, options_);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(Verdicts(results[0]),
            (std::vector<Verdict>{Verdict::kPass, Verdict::kFail, Verdict::kPass}));
  EXPECT_EQ(results[0].outcomes[1].fail, FailKind::kCrash);
  EXPECT_NE(results[0].outcomes[1].actual.find("signal"), std::string::npos);
  EXPECT_EQ(results[0].restarts, 1);
  EXPECT_EQ(Verdicts(results[1]), std::vector<Verdict>{Verdict::kPass});
}

TEST_F(SltProcessTest, TimeoutKillsAndResumesWithReplayedState) {
  std::vector<ScriptJob> jobs = {Job("t.slt",
                                     "statement ok\nSET x 42\n\n"
                                     "statement ok\nSLEEP 20000\n\n"
                                     "query T\nGET x\n----\n42\n")};
  auto start = std::chrono::steady_clock::now();
  auto results = RunScripts(jobs, options_);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(secs, 5.0);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcomes[1].fail, FailKind::kTimeout);
  // The SET was replayed in the fresh child, unscored, so GET still sees it.
  EXPECT_EQ(results[0].outcomes[2].verdict, Verdict::kPass) << results[0].outcomes[2].actual;
  EXPECT_EQ(results[0].outcomes[0].verdict, Verdict::kPass);
}

TEST_F(SltProcessTest, GivesUpAfterMaxRestarts) {
  options_.max_restarts = 1;
  std::vector<ScriptJob> jobs = {Job("c.slt",
                                     "statement ok\nABORT\n\nstatement ok\nABORT\n\n"
                                     "statement ok\nOK\n\nstatement ok\nOK\n")};
  auto results = RunScripts(jobs, options_);
  const auto& o = results[0].outcomes;
  EXPECT_EQ(o[0].fail, FailKind::kCrash);
  EXPECT_EQ(o[1].fail, FailKind::kCrash);
  EXPECT_EQ(o[2].fail, FailKind::kCrash);
  EXPECT_EQ(o[3].fail, FailKind::kCrash);
  EXPECT_NE(results[0].note.find("gave up"), std::string::npos);
}

TEST_F(SltProcessTest, HaltSkipsTheRestAndSkipAllReasonRunsNothing) {
  std::vector<ScriptJob> jobs = {Job("h.slt", "statement ok\nOK\n\nhalt\n\nstatement ok\nABORT\n"),
                                 Job("s.slt", "statement ok\nABORT\n")};
  jobs[1].skip_all_reason = "no data";
  auto results = RunScripts(jobs, options_);
  EXPECT_EQ(Verdicts(results[0]),
            (std::vector<Verdict>{Verdict::kPass, Verdict::kSkip, Verdict::kSkip}));
  EXPECT_EQ(Verdicts(results[1]), std::vector<Verdict>{Verdict::kSkip});
  Scoreboard board = BuildScoreboard(jobs, results);
  EXPECT_EQ(board.total.passed, 1);
  EXPECT_EQ(board.total.skipped, 2);  // the halt directive itself is not a record
}

TEST_F(SltProcessTest, ChildRunsInWorkdirWithScratchDirectory) {
  options_.workdir = dir_.string();
  std::vector<ScriptJob> jobs = {
      Job("w.slt", "query T\nCWD\n----\n" + fs::canonical(dir_).string() + "\n")};
  auto results = RunScripts(jobs, options_);
  EXPECT_EQ(results[0].outcomes[0].verdict, Verdict::kPass) << results[0].outcomes[0].actual;
  EXPECT_TRUE(fs::is_directory(dir_ / "test_files" / "scratch" / "w"));
}

TEST_F(SltProcessTest, EngineSetupFailureFailsTheScriptOnly) {
  options_.factory = []() -> Result<std::unique_ptr<SltEngine>> {
    return Status::Internal("no engine today");
  };
  std::vector<ScriptJob> jobs = {Job("f.slt", "statement ok\nOK\n\nstatement ok\nOK\n")};
  auto results = RunScripts(jobs, options_);
  EXPECT_EQ(results[0].outcomes[0].fail, FailKind::kSetup);
  EXPECT_EQ(results[0].outcomes[1].fail, FailKind::kSetup);
  EXPECT_NE(results[0].note.find("no engine today"), std::string::npos);
}

TEST_F(SltProcessTest, ManyScriptsInParallel) {
  std::vector<ScriptJob> jobs;
  for (int i = 0; i < 6; ++i) {
    jobs.push_back(Job("p" + std::to_string(i) + ".slt",
                       "statement ok\nSLEEP 50\n\nquery I\nROWS I " + std::to_string(i) +
                           "\n----\n" + std::to_string(i) + "\n"));
  }
  options_.jobs = 3;
  int done = 0;
  options_.on_script_done = [&](const ScriptResult&) { ++done; };
  auto results = RunScripts(jobs, options_);
  EXPECT_EQ(done, 6);
  for (const auto& r : results) {
    EXPECT_EQ(Verdicts(r), (std::vector<Verdict>{Verdict::kPass, Verdict::kPass})) << r.name;
  }
}

TEST_F(SltProcessTest, MemoryLimitedChildStillRuns) {
  options_.memory_limit_mb = 2048;
  std::vector<ScriptJob> jobs = {Job("m.slt", "query I\nROWS I 7\n----\n7\n")};
  auto results = RunScripts(jobs, options_);
  EXPECT_EQ(results[0].outcomes[0].verdict, Verdict::kPass) << results[0].outcomes[0].actual;
}

}  // namespace
}  // namespace quiver::slt
