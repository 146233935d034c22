#include <algorithm>
#include <filesystem>
#include <glob.h>

#include "quiver/datasource/file_format.h"

namespace quiver {

namespace fs = std::filesystem;

namespace {

bool Hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && (name[0] == '.' || name[0] == '_');
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Result<std::vector<FileInfo>> ListFiles(const std::string& path, const std::string& extension) {
  std::vector<FileInfo> out;
  std::error_code ec;
  if (path.find_first_of("*?[") != std::string::npos) {
    glob_t g;
    if (glob(path.c_str(), 0, nullptr, &g) == 0) {
      for (size_t i = 0; i < g.gl_pathc; ++i) {
        fs::path p(g.gl_pathv[i]);
        if (fs::is_regular_file(p, ec)) out.push_back({p.string(), static_cast<int64_t>(fs::file_size(p, ec))});
      }
    }
    globfree(&g);
  } else if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec); it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (ec) break;
      if (Hidden(it->path())) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      std::string p = it->path().string();
      if (!extension.empty() && !EndsWith(p, extension)) continue;
      out.push_back({p, static_cast<int64_t>(it->file_size(ec))});
    }
    std::sort(out.begin(), out.end(), [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
    return out;
  } else if (fs::exists(path, ec)) {
    out.push_back({path, static_cast<int64_t>(fs::file_size(path, ec))});
  }
  if (out.empty() && !fs::exists(path, ec) && path.find_first_of("*?[") == std::string::npos) {
    return Status::IO("No such file or directory: " + path);
  }
  std::sort(out.begin(), out.end(), [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  return out;
}

}  // namespace quiver
