// quiver: run SQL on files from the command line.
//
//   quiver                       interactive prompt
//   quiver -c "SQL" [-c ...]     run statements and exit
//   quiver -f file.sql           run a file of statements
//   quiver tpchgen [options]     generate TPC-H data
//   quiver hitsgen [options]     generate a ClickBench-shaped hits table
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "quiver/cli/repl.h"
#include "hitsgen/hitsgen.h"
#include "tpchgen/tpchgen.h"

namespace {

void Usage(FILE* out) {
  std::fprintf(out,
               "Usage: quiver [OPTIONS]\n"
               "       quiver tpchgen [--help]\n"
               "       quiver hitsgen [--help]\n\n"
               "Options:\n"
               "  -c, --command SQL     run SQL and exit (repeatable)\n"
               "  -f, --file PATH       run the statements in a file and exit (repeatable)\n"
               "  --format FORMAT       table (default), csv or tsv\n"
               "  -q, --quiet           no row count and timing after results\n"
               "  -p, --partitions N    target partitions (datafusion.execution.target_partitions)\n"
               "  -b, --batch-size N    rows per batch\n"
               "  --repeat N            run each query N times, print the last result\n"
               "  --timing              print each query's run times (ms) to stderr\n"
               "  -h, --help            this text\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "tpchgen") == 0) return quiver::RunTpchgenCommand(argc - 1, argv + 1);
  if (argc > 1 && std::strcmp(argv[1], "hitsgen") == 0) {
    return quiver::RunHitsgenCommand(argc - 1, argv + 1);
  }

  quiver::cli::PrintOptions print;
  std::vector<std::pair<char, std::string>> inputs;  // ('c', sql) or ('f', path)
  quiver::ConfigOptions config;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* what) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "Error: %s needs a value\n", what);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "-c" || a == "--command") {
      inputs.emplace_back('c', value("-c"));
    } else if (a == "-f" || a == "--file") {
      inputs.emplace_back('f', value("-f"));
    } else if (a == "--format") {
      std::string f = value("--format");
      if (f == "table") print.format = quiver::cli::OutputFormat::kTable;
      else if (f == "csv") print.format = quiver::cli::OutputFormat::kCsv;
      else if (f == "tsv") print.format = quiver::cli::OutputFormat::kTsv;
      else {
        std::fprintf(stderr, "Error: unknown format '%s' (table, csv, tsv)\n", f.c_str());
        return 2;
      }
    } else if (a == "-q" || a == "--quiet") {
      print.quiet = true;
    } else if (a == "--timing") {
      print.timing = true;
    } else if (a == "--repeat") {
      std::string n = value("--repeat");
      char* end = nullptr;
      long r = std::strtol(n.c_str(), &end, 10);
      if (n.empty() || *end != '\0' || r < 1 || r > 1000000) {
        std::fprintf(stderr, "Error: --repeat needs a positive count, got '%s'\n", n.c_str());
        return 2;
      }
      print.repeat = static_cast<int>(r);
    } else if (a == "-p" || a == "--partitions" || a == "-b" || a == "--batch-size") {
      std::string key = (a == "-p" || a == "--partitions") ? "datafusion.execution.target_partitions"
                                                         : "datafusion.execution.batch_size";
      quiver::Status st = config.Set(key, value(a.c_str()));
      if (!st.ok()) {
        std::fprintf(stderr, "Error: %s\n", st.ToString().c_str());
        return 2;
      }
    } else if (a == "-h" || a == "--help") {
      Usage(stdout);
      return 0;
    } else {
      std::fprintf(stderr, "Error: unknown argument '%s'\n\n", a.c_str());
      Usage(stderr);
      return 2;
    }
  }

  quiver::SessionContext ctx(config);
  if (inputs.empty()) return quiver::cli::RunRepl(ctx, print);
  for (const auto& [kind, text] : inputs) {
    std::string sql = text;
    if (kind == 'f') {
      std::ifstream in(text);
      if (!in) {
        std::fprintf(stderr, "Error: IO error: cannot open file %s\n", text.c_str());
        return 1;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      sql = ss.str();
    }
    quiver::Status st = quiver::cli::RunSql(ctx, sql, print);
    if (!st.ok()) {
      std::fprintf(stderr, "Error: %s\n", st.ToString().c_str());
      return 1;
    }
  }
  return 0;
}
