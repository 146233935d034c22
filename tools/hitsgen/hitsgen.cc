#include "hitsgen/hitsgen.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "hitsgen/hits_batch.h"
#include "hitsgen/hits_vocabulary.h"
#include "quiver/datasource/parquet/file_writer.h"
#include "tpchgen/chunk_pipeline.h"

namespace quiver {

namespace {
constexpr int64_t kBatchRows = 32768;
}  // namespace

Status GenerateHits(const HitsgenOptions& options) {
  if (options.rows < 0) return Status::Configuration("hitsgen: --rows must not be negative");
  if (options.threads < 0 || options.threads > 1024) {
    return Status::Configuration("hitsgen: --threads must be between 0 and 1024");
  }
  if (options.row_group_rows <= 0) {
    return Status::Configuration("hitsgen: --row-group-rows must be positive");
  }
  if (options.output.empty()) return Status::Configuration("hitsgen: empty output path");
  std::filesystem::path out(options.output);
  if (out.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(out.parent_path(), ec);
    if (ec) {
      return Status::IO("hitsgen: cannot create directory " + out.parent_path().string() + ": " +
                        ec.message());
    }
  }
  int threads = options.threads;
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  SchemaPtr schema = HitsSchema();
  parquet::ParquetWriteOptions wo;
  QUIVER_RETURN_NOT_OK(parquet::SetWriteOption("compression", options.compression, &wo));
  wo.max_row_group_rows = options.row_group_rows;
  wo.created_by = "quiver hitsgen";
  QUIVER_ASSIGN_OR_RAISE(auto writer, parquet::ParquetFileWriter::Open(options.output, schema, wo));
  if (options.rows > 0) {
    const hitsgen::HitsVocabulary vocab = hitsgen::HitsVocabulary::Make(options.rows, options.seed);
    tpchgen::ChunkPipeline<RecordBatchPtr> pipeline(
        0, options.rows, kBatchRows, threads,
        [&](int64_t first, int64_t count, RecordBatchPtr* batch) {
          return hitsgen::GenerateHitsBatch(vocab, options.seed, first, count, schema, batch);
        });
    QUIVER_RETURN_NOT_OK(pipeline.Start());
    for (int64_t c = 0; c < pipeline.num_chunks(); ++c) {
      QUIVER_RETURN_NOT_OK(pipeline.Consume(c, [&](RecordBatchPtr& batch) {
        RecordBatchPtr b = std::move(batch);
        return writer->Write(*b);
      }));
    }
  }
  return writer->Close();
}

namespace {

constexpr const char* kUsage =
    "Usage: quiver hitsgen [options]\n"
    "Generate a synthetic ClickBench hits table (105 columns) as one Parquet file.\n"
    "\n"
    "Options:\n"
    "  -n, --rows N            rows (default 10000000)\n"
    "  -o, --output PATH       output file (default hits.parquet; directories created)\n"
    "      --seed N            random seed (default 1); same seed, same file\n"
    "      --compression C     snappy (default), zstd, gzip, lz4_raw, brotli, uncompressed\n"
    "      --row-group-rows N  rows per row group (default 524288)\n"
    "      --threads N         generator threads (default 0 = all cores)\n"
    "  -h, --help              show this help\n";

int Fail(const std::string& message) {
  std::fprintf(stderr, "quiver hitsgen: %s\nTry 'quiver hitsgen --help'.\n", message.c_str());
  return 2;
}

template <typename T>
bool ParseNumber(const std::string& s, T* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

}  // namespace

int RunHitsgenCommand(int argc, char** argv) {
  HitsgenOptions o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool inline_value = false;
    if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      inline_value = true;
    }
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (!inline_value) {
      if (i + 1 >= argc) return Fail("missing value for " + arg);
      value = argv[++i];
    }
    bool ok = true;
    if (arg == "-n" || arg == "--rows") {
      ok = ParseNumber(value, &o.rows);
    } else if (arg == "-o" || arg == "--output") {
      o.output = value;
    } else if (arg == "--seed") {
      ok = ParseNumber(value, &o.seed);
    } else if (arg == "--compression") {
      o.compression = value;
    } else if (arg == "--row-group-rows") {
      ok = ParseNumber(value, &o.row_group_rows);
    } else if (arg == "--threads") {
      ok = ParseNumber(value, &o.threads);
    } else {
      return Fail("unknown argument '" + arg + "'");
    }
    if (!ok) return Fail("invalid number '" + value + "' for " + arg);
  }
  Status st = GenerateHits(o);
  if (!st.ok()) {
    if (st.kind() == ErrorKind::kConfiguration) return Fail(st.message());
    std::fprintf(stderr, "quiver hitsgen: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace quiver
