#include "tpch_fixture.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace quiver::slt {

namespace fs = std::filesystem;

namespace {

// The generator: --tpchgen, else quiver-tpchgen built beside us, else on PATH.
std::string FindTpchgen(const std::string& flag) {
  if (!flag.empty()) return flag;
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path sibling = self.parent_path().parent_path() / "tpchgen" / "quiver-tpchgen";
    if (fs::exists(sibling, ec)) return sibling.string();
  }
  if (const char* path = std::getenv("PATH")) {
    std::string p = path;
    size_t start = 0;
    while (start <= p.size()) {
      size_t end = p.find(':', start);
      if (end == std::string::npos) end = p.size();
      fs::path cand = fs::path(p.substr(start, end - start)) / "quiver-tpchgen";
      if (access(cand.c_str(), X_OK) == 0) return cand.string();
      start = end + 1;
    }
  }
  return "";
}

}  // namespace

// Makes TPC-H SF 0.1 tables in <slt_dir>/test_files/tpch/data; "" on success.
std::string PrepareTpch(const std::string& slt_dir, const std::string& flag) {
  std::string gen = FindTpchgen(flag);
  if (gen.empty()) return "no TPC-H data: quiver-tpchgen not found (use --tpchgen)";
  std::string out = slt_dir + "/test_files/tpch/data";
  std::error_code ec;
  fs::create_directories(out, ec);
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, STDOUT_FILENO);
    execl(gen.c_str(), gen.c_str(), "-s", "0.1", "-o", out.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return "no TPC-H data: " + gen + " failed";
  }
  if (!fs::exists(out + "/lineitem.tbl", ec))
    return "no TPC-H data: generator wrote no lineitem.tbl";
  return "";
}

}  // namespace quiver::slt
