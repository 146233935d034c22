#include "workdir.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "discover.h"

namespace quiver::slt {
namespace {

namespace fs = std::filesystem;

class SltWorkdirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = fs::temp_directory_path() / ("slt_corpus_" + std::to_string(getpid()));
    fs::create_directories(corpus_ / "datafusion/sqllogictest/test_files/tpch");
    fs::create_directories(corpus_ / "datafusion/core/tests/data");
    fs::create_directories(corpus_ / "testing/data/csv");
    std::ofstream(corpus_ / "datafusion/sqllogictest/test_files/a.slt") << "statement ok\nOK\n";
    std::ofstream(corpus_ / "datafusion/sqllogictest/test_files/ab.slt") << "statement ok\nOK\n";
    std::ofstream(corpus_ / "datafusion/sqllogictest/test_files/tpch/tpch.slt") << "\n";
    std::ofstream(corpus_ / "datafusion/sqllogictest/test_files/tpch/q1.slt.part") << "\n";
    std::ofstream(corpus_ / "testing/data/csv/x.csv") << "a\n1\n";
    // The real corpus is read-only; the mirror must still be writable.
    fs::permissions(corpus_ / "datafusion/sqllogictest/test_files", fs::perms::owner_write,
                    fs::perm_options::remove);
  }
  void TearDown() override {
    fs::permissions(corpus_ / "datafusion/sqllogictest/test_files", fs::perms::owner_write,
                    fs::perm_options::add);
    fs::remove_all(corpus_);
  }
  fs::path corpus_;
};

TEST_F(SltWorkdirTest, MirrorResolvesRelativePathsAndIsRemovedCleanly) {
  auto dir = CreateCorpusMirror(corpus_.string());
  ASSERT_TRUE(dir.ok()) << dir.status().ToString();
  fs::path slt = dir->slt_dir;
  EXPECT_TRUE(fs::exists(slt / "../../testing/data/csv/x.csv"));
  EXPECT_TRUE(fs::is_symlink(fs::path(dir->root) / "datafusion/core"));
  EXPECT_TRUE(fs::is_directory(slt / "test_files/scratch"));
  std::ofstream(slt / "test_files/new.txt") << "writable";
  EXPECT_TRUE(fs::exists(slt / "test_files/new.txt"));
  ASSERT_TRUE(RemoveWorkdir(*dir).ok());
  EXPECT_FALSE(fs::exists(dir->root));
  EXPECT_TRUE(fs::exists(corpus_ / "testing/data/csv/x.csv"));  // symlink targets survive
}

TEST_F(SltWorkdirTest, NotACorpus) {
  EXPECT_FALSE(CreateCorpusMirror((corpus_ / "testing").string()).ok());
}

TEST_F(SltWorkdirTest, DiscoverAndSelect) {
  auto all = ListScripts((corpus_ / "datafusion/sqllogictest/test_files").string());
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, "a.slt");
  EXPECT_EQ(all[2].name, "tpch/tpch.slt");
  std::vector<std::string> unmatched;
  EXPECT_EQ(SelectScripts(all, {"ab"}, &unmatched).size(), 1u);
  EXPECT_EQ(SelectScripts(all, {"a*.slt"}, &unmatched).size(), 2u);
  EXPECT_EQ(SelectScripts(all, {"tpch"}, &unmatched)[0].name, "tpch/tpch.slt");
  EXPECT_TRUE(unmatched.empty());
  EXPECT_TRUE(SelectScripts(all, {"zzz"}, &unmatched).empty());
  EXPECT_EQ(unmatched, std::vector<std::string>{"zzz"});
  auto by_path = SelectScripts(
      all, {(corpus_ / "datafusion/sqllogictest/test_files/a.slt").string()}, nullptr);
  ASSERT_EQ(by_path.size(), 1u);
  EXPECT_EQ(by_path[0].name, "a.slt");
  EXPECT_EQ(SelectScripts(all, {}, nullptr).size(), 3u);
}

}  // namespace
}  // namespace quiver::slt
