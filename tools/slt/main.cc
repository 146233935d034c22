// quiver-slt: runs sqllogictest scripts (DataFusion's corpus or our own) on
// Quiver, each script in its own child process, and scores the outcome.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "discover.h"
#include "fake_engine.h"
#include "parser.h"
#include "process_runner.h"
#include "scoreboard.h"
#include "tpch_fixture.h"
#include "workdir.h"
#ifdef QUIVER_SLT_HAVE_QUIVER
#include "quiver_engine.h"
#endif

namespace quiver::slt {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage = R"(usage: quiver-slt [options] [script|substring|glob ...]

Runs sqllogictest scripts, each in a fresh session in its own process, and
prints one summary line. Without arguments runs every corpus script.

options:
  --corpus DIR        corpus root (default: $QUIVER_SHARED_DIR/datafusion-tests)
  --engine NAME       quiver (default when built) or fake (the runner's test engine)
  -j N                scripts run in parallel (default 2)
  --timeout SECONDS   per-record time limit (default 20)
  --max-restarts N    fresh children per script after hangs/crashes (default 10)
  --mem-limit MB      address-space limit of each script's process (default: none)
  --json FILE         write the scoreboard as JSON
  --markdown FILE     write the scoreboard as a Markdown table
  --floor FILE        fail (exit 1) when fewer records pass than the number in FILE
  --write-floor FILE  raise the number in FILE to the passed count (never lowers it)
  --strict            fail (exit 1) on any failing record (for our own scripts)
  --tpchgen PATH      TPC-H generator used to make SF 0.1 data for tpch/tpch.slt
  --verbose           print every failing record in full, and per-script progress
  --list              list the selected scripts and exit
  --keep-tmp          keep the temporary working tree and print its path
)";

struct Options {
  std::string corpus;
  std::string engine;
  int jobs = 2;
  double timeout = 20;
  int max_restarts = 10;
  int mem_limit_mb = 0;
  std::string json, markdown, floor, write_floor, tpchgen;
  bool strict = false, verbose = false, list = false, keep_tmp = false;
  std::vector<std::string> selections;
};

bool ParseInt(const std::string& s, int* out) {
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v < 0 || v > 1000000) return false;
  *out = static_cast<int>(v);
  return true;
}

// Returns an empty string on success, else the problem.
std::string ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* dst) -> bool {
      if (i + 1 >= argc) return false;
      *dst = argv[++i];
      return true;
    };
    std::string v;
    if (a == "-h" || a == "--help") {
      return "help";
    } else if (a == "--corpus") {
      if (!value(&o->corpus)) return "--corpus needs a directory";
    } else if (a == "--engine") {
      if (!value(&o->engine)) return "--engine needs a name";
    } else if (a == "-j" || a == "--jobs") {
      if (!value(&v) || !ParseInt(v, &o->jobs) || o->jobs < 1) return "-j needs a count >= 1";
    } else if (a.rfind("-j", 0) == 0 && a.size() > 2) {
      if (!ParseInt(a.substr(2), &o->jobs) || o->jobs < 1) return "-j needs a count >= 1";
    } else if (a == "--timeout") {
      char* end = nullptr;
      if (!value(&v)) return "--timeout needs seconds";
      o->timeout = std::strtod(v.c_str(), &end);
      if (*end != '\0' || !(o->timeout > 0)) return "--timeout needs a positive number";
    } else if (a == "--max-restarts") {
      if (!value(&v) || !ParseInt(v, &o->max_restarts)) return "--max-restarts needs a count";
    } else if (a == "--mem-limit") {
      if (!value(&v) || !ParseInt(v, &o->mem_limit_mb)) return "--mem-limit needs MiB";
    } else if (a == "--json") {
      if (!value(&o->json)) return "--json needs a file";
    } else if (a == "--markdown") {
      if (!value(&o->markdown)) return "--markdown needs a file";
    } else if (a == "--floor") {
      if (!value(&o->floor)) return "--floor needs a file";
    } else if (a == "--write-floor") {
      if (!value(&o->write_floor)) return "--write-floor needs a file";
    } else if (a == "--tpchgen") {
      if (!value(&o->tpchgen)) return "--tpchgen needs a path";
    } else if (a == "--strict") {
      o->strict = true;
    } else if (a == "--verbose" || a == "-v") {
      o->verbose = true;
    } else if (a == "--list") {
      o->list = true;
    } else if (a == "--keep-tmp") {
      o->keep_tmp = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return "unknown option " + a;
    } else {
      o->selections.push_back(a);
    }
  }
  return "";
}

std::string DefaultCorpus() {
  if (const char* env = std::getenv("QUIVER_SHARED_DIR"); env && *env) {
    return std::string(env) + "/datafusion-tests";
  }
#ifdef QUIVER_SHARED_DIR
  return std::string(QUIVER_SHARED_DIR) + "/datafusion-tests";
#else
  return "";
#endif
}

Result<EngineFactory> MakeFactory(const std::string& name) {
  std::string engine = name;
#ifdef QUIVER_SLT_HAVE_QUIVER
  if (engine.empty()) engine = "quiver";
  if (engine == "quiver") return QuiverEngineFactory();
#else
  if (engine.empty()) {
    std::cerr << "quiver-slt: built without the Quiver engine; using the fake engine\n";
    engine = "fake";
  }
#endif
  if (engine == "fake") return FakeEngineFactory();
  return Status::Configuration("unknown or unavailable engine: " + engine);
}

