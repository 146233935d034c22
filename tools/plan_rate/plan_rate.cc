#include "plan_rate.h"

#include <cctype>

#include "parser.h"
#include "quiver/execution/session_context.h"

namespace quiver::plan_rate {

std::vector<PlanOutcome> PlanScript(const std::string& path) {
  std::vector<PlanOutcome> out;
  ConfigOptions config;
  (void)config.Set("datafusion.execution.target_partitions", "4");
  SessionContext ctx(std::move(config));
  bool creation_failed = false;  // a CREATE that should have worked did not
  for (const auto& r : slt::ParseScriptFile(path)) {
    if (r.skipped || r.kind == slt::RecordKind::kParseError) continue;
    if (r.kind == slt::RecordKind::kHalt) break;
    bool expect_ok = r.expect != slt::Expect::kError;
    // Statements change the session, so they run even when expected to fail.
    auto df = ctx.Sql(r.sql);
    if (!expect_ok) continue;
    PlanOutcome o;
    o.line = r.line;
    o.planned = df.ok();
    if (!df.ok()) {
      o.error = df.status().ToString();
      // A missing table after a failed CREATE is that failure's echo.
      bool missing = o.error.find("not found") != std::string::npos ||
                     o.error.find("doesn't exist") != std::string::npos;
      if (missing && creation_failed) o.error = std::string(kCascade) + o.error;
      if (slt::LeadingKeyword(r.sql) == "CREATE") creation_failed = true;
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::string ErrorGroup(const std::string& full) {
  // Where the error points does not change what it is.
  std::string error = full.substr(0, full.find(" at line "));
  // Nor do the details after a second "kind: message: details" separator.
  if (size_t kind_end = error.find(": "); kind_end != std::string::npos) {
    error = error.substr(0, error.find(": ", kind_end + 2));
  }
  std::string s;
  char quote = 0;
  for (size_t i = 0; i < error.size() && s.size() < 96; ++i) {
    char c = error[i];
    if (c == '\n') break;
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    // An apostrophe inside a word (doesn't) opens no quote.
    bool in_word = i > 0 && std::isalnum(static_cast<unsigned char>(error[i - 1]));
    if ((c == '\'' && !in_word) || c == '"' || c == '`') {
      quote = c;
      s += "?";
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (s.empty() || s.back() != '#') s += '#';
      continue;
    }
    s += c;
  }
  return s;
}

}  // namespace quiver::plan_rate
