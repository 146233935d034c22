// The record model of a sqllogictest script: what the parser produces and the
// runner executes. One Record per `statement`/`query` block, plus the few
// directives that change how later records run (halt, parse errors).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quiver::slt {

enum class RecordKind : uint8_t {
  kStatement,   // statement ok / error / count
  kQuery,       // query <types> [sort] [label] / query error
  kHalt,        // halt: stop the script here
  kParseError,  // a block the parser could not understand (scored as a failure)
};

enum class SortMode : uint8_t { kNoSort, kRowSort, kValueSort };

/// What a statement or query expects.
enum class Expect : uint8_t {
  kOk,     // statement ok / query with rows
  kCount,  // statement count N
  kError,  // statement error / query error
};

struct Record {
  RecordKind kind = RecordKind::kStatement;
  Expect expect = Expect::kOk;
  std::string file;  // script (or included part) the record comes from
  int line = 0;      // 1-based line of the directive
  std::string sql;

  // query only
  std::string types;  // one char per column: I R T B D P ?
  SortMode sort = SortMode::kNoSort;
  std::string label;
  std::vector<std::string> expected_rows;  // trimmed lines after ----

  // statement count
  int64_t count = 0;

  // error records: a regex searched in the error message, or (multi-line
  // form, after ----) the exact expected message.
  std::string error_pattern;
  std::string error_message;
  bool error_multiline = false;

  // kParseError: why the block was rejected
  std::string parse_error;

  // onlyif/skipif conditions that decided this record must not run here.
  bool skipped = false;
  std::string skip_reason;

  /// True for EXPLAIN records: run and reported, never scored.
  bool IsExplain() const;
  /// True when replaying the record is needed to rebuild session state
  /// (DDL, DML, SET) after a restart; plain reads are not replayed.
  bool ChangesState() const;
  /// "file:line" for reports.
  std::string Location() const;
};

/// The first keyword of `sql` (upper-cased), skipping blanks, `--` comments and '('.
std::string LeadingKeyword(const std::string& sql);

}  // namespace quiver::slt
