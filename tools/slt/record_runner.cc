#include "record_runner.h"

#include <chrono>

#include "compare.h"

namespace quiver::slt {
namespace {

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out.push_back('\n');
    out += lines[i];
  }
  return out;
}

void Judge(SltEngine& engine, const Record& r, RecordOutcome* o) {
  auto fail = [&](FailKind kind) {
    o->verdict = Verdict::kFail;
    o->fail = kind;
  };
  if (r.expect == Expect::kError) {
    Status st;
    if (r.kind == RecordKind::kQuery) {
      auto res = engine.Query(r.sql);
      if (res.ok()) {
        o->actual = JoinLines(PrintRows(res->rows));
        return fail(FailKind::kMissingError);
      }
      st = res.status();
    } else {
      st = engine.Execute(r.sql);
      if (st.ok()) return fail(FailKind::kMissingError);
    }
    o->actual = engine.ErrorText(st);
    if (!MatchError(r, o->actual).matched) return fail(FailKind::kErrorMismatch);
    o->verdict = Verdict::kPass;
    return;
  }
  if (r.kind == RecordKind::kStatement && r.expect == Expect::kOk) {
    Status st = engine.Execute(r.sql);
    if (!st.ok()) {
      o->actual = engine.ErrorText(st);
      return fail(FailKind::kUnexpectedError);
    }
    o->verdict = Verdict::kPass;
    return;
  }
  auto res = engine.Query(r.sql);
  if (!res.ok()) {
    o->actual = engine.ErrorText(res.status());
    return fail(FailKind::kUnexpectedError);
  }
  o->actual = JoinLines(PrintRows(res->rows));
  if (r.kind == RecordKind::kStatement) {  // statement count N: rows produced
    if (static_cast<int64_t>(res->rows.size()) != r.count) {
      o->actual = std::to_string(res->rows.size()) + " rows";
      return fail(FailKind::kWrongCount);
    }
    o->verdict = Verdict::kPass;
    return;
  }
  if (!RowsMatch(r, *res)) return fail(FailKind::kWrongResult);
  o->types_differ = res->types != r.types;
  if (o->types_differ) o->actual = "types " + res->types;
  o->verdict = Verdict::kPass;
}

}  // namespace

RecordOutcome RunRecord(SltEngine& engine, const Record& record) {
  RecordOutcome o;
  if (record.skipped || record.kind == RecordKind::kHalt) {
    o.verdict = Verdict::kSkip;
    o.actual = record.skip_reason;
    return o;
  }
  if (record.kind == RecordKind::kParseError) {
    o.verdict = Verdict::kFail;
    o.fail = FailKind::kParse;
    o.actual = record.parse_error;
    return o;
  }
  auto start = std::chrono::steady_clock::now();
  Judge(engine, record, &o);
  o.millis =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (record.IsExplain()) {
    o.explain_matched = o.verdict == Verdict::kPass;
    o.verdict = Verdict::kExplain;
  }
  return o;
}

}  // namespace quiver::slt
