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
    if (!df.ok()) o.error = df.status().ToString();
    out.push_back(std::move(o));
  }
  return out;
}

std::string ErrorGroup(const std::string& full) {
  // Where the error points does not change what it is.
  std::string error = full.substr(0, full.find(" at line "));
  std::string s;
  char quote = 0;
  for (size_t i = 0; i < error.size() && s.size() < 72; ++i) {
    char c = error[i];
    if (c == '\n') break;
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
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
