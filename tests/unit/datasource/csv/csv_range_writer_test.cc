// Byte ranges (split reading equals whole reading), compression codecs, the
// writer's round trip, and a throughput measurement (disabled by default).
#include <bzlib.h>
#include <gtest/gtest.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <chrono>
#include <random>

#include "csv_test_util.h"
#include "quiver/datasource/csv/csv_reader.h"
#include "quiver/datasource/csv/csv_writer.h"

namespace quiver::csv {
namespace {

using testing::Drain;
using testing::ReadText;
using testing::Rows;
using testing::TempDir;
using testing::TestingCsv;

std::string RandomCsv(std::mt19937* rng, int rows, bool crlf_mix, bool quoted_newlines) {
  std::uniform_int_distribution<int> pick(0, 9);
  std::string out = "id,name,val,flag\n";
  for (int r = 0; r < rows; ++r) {
    std::string name;
    switch (pick(*rng)) {
      case 0: name = ""; break;
      case 1: name = "\"a,b\""; break;
      case 2: name = "\"q\"\"uote\""; break;
      case 3: name = quoted_newlines ? "\"line\nbreak\"" : "\"\""; break;
      default: name = "n" + std::to_string(pick(*rng) * 1000 + r); break;
    }
    std::string val = pick(*rng) == 0 ? "" : std::to_string(pick(*rng) * 0.25 + r);
    out += std::to_string(r) + "," + name + "," + val + "," + (pick(*rng) < 5 ? "true" : "false");
    out += crlf_mix && pick(*rng) < 3 ? "\r\n" : "\n";
    if (pick(*rng) == 0) out += "\n";  // blank lines are skipped
  }
  return out;
}

std::vector<std::string> ReadRanges(const std::string& text, const CsvReadOptions& o,
                                    const std::vector<int64_t>& cuts, Status* error) {
  std::vector<std::string> rows;
  int64_t start = 0;
  for (size_t i = 0; i <= cuts.size(); ++i) {
    int64_t end = i < cuts.size() ? cuts[i] : static_cast<int64_t>(text.size());
    auto b = ReadText(text, o, {start, end});
    if (!b.ok()) {
      *error = b.status();
      return rows;
    }
    for (auto& r : Rows(*b)) rows.push_back(r);
    start = end;
  }
  return rows;
}

TEST(CsvRanges, RandomSplitsEqualWholeFile) {
  std::mt19937 rng(42);
  for (int round = 0; round < 40; ++round) {
    std::string text = RandomCsv(&rng, 50 + round * 7, round % 2 == 1, false);
    CsvReadOptions o;
    o.schema = schema({field("id", int64()), field("name", utf8()), field("val", float64()),
                       field("flag", boolean())});
    o.batch_size = 1 + round % 17;
    auto whole = ReadText(text, o);
    ASSERT_TRUE(whole.ok()) << whole.status().ToString();
    auto expected = Rows(*whole);
    ASSERT_EQ(expected.size(), static_cast<size_t>(50 + round * 7));
    std::uniform_int_distribution<int64_t> pos(0, static_cast<int64_t>(text.size()));
    std::vector<int64_t> cuts;
    int ncuts = 1 + round % 12;
    for (int k = 0; k < ncuts; ++k) cuts.push_back(pos(rng));
    if (round % 5 == 0) cuts.push_back(static_cast<int64_t>(text.find('\n')) + 1);
    std::sort(cuts.begin(), cuts.end());
    Status err;
    EXPECT_EQ(ReadRanges(text, o, cuts, &err), expected) << "round " << round;
    EXPECT_TRUE(err.ok()) << err.ToString();
  }
  // Every single-byte cut position of a small file.
  std::string text = RandomCsv(&rng, 30, true, false);
  CsvReadOptions o;
  o.schema = schema({field("id", int64()), field("name", utf8()), field("val", float64()),
                     field("flag", boolean())});
  auto expected = Rows(*ReadText(text, o));
  for (int64_t cut = 0; cut <= static_cast<int64_t>(text.size()); ++cut) {
    Status err;
    ASSERT_EQ(ReadRanges(text, o, {cut}, &err), expected) << "cut " << cut << err.ToString();
  }
}

TEST(CsvRanges, ComputeRangesAndQuotedNewlineDetection) {
  CsvReadOptions o;
  auto ranges = ComputeCsvRanges(1000, 3, o);
  ASSERT_EQ(ranges.size(), 3u);
  EXPECT_EQ(ranges[0].start, 0);
  EXPECT_EQ(ranges[1].start, ranges[0].end);
  EXPECT_EQ(ranges[2].end, 1000);
  o.newlines_in_values = true;
  EXPECT_EQ(ComputeCsvRanges(1000, 3, o).size(), 1u);

  // A quoted newline right after a range boundary: the reader must refuse.
  std::string text = "a,b\n1,\"xx\nyy\"\n2,z\n";
  CsvReadOptions p;
  p.schema = schema({field("a", int64()), field("b", utf8())});
  int64_t cut = static_cast<int64_t>(text.find("xx")) + 1;
  Status err;
  ReadRanges(text, p, {cut}, &err);
  EXPECT_FALSE(err.ok());
  EXPECT_NE(err.message().find("crosses a byte range boundary"), std::string::npos)
      << err.ToString();
}

std::string Gzip(const std::string& s) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, s.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(CsvCompression, AllCodecsDecodeTheSameRows) {
  std::mt19937 rng(7);
  std::string text = RandomCsv(&rng, 3000, false, true);
  CsvReadOptions o;
  auto expected = ReadText(text, o);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();

  std::string bz(text.size() + 1024, '\0');
  unsigned bz_len = static_cast<unsigned>(bz.size());
  ASSERT_EQ(BZ2_bzBuffToBuffCompress(bz.data(), &bz_len, const_cast<char*>(text.data()),
                                     static_cast<unsigned>(text.size()), 9, 0, 0),
            BZ_OK);
  bz.resize(bz_len);
  std::string xz(text.size() + 1024, '\0');
  size_t xz_len = 0;
  ASSERT_EQ(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr,
                                    reinterpret_cast<const uint8_t*>(text.data()), text.size(),
                                    reinterpret_cast<uint8_t*>(xz.data()), &xz_len, xz.size()),
            LZMA_OK);
  xz.resize(xz_len);
  std::string zs(ZSTD_compressBound(text.size()), '\0');
  zs.resize(ZSTD_compress(zs.data(), zs.size(), text.data(), text.size(), 3));
  // Two concatenated gzip members make one stream.
  std::string half1 = text.substr(0, text.size() / 2), half2 = text.substr(text.size() / 2);
  std::string gz = Gzip(half1) + Gzip(half2);

