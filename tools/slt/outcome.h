// What happened to one record: produced in the script's child process,
// streamed to the parent, aggregated by the scoreboard.
#pragma once

#include <cstdint>
#include <string>

namespace quiver::slt {

enum class Verdict : uint8_t {
  kPass,
  kFail,
  kSkip,     // onlyif/skipif, after halt, missing data
  kExplain,  // EXPLAIN: reported, never scored
};

enum class FailKind : uint8_t {
  kNone,
  kWrongResult,      // rows differ
  kUnexpectedError,  // expected success, got an error
  kMissingError,     // expected an error, got success
  kErrorMismatch,    // got an error, but not the expected one (a lenient pass)
  kWrongCount,       // statement count N
  kTimeout,
  kCrash,
  kParse,  // the record itself could not be parsed
  kSetup,  // the engine could not be created or prepared for the script
};

struct RecordOutcome {
  int index = -1;  // into the script's record list
  Verdict verdict = Verdict::kSkip;
  FailKind fail = FailKind::kNone;
  bool explain_matched = false;
  /// Rows matched but the column type letters differ. DataFusion's runner does
  /// not check types (the corpus has `query ?` for integers), so this is
  /// reported, not failed.
  bool types_differ = false;
  double millis = 0;
  /// Printed actual output (rows one per line) or error text; kept for reports.
  std::string actual;
};

const char* FailKindName(FailKind kind);

}  // namespace quiver::slt
