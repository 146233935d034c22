#include "process_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>

#include "child_protocol.h"
#include "record_runner.h"

namespace quiver::slt {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

void WriteAll(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);  // parent gone: nobody to report to
    off += static_cast<size_t>(n);
  }
}

void Send(int fd, ChildMessage msg) { WriteAll(fd, EncodeMessage(msg)); }

std::string ScriptStem(const std::string& path) { return fs::path(path).stem().string(); }

// The child: runs records [start, end) of `job`, after replaying `replay`.
[[noreturn]] void ChildMain(const ScriptJob& job, int start, int end,
                            const std::vector<int>& replay, bool fresh, int fd,
                            const ProcessOptions& options) {
  signal(SIGPIPE, SIG_IGN);
  if (options.memory_limit_mb > 0) {
    rlimit lim{};
    lim.rlim_cur = lim.rlim_max = static_cast<rlim_t>(options.memory_limit_mb) << 20;
    setrlimit(RLIMIT_AS, &lim);
  }
  if (options.silence_child_stdout) {
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, STDOUT_FILENO);
  }
  ChildMessage setup;
  setup.type = MessageType::kStart;
  setup.index = -1;
  Send(fd, setup);
  auto fatal = [&](const std::string& why) {
    ChildMessage m;
    m.type = MessageType::kFatal;
    m.text = why;
    Send(fd, m);
    _exit(0);
  };
  if (!options.workdir.empty()) {
    if (chdir(options.workdir.c_str()) != 0) {
      fatal("cannot enter " + options.workdir + ": " + std::strerror(errno));
    }
    // Scripts write scratch output under test_files/scratch/<stem>/.
    std::error_code ec;
    fs::path scratch = fs::path("test_files") / "scratch" / ScriptStem(job.path);
    if (fresh) fs::remove_all(scratch, ec);
    fs::create_directories(scratch, ec);
  }
  auto engine = options.factory();
  if (!engine.ok()) fatal("engine: " + engine.status().ToString());
  Status prepared = (*engine)->Prepare(job.name);
  if (!prepared.ok()) fatal("prepare: " + prepared.ToString());
  for (int idx : replay) {
    ChildMessage m;
    m.type = MessageType::kStart;
    m.index = idx;
    m.replay = true;
    Send(fd, m);
    (void)RunRecord(**engine, job.records[idx]);
  }
  for (int i = start; i < end; ++i) {
    ChildMessage m;
    m.type = MessageType::kStart;
    m.index = i;
    Send(fd, m);
    m.type = MessageType::kOutcome;
    m.outcome = RunRecord(**engine, job.records[i]);
    m.outcome.index = i;
    Send(fd, m);
  }
  ChildMessage done;
  done.type = MessageType::kDone;
  Send(fd, done);
  _exit(0);
}

struct JobState {
  ScriptResult result;
  std::vector<bool> have;
  int end = 0;  // records at and after `end` never run (halt)
  Clock::time_point started;
};

struct Child {
  size_t job = 0;
  pid_t pid = -1;
  int fd = -1;
  std::string buffer;
  int current = -2;  // -2 idle, -1 setup, >= 0 record index
  bool current_replay = false;
  Clock::time_point deadline;
  bool done = false;
  bool corrupt = false;
  std::string fatal;
};

class Scheduler {
 public:
  Scheduler(const std::vector<ScriptJob>& jobs, const ProcessOptions& options)
      : jobs_(jobs), options_(options), states_(jobs.size()) {}

  std::vector<ScriptResult> Run() {
    std::deque<size_t> pending;
    for (size_t j = 0; j < jobs_.size(); ++j) {
      if (Init(j)) pending.push_back(j);
    }
    const size_t max_children = static_cast<size_t>(std::max(1, options_.jobs));
    while (!pending.empty() || !children_.empty()) {
      while (children_.size() < max_children && !pending.empty()) {
        size_t j = pending.front();
        pending.pop_front();
        Launch(j, 0);
      }
      if (children_.empty()) continue;
      PollOnce();
    }
    std::vector<ScriptResult> out;
    out.reserve(states_.size());
    for (auto& s : states_) out.push_back(std::move(s.result));
    return out;
  }

