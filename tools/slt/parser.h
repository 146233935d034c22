// Parser of sqllogictest scripts in the dialect DataFusion's corpus uses
// (sqllogictest-rs): statement/query records, include globs, onlyif/skipif,
// halt, control sortmode, hash-threshold.
#pragma once

#include <string>
#include <vector>

#include "record.h"

namespace quiver::slt {

struct ParseOptions {
  /// Names `onlyif`/`skipif` compare against (case-insensitive): the corpus was
  /// written for DataFusion, and we run it as DataFusion would.
  std::vector<std::string> engine_names = {"datafusion", "quiver"};
  /// Nesting limit for `include`, against include cycles.
  int max_include_depth = 8;
};

/// Parses `text` as the contents of `file`; `include` globs resolve relative to
/// the directory of `file`. Never fails: a block it cannot understand becomes a
/// kParseError record, so that it is counted instead of silently dropped.
std::vector<Record> ParseScript(const std::string& text, const std::string& file,
                                const ParseOptions& options = {});

/// Reads and parses the script at `path`. A file that cannot be read yields a
/// single kParseError record.
std::vector<Record> ParseScriptFile(const std::string& path, const ParseOptions& options = {});

}  // namespace quiver::slt
