#include "workdir.h"

#include <stdlib.h>

#include <cstring>
#include <filesystem>

namespace quiver::slt {
namespace fs = std::filesystem;

Result<Workdir> CreateCorpusMirror(const std::string& corpus_dir) {
  std::error_code ec;
  fs::path corpus = fs::absolute(corpus_dir, ec);
  fs::path slt_src = corpus / "datafusion" / "sqllogictest";
  if (!fs::is_directory(slt_src / "test_files", ec)) {
    return Status::IO("not a corpus directory (no datafusion/sqllogictest/test_files): " +
                      corpus.string());
  }
  const char* tmp_env = getenv("TMPDIR");
  std::string templ = std::string(tmp_env && *tmp_env ? tmp_env : "/tmp") + "/quiver-slt-XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) {
    return Status::IO("mkdtemp " + templ + ": " + std::strerror(errno));
  }
  Workdir dir;
  dir.root = templ;
  fs::path root(templ);
  fs::path slt_dst = root / "datafusion" / "sqllogictest";
  auto fail = [&](const std::string& what) -> Status {
    Status st = Status::IO(what + ": " + ec.message());
    (void)RemoveWorkdir(dir);
    return st;
  };
  fs::create_directories(slt_dst.parent_path(), ec);
  if (ec) return fail("create " + slt_dst.parent_path().string());
  fs::copy(slt_src, slt_dst, fs::copy_options::recursive, ec);
  if (ec) return fail("copy " + slt_src.string());
  // The corpus is read-only; its copy must accept scratch output.
  for (auto it = fs::recursive_directory_iterator(slt_dst, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    fs::permissions(it->path(), fs::perms::owner_write | fs::perms::owner_read,
                    fs::perm_options::add, ec);
  }
  fs::permissions(slt_dst, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::create_directories(slt_dst / "test_files" / "scratch", ec);
  if (ec) return fail("create scratch directory");
  for (const char* sub : {"datafusion/core", "testing", "parquet-testing"}) {
    if (!fs::exists(corpus / sub)) continue;
    fs::create_directory_symlink(corpus / sub, root / sub, ec);
    if (ec) return fail(std::string("symlink ") + sub);
  }
  dir.slt_dir = slt_dst.string();
  return dir;
}

Status RemoveWorkdir(const Workdir& dir) {
  if (dir.root.empty()) return Status::OK();
  std::error_code ec;
  // remove_all removes symlinks themselves, never their targets.
  fs::remove_all(dir.root, ec);
  if (ec) return Status::IO("remove " + dir.root + ": " + ec.message());
  return Status::OK();
}

}  // namespace quiver::slt
