#include "discover.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace quiver::slt {
namespace fs = std::filesystem;

std::vector<ScriptRef> ListScripts(const std::string& test_files_dir) {
  std::vector<ScriptRef> out;
  std::error_code ec;
  fs::path base = fs::absolute(test_files_dir, ec);
  for (auto it = fs::recursive_directory_iterator(base, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    if (it->is_directory(ec) && p.filename() == "scratch") {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || p.extension() != ".slt") continue;
    out.push_back({fs::relative(p, base, ec).string(), p.string()});
  }
  std::sort(out.begin(), out.end(),
            [](const ScriptRef& a, const ScriptRef& b) { return a.name < b.name; });
  return out;
}

std::vector<ScriptRef> SelectScripts(const std::vector<ScriptRef>& corpus,
                                     const std::vector<std::string>& args,
                                     std::vector<std::string>* unmatched) {
  if (args.empty()) return corpus;
  std::vector<ScriptRef> out;
  std::set<std::string> seen;
  auto add = [&](const ScriptRef& s) {
    if (seen.insert(s.path).second) out.push_back(s);
  };
  for (const auto& arg : args) {
    std::error_code ec;
    if (fs::is_regular_file(arg, ec)) {
      fs::path p = fs::absolute(arg, ec);
      auto in_corpus = std::find_if(corpus.begin(), corpus.end(), [&](const ScriptRef& s) {
        return fs::equivalent(s.path, p, ec);
      });
      add(in_corpus != corpus.end() ? *in_corpus : ScriptRef{p.filename().string(), p.string()});
      continue;
    }
    const bool is_glob = arg.find_first_of("*?[") != std::string::npos;
    bool any = false;
    for (const auto& s : corpus) {
      bool match = is_glob ? fnmatch(arg.c_str(), s.name.c_str(), 0) == 0
                           : s.name.find(arg) != std::string::npos;
      if (match) {
        add(s);
        any = true;
      }
    }
    if (!any && unmatched) unmatched->push_back(arg);
  }
  return out;
}

}  // namespace quiver::slt
