// Command-line front end of the generator (quiver-tpchgen, `quiver tpchgen`).
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "tpchgen/tpchgen.h"

namespace quiver {
namespace {

constexpr const char* kUsage =
    "Usage: quiver-tpchgen [options]\n"
    "Generate TPC-H data, byte-identical to dbgen (.tbl), as CSV or as Parquet.\n"
    "\n"
    "Options:\n"
    "  -s, --scale-factor SF   scale factor (default 1; >= 0.001, whole above 1)\n"
    "      --format FMT        tbl (default), csv or parquet\n"
    "      --compression C     parquet codec: snappy (default), zstd, gzip, lz4_raw,\n"
    "                          brotli, uncompressed\n"
    "  -o, --output-dir DIR    output directory (default .; created if missing)\n"
    "      --tables LIST       comma-separated tables (default all): nation, region,\n"
    "                          part, supplier, partsupp, customer, orders, lineitem\n"
    "      --parts N           split every table into N parts (default 1)\n"
    "      --part K            write only part K (1..N) as <table>.<fmt>.K\n"
    "                          (Parquet: <table>.K.parquet)\n"
    "      --threads N         worker threads (default 0 = all cores)\n"
    "  -h, --help              show this help\n";

int Fail(const std::string& message) {
  std::fprintf(stderr, "quiver-tpchgen: %s\nTry 'quiver-tpchgen --help'.\n", message.c_str());
  return 2;
}

bool ParseInt(std::string_view s, int* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool ParseDouble(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

}  // namespace

int RunTpchgenCommand(int argc, char** argv) {
  TpchgenOptions options;
  bool part_given = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_inline = false;
    if (arg.rfind("--", 0) == 0) {
      size_t eq = arg.find('=');
      if (eq != std::string::npos) {
        value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_inline = true;
      }
    }
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    auto take_value = [&]() -> bool {
      if (has_inline) return true;
      if (i + 1 >= argc) return false;
      value = argv[++i];
      return true;
    };
    if (arg == "-s" || arg == "--scale-factor") {
      if (!take_value()) return Fail("missing value for " + arg);
      if (!ParseDouble(value, &options.scale_factor)) {
        return Fail("invalid scale factor '" + value + "'");
      }
    } else if (arg == "--format") {
      if (!take_value()) return Fail("missing value for " + arg);
      options.format = value;
    } else if (arg == "--compression") {
      if (!take_value()) return Fail("missing value for " + arg);
      options.compression = value;
    } else if (arg == "-o" || arg == "--output-dir") {
      if (!take_value()) return Fail("missing value for " + arg);
      if (value.empty()) return Fail("empty output directory");
      options.output_dir = value;
    } else if (arg == "--tables") {
      if (!take_value()) return Fail("missing value for " + arg);
      size_t start = 0;
      while (start <= value.size()) {
        size_t comma = value.find(',', start);
        if (comma == std::string::npos) comma = value.size();
        std::string name = value.substr(start, comma - start);
        if (name.empty()) return Fail("empty table name in --tables '" + value + "'");
        options.tables.push_back(name);
        start = comma + 1;
      }
    } else if (arg == "--parts" || arg == "--part" || arg == "--threads") {
      if (!take_value()) return Fail("missing value for " + arg);
      int n = 0;
      if (!ParseInt(value, &n)) return Fail("invalid number '" + value + "' for " + arg);
      if (arg == "--parts") options.parts = n;
      if (arg == "--part") {
        options.part = n;
        part_given = true;
      }
      if (arg == "--threads") options.threads = n;
    } else {
      return Fail("unknown argument '" + arg + "'");
    }
  }
  if (part_given && options.parts == 1 && options.part != 1) {
    return Fail("--part needs --parts");
  }
  Status st = GenerateTpch(options);
  if (!st.ok()) {
    // Option values rejected by the generator are usage errors.
    if (st.kind() == ErrorKind::kConfiguration) return Fail(st.message());
    std::fprintf(stderr, "quiver-tpchgen: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace quiver
