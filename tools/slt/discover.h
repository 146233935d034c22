// Finding scripts: every *.slt below the corpus test_files/ (not the
// *.slt.part pieces they include), filtered by names, substrings or globs.
#pragma once

#include <string>
#include <vector>

namespace quiver::slt {

struct ScriptRef {
  std::string name;  // relative to test_files/ for corpus scripts, else the file name
  std::string path;  // absolute
};

/// The corpus scripts, sorted by name. `test_files_dir` is
/// <corpus>/datafusion/sqllogictest/test_files.
std::vector<ScriptRef> ListScripts(const std::string& test_files_dir);

/// Resolves command-line selections: an existing file is taken as is; any
/// other argument selects the corpus scripts whose name contains it, or
/// matches it as a glob when it holds * ? or [. Unmatched arguments are
/// returned in *unmatched. No arguments selects everything.
std::vector<ScriptRef> SelectScripts(const std::vector<ScriptRef>& corpus,
                                     const std::vector<std::string>& args,
                                     std::vector<std::string>* unmatched);

}  // namespace quiver::slt