 private:
  // Sets up a job's result; returns false when nothing needs to run.
  bool Init(size_t j) {
    const ScriptJob& job = jobs_[j];
    JobState& st = states_[j];
    st.result.name = job.name;
    st.result.path = job.path;
    st.result.outcomes.resize(job.records.size());
    st.have.assign(job.records.size(), false);
    st.started = Clock::now();
    st.end = static_cast<int>(job.records.size());
    for (size_t i = 0; i < job.records.size(); ++i) {
      if (job.records[i].kind == RecordKind::kHalt && !job.records[i].skipped) {
        st.end = static_cast<int>(i);
        break;
      }
    }
    for (size_t i = static_cast<size_t>(st.end); i < job.records.size(); ++i) {
      SetOutcome(j, static_cast<int>(i), Verdict::kSkip, FailKind::kNone, "after halt");
    }
    if (!job.skip_all_reason.empty()) {
      st.result.note = job.skip_all_reason;
      for (int i = 0; i < st.end; ++i) {
        SetOutcome(j, i, Verdict::kSkip, FailKind::kNone, job.skip_all_reason);
      }
      Finish(j);
      return false;
    }
    if (st.end == 0) {
      Finish(j);
      return false;
    }
    return true;
  }

  void SetOutcome(size_t j, int i, Verdict v, FailKind f, const std::string& text) {
    RecordOutcome o;
    o.index = i;
    o.verdict = v;
    o.fail = f;
    o.actual = text;
    states_[j].result.outcomes[i] = std::move(o);
    states_[j].have[i] = true;
  }

  void MarkMissing(size_t j, FailKind f, const std::string& text) {
    JobState& st = states_[j];
    for (int i = 0; i < st.end; ++i) {
      if (!st.have[i]) SetOutcome(j, i, Verdict::kFail, f, text);
    }
  }

  void Finish(size_t j) {
    JobState& st = states_[j];
    MarkMissing(j, FailKind::kCrash, "not run");
    st.result.seconds = std::chrono::duration<double>(Clock::now() - st.started).count();
    if (options_.on_script_done) options_.on_script_done(st.result);
  }

  std::vector<int> ReplayList(size_t j, int start) const {
    const ScriptJob& job = jobs_[j];
    const JobState& st = states_[j];
    std::vector<int> replay;
    for (int i = 0; i < start; ++i) {
      const Record& r = job.records[i];
      if (r.skipped || !r.ChangesState()) continue;
      if (st.have[i] && (st.result.outcomes[i].fail == FailKind::kTimeout ||
                         st.result.outcomes[i].fail == FailKind::kCrash)) {
        continue;  // the record that hung or crashed stays out
      }
      replay.push_back(i);
    }
    return replay;
  }