void PrintFailures(const ScriptJob& job, const ScriptResult& res) {
  for (const Failure& f : ListFailures(job, res)) {
    std::cerr << "---- " << f.location << ": " << f.reason << "\n[sql]\n"
              << f.sql << "\n[expected]\n"
              << f.expected << "\n[actual]\n"
              << f.actual << "\n";
  }
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

int Main(int argc, char** argv) {
  Options opt;
  std::string problem = ParseArgs(argc, argv, &opt);
  if (problem == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (!problem.empty()) {
    std::cerr << "quiver-slt: " << problem << "\n" << kUsage;
    return 2;
  }
  if (opt.corpus.empty()) opt.corpus = DefaultCorpus();
  const std::string test_files = opt.corpus + "/datafusion/sqllogictest/test_files";
  std::vector<ScriptRef> corpus = ListScripts(test_files);
  std::vector<std::string> unmatched;
  std::vector<ScriptRef> selected = SelectScripts(corpus, opt.selections, &unmatched);
  for (const auto& u : unmatched) std::cerr << "quiver-slt: no script matches '" << u << "'\n";
  if (!unmatched.empty()) return 2;
  if (opt.list) {
    for (const auto& s : selected) std::cout << s.name << "\n";
    return 0;
  }
  if (selected.empty()) {
    std::cerr << "quiver-slt: no scripts to run (corpus: " << opt.corpus << ")\n";
    return 2;
  }
  auto factory = MakeFactory(opt.engine);
  if (!factory.ok()) {
    std::cerr << "quiver-slt: " << factory.status().ToString() << "\n";
    return 2;
  }
  auto workdir = CreateCorpusMirror(opt.corpus);
  if (!workdir.ok()) {
    std::cerr << "quiver-slt: " << workdir.status().ToString() << "\n";
    return 2;
  }

  std::vector<ScriptJob> jobs;
  std::error_code ec;
  const std::string tf_prefix = fs::weakly_canonical(test_files, ec).string() + "/";
  std::string tpch_problem = "?";
  for (const auto& s : selected) {
    ScriptJob job;
    job.name = s.name;
    job.path = s.path;
    job.records = ParseScriptFile(s.path);
    // Compare canonical paths: the corpus may be reached through a symlink
    // (../shared linked beside a checkout), which tf_prefix has resolved.
    for (Record& r : job.records) {
      std::string file = fs::weakly_canonical(r.file, ec).string();
      if (file.rfind(tf_prefix, 0) == 0) r.file = file.substr(tf_prefix.size());
    }
    const std::string script = fs::weakly_canonical(s.path, ec).string();
    if (s.name.rfind("tpch/", 0) == 0 && script.rfind(tf_prefix, 0) == 0) {
      if (tpch_problem == "?") tpch_problem = PrepareTpch(workdir->slt_dir, opt.tpchgen);
      job.skip_all_reason = tpch_problem;
    }
    jobs.push_back(std::move(job));
  }

  ProcessOptions popt;
  popt.jobs = opt.jobs;
  popt.record_timeout_s = opt.timeout;
  popt.max_restarts = opt.max_restarts;
  popt.memory_limit_mb = opt.mem_limit_mb;
  popt.workdir = workdir->slt_dir;
  popt.factory = *factory;
  if (opt.verbose) {
    popt.on_script_done = [](const ScriptResult& r) {
      std::cerr << "done " << r.name << " (" << r.seconds << " s"
                << (r.note.empty() ? "" : ", " + r.note) << ")\n";
    };
  }
  std::vector<ScriptResult> results = RunScripts(jobs, popt);
  Scoreboard board = BuildScoreboard(jobs, results);

  if (opt.verbose) {
    for (size_t j = 0; j < jobs.size(); ++j) PrintFailures(jobs[j], results[j]);
  }
  int rc = 0;
  if (!opt.json.empty() && !WriteFile(opt.json, ToJson(board))) {
    std::cerr << "quiver-slt: cannot write " << opt.json << "\n";
    rc = 2;
  }
  if (!opt.markdown.empty() && !WriteFile(opt.markdown, ToMarkdown(board))) {
    std::cerr << "quiver-slt: cannot write " << opt.markdown << "\n";
    rc = 2;
  }
  std::cout << SummaryLine(board) << std::endl;

  const int64_t passed = board.total.passed;
  if (!opt.floor.empty()) {
    auto floor = ReadFloor(opt.floor);
    if (!floor.ok()) {
      std::cerr << "quiver-slt: " << floor.status().ToString() << "\n";
      rc = rc ? rc : 2;
    } else if (passed < *floor) {
      std::cerr << "quiver-slt: " << passed << " passed is below the floor of " << *floor << "\n";
      rc = rc ? rc : 1;
    }
  }
  if (!opt.write_floor.empty()) {
    auto written = RatchetFloor(opt.write_floor, passed);
    if (!written.ok()) {
      std::cerr << "quiver-slt: " << written.status().ToString() << "\n";
      rc = rc ? rc : 2;
    }
  }
  if (opt.strict && board.total.failed > 0) {
    if (!opt.verbose) {
      for (size_t j = 0; j < jobs.size(); ++j) PrintFailures(jobs[j], results[j]);
    }
    std::cerr << "quiver-slt: --strict: " << board.total.failed << " record(s) failed\n";
    rc = rc ? rc : 1;
  }
  if (opt.keep_tmp) {
    std::cerr << "quiver-slt: kept " << workdir->root << "\n";
  } else {
    (void)RemoveWorkdir(*workdir);
  }
  return rc;
}

}  // namespace
}  // namespace quiver::slt

int main(int argc, char** argv) { return quiver::slt::Main(argc, argv); }
