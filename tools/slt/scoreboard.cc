#include "scoreboard.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace quiver::slt {
namespace {

bool IsScored(const Record& r) {
  return r.kind == RecordKind::kStatement || r.kind == RecordKind::kQuery ||
         r.kind == RecordKind::kParseError;
}

std::string ExpectedText(const Record& r) {
  if (r.kind == RecordKind::kParseError) return "a valid record";
  if (r.expect == Expect::kError) {
    if (r.error_multiline) return "error:\n" + r.error_message;
    return r.error_pattern.empty() ? "an error" : "error matching: " + r.error_pattern;
  }
  if (r.expect == Expect::kCount) return std::to_string(r.count) + " rows";
  if (r.kind == RecordKind::kStatement) return "ok";
  std::string out = "types " + r.types;
  for (const auto& row : r.expected_rows) out += "\n" + row;
  return out;
}

Failure MakeFailure(const Record& r, const RecordOutcome& o) {
  Failure f;
  f.location = r.Location();
  f.reason = FailKindName(o.fail);
  f.sql = r.sql;
  f.expected = ExpectedText(r);
  f.actual = o.actual;
  return f;
}

std::string JsonEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return "\"" + out + "\"";
}

std::string Percent(int64_t part, int64_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f%%", whole ? 100.0 * part / whole : 0.0);
  return buf;
}

// One line for a Markdown table cell: no pipes, no newlines, bounded length.
std::string Cell(const std::string& s, size_t max = 120) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += " ⏎ ";
    } else if (c == '|') {
      out += "\\|";
    } else {
      out.push_back(c);
    }
    if (out.size() >= max) {
      out += "…";
      break;
    }
  }
  return out;
}

void WriteScoreFields(std::ostringstream& o, const ScriptScore& s) {
  o << "\"passed\": " << s.passed << ", \"failed\": " << s.failed << ", \"skipped\": " << s.skipped
    << ", \"scored\": " << s.scored() << ", \"lenient_passed\": " << s.lenient_passed()
    << ", \"explain_total\": " << s.explain_total << ", \"explain_matched\": " << s.explain_matched
    << ", \"error_records\": " << s.error_records << ", \"error_strict\": " << s.error_strict
    << ", \"error_lenient\": " << s.error_lenient << ", \"types_differ\": " << s.types_differ
    << ", \"timeouts\": " << s.timeouts << ", \"crashes\": " << s.crashes
    << ", \"restarts\": " << s.restarts;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3f", s.seconds);
  o << ", \"seconds\": " << buf;
}

}  // namespace

void ScriptScore::Add(const ScriptScore& s) {
  passed += s.passed;
  failed += s.failed;
  skipped += s.skipped;
  explain_total += s.explain_total;
  explain_matched += s.explain_matched;
  error_records += s.error_records;
  error_strict += s.error_strict;
  error_lenient += s.error_lenient;
  types_differ += s.types_differ;
  timeouts += s.timeouts;
  crashes += s.crashes;
  restarts += s.restarts;
  seconds += s.seconds;
}

std::vector<Failure> ListFailures(const ScriptJob& job, const ScriptResult& result) {
  std::vector<Failure> out;
  for (size_t i = 0; i < job.records.size() && i < result.outcomes.size(); ++i) {
    const RecordOutcome& o = result.outcomes[i];
    if (IsScored(job.records[i]) && o.verdict == Verdict::kFail) {
      out.push_back(MakeFailure(job.records[i], o));
    }
  }
  return out;
}

Scoreboard BuildScoreboard(const std::vector<ScriptJob>& jobs,
                           const std::vector<ScriptResult>& results) {
  Scoreboard board;
  board.total.name = "total";
  for (size_t j = 0; j < jobs.size() && j < results.size(); ++j) {
    const ScriptJob& job = jobs[j];
    const ScriptResult& res = results[j];
    ScriptScore s;
    s.name = job.name;
    s.restarts = res.restarts;
    s.seconds = res.seconds;
    s.note = res.note;
    for (size_t i = 0; i < job.records.size() && i < res.outcomes.size(); ++i) {
      const Record& r = job.records[i];
      const RecordOutcome& o = res.outcomes[i];
      if (!IsScored(r)) continue;
      switch (o.verdict) {
        case Verdict::kSkip: ++s.skipped; continue;
        case Verdict::kExplain:
          ++s.explain_total;
          if (o.explain_matched) ++s.explain_matched;
          continue;
        case Verdict::kPass:
          ++s.passed;
          if (o.types_differ) ++s.types_differ;
          break;
        case Verdict::kFail:
          ++s.failed;
          if (o.fail == FailKind::kTimeout) ++s.timeouts;
          if (o.fail == FailKind::kCrash) ++s.crashes;
          if (!s.first_failure) s.first_failure = MakeFailure(r, o);
          break;
      }
      if (r.kind != RecordKind::kParseError && r.expect == Expect::kError) {
        ++s.error_records;
        if (o.verdict == Verdict::kPass) {
          ++s.error_strict;
          ++s.error_lenient;
        } else if (o.fail == FailKind::kErrorMismatch) {
          ++s.error_lenient;
        }
      }
    }
    board.total.Add(s);
    board.scripts.push_back(std::move(s));
  }
  return board;
}