  void Launch(size_t j, int start) {
    const bool fresh = start == 0 && states_[j].result.restarts == 0;
    std::vector<int> replay = ReplayList(j, start);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
      states_[j].result.note = std::string("pipe: ") + std::strerror(errno);
      MarkMissing(j, FailKind::kSetup, states_[j].result.note);
      Finish(j);
      return;
    }
    std::fflush(nullptr);  // no buffered output duplicated into the child
    pid_t pid = fork();
    if (pid < 0) {
      close(fds[0]);
      close(fds[1]);
      states_[j].result.note = std::string("fork: ") + std::strerror(errno);
      MarkMissing(j, FailKind::kSetup, states_[j].result.note);
      Finish(j);
      return;
    }
    if (pid == 0) {
      close(fds[0]);
      ChildMain(jobs_[j], start, states_[j].end, replay, fresh, fds[1], options_);
    }
    close(fds[1]);
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    Child c;
    c.job = j;
    c.pid = pid;
    c.fd = fds[0];
    children_.push_back(std::move(c));
  }

  void Arm(Child* c) {
    c->deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(options_.record_timeout_s));
  }

  void Handle(Child* c, ChildMessage msg) {
    switch (msg.type) {
      case MessageType::kStart:
        c->current = msg.index;
        c->current_replay = msg.replay;
        Arm(c);
        break;
      case MessageType::kOutcome:
        if (msg.index >= 0 && msg.index < states_[c->job].end) {
          states_[c->job].result.outcomes[msg.index] = std::move(msg.outcome);
          states_[c->job].have[msg.index] = true;
        }
        c->current = -2;
        break;
      case MessageType::kFatal:
        c->fatal = msg.text;
        c->current = -2;
        break;
      case MessageType::kDone:
        c->done = true;
        c->current = -2;
        break;
    }
  }

  // Reads what is available; returns false at end of file.
  bool Drain(Child* c) {
    char buf[65536];
    while (true) {
      ssize_t n = read(c->fd, buf, sizeof(buf));
      if (n > 0) {
        c->buffer.append(buf, static_cast<size_t>(n));
        bool corrupt = false;
        while (auto msg = DecodeMessage(&c->buffer, &corrupt)) Handle(c, std::move(*msg));
        if (corrupt) {
          c->corrupt = true;
          return false;
        }
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
      return false;
    }
  }

  static std::string DescribeExit(int status) {
    if (WIFSIGNALED(status)) {
      return std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
             strsignal(WTERMSIG(status)) + ")";
    }
    if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
    return "ended abnormally";
  }

  // After the child is gone: record what it left unfinished, and resume.
  void Reap(size_t idx, bool timed_out) {
    Child c = std::move(children_[idx]);
    children_.erase(children_.begin() + static_cast<long>(idx));
    if (timed_out || c.corrupt) kill(c.pid, SIGKILL);
    int status = 0;
    while (waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
    }
    close(c.fd);
    const size_t j = c.job;
    JobState& st = states_[j];
    if (c.done && !timed_out) return Finish(j);
    if (!c.fatal.empty()) {
      st.result.note = c.fatal;
      MarkMissing(j, FailKind::kSetup, c.fatal);
      return Finish(j);
    }
    const std::string why = timed_out ? "timeout after " + FormatSeconds() : DescribeExit(status);
    const FailKind kind = timed_out ? FailKind::kTimeout : FailKind::kCrash;
    if (c.current < 0 || c.current_replay) {
      // Setup or replay went wrong: a fresh child would only repeat it.
      st.result.note = (c.current == -1 ? "setup: " : c.current_replay ? "replay: " : "") + why;
      MarkMissing(j, kind, st.result.note);
      return Finish(j);
    }
    SetOutcome(j, c.current, Verdict::kFail, kind, why);
    int next = c.current + 1;
    while (next < st.end && st.have[next]) ++next;
    if (next >= st.end) return Finish(j);
    if (++st.result.restarts > options_.max_restarts) {
      st.result.note = "gave up after " + std::to_string(options_.max_restarts) + " restarts";
      MarkMissing(j, kind, st.result.note);
      return Finish(j);
    }
    Launch(j, next);
  }

  std::string FormatSeconds() const {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%gs", options_.record_timeout_s);
    return buf;
  }

  void PollOnce() {
    std::vector<pollfd> fds;
    fds.reserve(children_.size());
    int timeout_ms = 1000;
    const auto now = Clock::now();
    for (const auto& c : children_) {
      fds.push_back(pollfd{c.fd, POLLIN, 0});
      if (c.current >= -1) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(c.deadline - now).count();
        timeout_ms = static_cast<int>(std::clamp<int64_t>(left + 1, 0, timeout_ms));
      }
    }
    int rc = poll(fds.data(), fds.size(), timeout_ms);
    if (rc < 0 && errno != EINTR) return;
    // Walk backwards: Reap() erases from children_ (and may append a restart).
    for (size_t k = fds.size(); k-- > 0;) {
      Child& c = children_[k];
      if (fds[k].revents != 0) {
        if (!Drain(&c)) {
          Reap(k, false);
          continue;
        }
      }
      if (c.current >= -1 && Clock::now() >= c.deadline) Reap(k, true);
    }
  }

  const std::vector<ScriptJob>& jobs_;
  const ProcessOptions& options_;
  std::vector<JobState> states_;
  std::vector<Child> children_;
};

}  // namespace

std::vector<ScriptResult> RunScripts(const std::vector<ScriptJob>& jobs,
                                     const ProcessOptions& options) {
  return Scheduler(jobs, options).Run();
}

}  // namespace quiver::slt