  struct Case {
    CsvCompression c;
    std::string bytes;
  } cases[] = {{CsvCompression::kGzip, gz},
               {CsvCompression::kBzip2, bz},
               {CsvCompression::kXz, xz},
               {CsvCompression::kZstd, zs}};
  for (const auto& c : cases) {
    CsvReadOptions co;
    co.compression = c.c;
    auto got = ReadText(c.bytes, co);
    ASSERT_TRUE(got.ok()) << static_cast<int>(c.c) << ": " << got.status().ToString();
    EXPECT_EQ(Rows(*got), Rows(*expected)) << static_cast<int>(c.c);
    // Truncated input is an error, never a short result.
    auto cut = ReadText(c.bytes.substr(0, c.bytes.size() / 2), co);
    EXPECT_FALSE(cut.ok()) << static_cast<int>(c.c);
    EXPECT_EQ(ComputeCsvRanges(1 << 20, 4, co).size(), 1u);
  }
}

TEST(CsvWriter, RoundTripAndAtomicity) {
  TempDir dir;
  CsvReadOptions o;
  auto src = ReadCsvFile(TestingCsv("aggregate_test_100.csv"), o);
  ASSERT_TRUE(src.ok());
  std::string path = dir.path() + "/out.csv";
  ASSERT_TRUE(WriteCsv(*src, path).ok());
  auto back = ReadCsvFile(path, o);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Rows(*back), Rows(*src));
  EXPECT_TRUE((*back)[0]->schema()->Equals(*(*src)[0]->schema()));