std::string SummaryLine(const Scoreboard& board) {
  const ScriptScore& t = board.total;
  std::ostringstream o;
  o << "slt: " << t.passed << " passed, " << t.failed << " failed, " << t.skipped
    << " skipped (scored " << t.scored() << "), pass rate " << Percent(t.passed, t.scored());
  return o.str();
}

std::string ToJson(const Scoreboard& board) {
  std::ostringstream o;
  o << "{\n  \"summary\": " << JsonEscape(SummaryLine(board)) << ",\n  \"total\": {";
  WriteScoreFields(o, board.total);
  o << "},\n  \"scripts\": [";
  for (size_t i = 0; i < board.scripts.size(); ++i) {
    const ScriptScore& s = board.scripts[i];
    o << (i ? ",\n" : "\n") << "    {\"name\": " << JsonEscape(s.name) << ", ";
    WriteScoreFields(o, s);
    if (!s.note.empty()) o << ", \"note\": " << JsonEscape(s.note);
    if (s.first_failure) {
      const Failure& f = *s.first_failure;
      o << ", \"first_failure\": {\"location\": " << JsonEscape(f.location)
        << ", \"reason\": " << JsonEscape(f.reason) << ", \"sql\": " << JsonEscape(f.sql)
        << ", \"expected\": " << JsonEscape(f.expected) << ", \"actual\": " << JsonEscape(f.actual)
        << "}";
    }
    o << "}";
  }
  o << "\n  ]\n}\n";
  return o.str();
}

std::string ToMarkdown(const Scoreboard& board) {
  std::ostringstream o;
  const ScriptScore& t = board.total;
  o << "# sqllogictest results\n\n" << SummaryLine(board) << "\n\n";
  o << "Error records: " << t.error_strict << " of " << t.error_records
    << " strict (message matches), " << t.error_lenient << " lenient (any error); "
    << "lenient total passed: " << t.lenient_passed()
    << ". EXPLAIN records (not scored): " << t.explain_matched << " of " << t.explain_total
    << " matched. Passed with other column type letters (not checked, as in DataFusion): "
    << t.types_differ << ". Timeouts: " << t.timeouts << ", crashes: " << t.crashes << ".\n\n";
  o << "| script | passed | failed | skipped | pass rate | explain | seconds | first failure |\n";
  o << "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
  for (const ScriptScore& s : board.scripts) {
    char secs[32];
    std::snprintf(secs, sizeof(secs), "%.1f", s.seconds);
    std::string first;
    if (s.first_failure) {
      const Failure& f = *s.first_failure;
      first = "`" + Cell(f.location, 60) + "` " + Cell(f.reason, 40) + ": " + Cell(f.sql, 80);
    } else if (!s.note.empty()) {
      first = Cell(s.note);
    }
    o << "| " << Cell(s.name) << " | " << s.passed << " | " << s.failed << " | " << s.skipped
      << " | " << Percent(s.passed, s.scored()) << " | " << s.explain_matched << "/"
      << s.explain_total << " | " << secs << " | " << first << " |\n";
  }
  return o.str();
}

Result<int64_t> ReadFloor(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IO("cannot read floor file " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return Status::IO("floor file " + path + " is empty");
  size_t e = text.find_last_not_of(" \t\r\n");
  std::string num = text.substr(b, e - b + 1);
  for (char c : num) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return Status::IO("floor file " + path + " does not hold a number: '" + num + "'");
    }
  }
  if (num.size() > 18) return Status::IO("floor in " + path + " is too large");
  return static_cast<int64_t>(std::stoll(num));
}

Result<int64_t> RatchetFloor(const std::string& path, int64_t passed) {
  int64_t value = passed;
  std::ifstream probe(path);
  if (probe.good()) {
    auto current = ReadFloor(path);
    if (current.ok() && *current > value) value = *current;
  }
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return Status::IO("cannot write floor file " + tmp);
    out << value << "\n";
    if (!out.flush()) return Status::IO("cannot write floor file " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::IO("cannot replace floor file " + path);
  }
  return value;
}

}  // namespace quiver::slt
