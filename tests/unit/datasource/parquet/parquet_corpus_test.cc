// Reads the footer and every page of every file in the parquet-testing corpus
// (and the fuzzing corpora when present): good files must read, bad ones
// must fail with an error, and nothing may crash or hang.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "quiver/datasource/parquet/footer.h"
#include "quiver/datasource/parquet/page_reader.h"

namespace quiver::parquet {
namespace {

namespace fs = std::filesystem;

std::string SharedDir() {
  const char* env = std::getenv("QUIVER_SHARED_DIR");
  return env ? env : QUIVER_SHARED_DIR;
}

// Chunks larger than this are walked header by header without decompressing
// (large_string_map.brotli.parquet inflates to over 2 GB).
constexpr int64_t kMaxDecompressed = 256 << 20;

// Opens a file and walks (and decompresses) every page of every chunk.
Status ScanFile(const std::string& path, int64_t* pages) {
  QUIVER_ASSIGN_OR_RAISE(auto src, OpenLocalFile(path));
  QUIVER_ASSIGN_OR_RAISE(auto md, ReadFileMetaData(*src));
  for (const RowGroup& rg : md->row_groups) {
    for (const ColumnChunk& cc : rg.columns) {
      if (!cc.meta_data) return Status::IO("column chunk without metadata");
      QUIVER_ASSIGN_OR_RAISE(ChunkRange r, ColumnChunkRange(*cc.meta_data, src->Size()));
      QUIVER_ASSIGN_OR_RAISE(ByteRange bytes, src->ReadAt(r.start, r.length));
      PageReader pr(bytes, cc.meta_data->codec, cc.meta_data->num_values);
      const bool headers_only = cc.meta_data->total_uncompressed_size > kMaxDecompressed;
      while (true) {
        if (headers_only) {
          QUIVER_ASSIGN_OR_RAISE(auto header, pr.NextHeader());
          if (!header) break;
        } else {
          QUIVER_ASSIGN_OR_RAISE(auto page, pr.Next());
          if (!page) break;
        }
        ++*pages;
      }
    }
  }
  return Status::OK();
}

std::vector<std::string> ParquetFiles(const fs::path& dir) {
  std::vector<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    auto name = e.path().filename().string();
    if (e.path().extension() == ".json" || e.path().extension() == ".md") continue;
    if (name.find(".parquet") != std::string::npos || dir.filename() == "fuzzing") {
      out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ParquetCorpus, GoodFilesScan) {
  fs::path dir = fs::path(SharedDir()) / "datafusion-tests/parquet-testing/data";
  if (!fs::exists(dir)) GTEST_SKIP() << "no parquet-testing corpus";
  // Files expected to fail at the page layer, with why.
  const std::map<std::string, std::string> expected_errors = {
      {"datapage_v1-corrupt-checksum.parquet", "CRC"},
      {"rle-dict-uncompressed-corrupt-checksum.parquet", "CRC"},
      // Its dictionary page overruns the chunk's declared size (as in other readers).
      {"nation.dict-malformed.parquet", "runs past the column chunk"},
  };
  int ok = 0, failed = 0;
  for (const auto& path : ParquetFiles(dir)) {
    std::string name = fs::path(path).filename().string();
    int64_t pages = 0;
    Status st = ScanFile(path, &pages);
    bool encrypted = name.find(".encrypted") != std::string::npos;
    if (encrypted) {
      EXPECT_EQ(st.kind(), ErrorKind::kNotImplemented) << name << ": " << st.ToString();
      EXPECT_NE(st.message().find("encryption"), std::string::npos) << name;
    } else if (auto it = expected_errors.find(name); it != expected_errors.end()) {
      EXPECT_FALSE(st.ok()) << name;
      EXPECT_NE(st.message().find(it->second), std::string::npos) << name << ": " << st.ToString();
    } else {
      EXPECT_TRUE(st.ok()) << name << ": " << st.ToString();
    }
    (st.ok() ? ok : failed)++;
  }
  EXPECT_GT(ok, 50);
}

TEST(ParquetCorpus, BadAndFuzzedFilesNeverCrash) {
  fs::path root = fs::path(SharedDir()) / "datafusion-tests";
  int n = 0;
  for (const auto& sub :
       {"parquet-testing/bad_data", "testing/data/parquet/fuzzing", "testing/data/parquet"}) {
    for (const auto& path : ParquetFiles(root / sub)) {
      int64_t pages = 0;
      Status st = ScanFile(path, &pages);
      (void)st;  // any outcome but a crash is fine
      ++n;
    }
  }
  if (n == 0) GTEST_SKIP() << "no bad-data corpus";
}

}  // namespace
}  // namespace quiver::parquet