  // Awkward strings, nulls vs empty strings, other dialect.
  std::string text = "s,n\n\"a,b\",1\n\"\",2\n,3\n\"q\"\"x\nline\",\n";
  CsvReadOptions so;
  so.schema = schema({field("s", utf8()), field("n", int64())});
  auto batches = ReadText(text, so);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  CsvWriteOptions w;
  w.delimiter = '|';
  w.quote = '~';
  ASSERT_TRUE(WriteCsv(so.schema, *batches, path, w).ok());
  CsvReadOptions ro = so;
  ro.delimiter = '|';
  ro.quote = '~';
  auto again = ReadCsvFile(path, ro);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Rows(*again), Rows(*batches));
  EXPECT_EQ(Rows(*again)[1], "|2");
  EXPECT_EQ(Rows(*again)[2], "NULL|3");

  CsvWriteOptions esc;
  esc.double_quote = false;
  esc.escape = '\\';
  auto formatted = FormatCsv(so.schema, *batches, esc);
  ASSERT_TRUE(formatted.ok());
  EXPECT_NE(formatted->find("\"q\\\"x\nline\""), std::string::npos) << *formatted;

  // A failed write leaves neither the target nor a temp file behind.
  std::string bad = dir.path() + "/missing_dir/out.csv";
  EXPECT_EQ(WriteCsv(*src, bad).kind(), ErrorKind::kIO);
  CsvWriteOptions invalid;
  invalid.double_quote = false;
  EXPECT_FALSE(WriteCsv(*src, dir.path() + "/x.csv", invalid).ok());
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
}

// Throughput on a generated 5M-row file; run with --gtest_also_run_disabled_tests.
TEST(CsvBench, DISABLED_FiveMillionRows) {
  TempDir dir;
  std::string path = dir.path() + "/big.csv";
  {
    std::mt19937 rng(1);
    std::string buf;
    FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    buf = "i1,i2,f1,f2,s1,s2,d1,i3,f3,s3\n";
    for (int r = 0; r < 5000000; ++r) {
      uint32_t x = rng();
      buf += std::to_string(r) + "," + std::to_string(static_cast<int32_t>(x)) + "," +
             std::to_string((x % 100000) / 100.0) + "," + std::to_string(x * 1e-7) + ",name" +
             std::to_string(x % 1000) + ",\"quoted, " + std::to_string(x % 77) + "\"," + "2020-" +
             std::to_string(1 + x % 12) + "-1" + std::to_string(x % 10) + "," +
             std::to_string(x % 1000) + "," + std::to_string(x % 997 * 0.5) + ",s\n";
      if (buf.size() > (1 << 20)) {
        std::fwrite(buf.data(), 1, buf.size(), f);
        buf.clear();
      }
    }
    std::fwrite(buf.data(), 1, buf.size(), f);
    std::fclose(f);
  }
  int64_t bytes = static_cast<int64_t>(std::filesystem::file_size(path));
  CsvReadOptions o;
  auto src = OpenLocalFile(path);
  ASSERT_TRUE(src.ok());
  auto s = InferCsvSchema(*src, o);
  ASSERT_TRUE(s.ok());
  o.schema = *s;
  std::printf("schema: %s\n", (*s)->ToString().c_str());
  for (int rep = 0; rep < 3; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    auto reader = OpenCsvRange(*src, o);
    ASSERT_TRUE(reader.ok());
    int64_t rows = 0;
    for (;;) {
      auto b = (*reader)->Next();
      ASSERT_TRUE(b.ok()) << b.status().ToString();
      if (!*b) break;
      rows += (*b)->num_rows();
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("rows=%lld bytes=%lld time=%.3fs  %.2f Mrows/s  %.1f MB/s\n",
                static_cast<long long>(rows), static_cast<long long>(bytes), secs,
                rows / secs / 1e6, bytes / secs / 1e6);
    ASSERT_EQ(rows, 5000000);
  }
}

}  // namespace
}  // namespace quiver::csv
