// quiver-plan-rate: the share of corpus records expected to succeed that
// Quiver can plan, with the failures grouped by construct. Each script runs in
// its own child process (a crash or hang costs that script only).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "discover.h"
#include "plan_rate.h"
#include "tpch_fixture.h"
#include "workdir.h"

namespace quiver::plan_rate {
namespace {

constexpr const char* kUsage = R"(usage: quiver-plan-rate [options] [script substring ...]

For every query/statement record the corpus expects to succeed, tries to plan
it (statements run so that later records see their tables) and prints the
share planned and the most frequent errors, grouped by construct.

options:
  --corpus DIR   corpus root (default: $QUIVER_SHARED_DIR/datafusion-tests)
  -j N           scripts in parallel (default 2)
  --top N        error groups printed (default 15)
  --verbose      print every record that fails to plan
)";

constexpr int kScriptSeconds = 120;

struct ScriptResult {
  std::string name;
  std::vector<PlanOutcome> outcomes;
  std::string crash;  // why the child did not finish, if it did not
};

void WriteOutcomes(const std::string& file, const std::vector<PlanOutcome>& outs) {
  std::ofstream f(file);
  for (const auto& o : outs) {
    std::string err = o.error;
    std::replace(err.begin(), err.end(), '\n', ' ');
    std::replace(err.begin(), err.end(), '\t', ' ');
    f << o.line << '\t' << (o.planned ? 1 : 0) << '\t' << err << '\n';
  }
}

std::vector<PlanOutcome> ReadOutcomes(const std::string& file) {
  std::vector<PlanOutcome> outs;
  std::ifstream f(file);
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream ss(line);
    std::string l, p, e;
    std::getline(ss, l, '\t');
    std::getline(ss, p, '\t');
    std::getline(ss, e);
    PlanOutcome o;
    o.line = std::atoi(l.c_str());
    o.planned = p == "1";
    o.error = e;
    outs.push_back(std::move(o));
  }
  return outs;
}

int Main(int argc, char** argv) {
  std::string corpus = std::string(QUIVER_SHARED_DIR) + "/datafusion-tests";
  int jobs = 2, top = 15;
  bool verbose = false;
  std::vector<std::string> selections;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--corpus" && has_value) {
      corpus = argv[++i];
    } else if (a == "-j" && has_value) {
      jobs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--top" && has_value) {
      top = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--verbose") {
      verbose = true;
    } else if (a == "-h" || a == "--help" || (!a.empty() && a[0] == '-')) {
      std::cerr << kUsage;
      return a[0] == '-' && a != "-h" && a != "--help" ? 2 : 0;
    } else {
      selections.push_back(a);
    }
  }
  std::string test_files = corpus + "/datafusion/sqllogictest/test_files";
  std::vector<std::string> unmatched;
  auto scripts = slt::SelectScripts(slt::ListScripts(test_files), selections, &unmatched);
  for (const auto& u : unmatched) std::cerr << "quiver-plan-rate: no script matches " << u << "\n";
  if (scripts.empty()) return 2;
  auto workdir = slt::CreateCorpusMirror(corpus);
  if (!workdir.ok()) {
    std::cerr << "quiver-plan-rate: " << workdir.status().ToString() << "\n";
    return 2;
  }
  // tpch/*.slt read SF 0.1 tables that the scratch copy must be given first.
  for (const auto& s : scripts) {
    if (s.name.rfind("tpch/", 0) != 0) continue;
    std::string problem = slt::PrepareTpch(workdir->slt_dir, "");
    if (!problem.empty()) std::cerr << "quiver-plan-rate: " << problem << "\n";
    break;
  }
  std::vector<ScriptResult> results(scripts.size());
  std::map<pid_t, size_t> running;
  auto out_file = [&](size_t i) { return workdir->root + "/plan_rate_" + std::to_string(i); };
  auto reap = [&]() {
    int status = 0;
    pid_t pid = wait(&status);
    if (pid <= 0) return;
    size_t i = running[pid];
    running.erase(pid);
    results[i].outcomes = ReadOutcomes(out_file(i));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      results[i].crash = WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                             : "exit " + std::to_string(WEXITSTATUS(status));
    }
  };
  for (size_t i = 0; i < scripts.size(); ++i) {
    results[i].name = scripts[i].name;
    while (static_cast<int>(running.size()) >= jobs) reap();
    std::string slt_path = workdir->slt_dir + "/test_files/" + scripts[i].name;
    pid_t pid = fork();
    if (pid == 0) {
      alarm(kScriptSeconds);
      if (chdir(workdir->slt_dir.c_str()) != 0) _exit(3);
      WriteOutcomes(out_file(i), PlanScript(scripts[i].path));
      std::fflush(nullptr);
      _exit(0);
    }
    if (pid < 0) {
      results[i].crash = "fork failed";
      continue;
    }
    running[pid] = i;
  }
  while (!running.empty()) reap();

  int64_t total = 0, planned = 0;
  std::map<std::string, int64_t> groups, functions;
  for (const auto& r : results) {
    if (!r.crash.empty()) std::cout << "script " << r.name << " ended early: " << r.crash << "\n";
    for (const auto& o : r.outcomes) {
      ++total;
      if (o.planned) {
        ++planned;
        continue;
      }
      ++groups[ErrorGroup(o.error)];
      // Which functions are missing, for the "Invalid function" group.
      const std::string marker = "Invalid function '";
      if (size_t at = o.error.find(marker); at != std::string::npos) {
        size_t start = at + marker.size();
        ++functions[o.error.substr(start, o.error.find('\'', start) - start)];
      }
      if (verbose) std::cout << r.name << ":" << o.line << ": " << o.error << "\n";
    }
  }
  std::vector<std::pair<int64_t, std::string>> sorted;
  for (const auto& [g, n] : groups) sorted.push_back({n, g});
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::printf("planned %lld of %lld records expected to succeed (%.1f%%) in %zu scripts\n",
              static_cast<long long>(planned), static_cast<long long>(total),
              total ? 100.0 * static_cast<double>(planned) / static_cast<double>(total) : 0.0,
              scripts.size());
  std::printf("top error groups:\n");
  for (size_t i = 0; i < sorted.size() && static_cast<int>(i) < top; ++i) {
    std::printf("%6lld  %s\n", static_cast<long long>(sorted[i].first), sorted[i].second.c_str());
  }
  std::vector<std::pair<int64_t, std::string>> fsorted;
  for (const auto& [f, n] : functions) fsorted.push_back({n, f});
  std::sort(fsorted.begin(), fsorted.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::printf("most used missing functions:");
  for (size_t i = 0; i < fsorted.size() && static_cast<int>(i) < top; ++i) {
    std::printf(" %s (%lld)", fsorted[i].second.c_str(), static_cast<long long>(fsorted[i].first));
  }
  std::printf("\n");
  (void)slt::RemoveWorkdir(*workdir);
  return 0;
}

}  // namespace
}  // namespace quiver::plan_rate

int main(int argc, char** argv) { return quiver::plan_rate::Main(argc, argv); }
