#include "tpchgen/tpchgen.h"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "tpchgen/parquet_table_writer.h"
#include "tpchgen/table_writer.h"
#include "tpchgen/text_pool.h"
#include "tpchgen/tpch_rows.h"

namespace quiver {

using tpchgen::TpchTable;

Status GenerateTpch(const TpchgenOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(auto scale, tpchgen::TpchScale::Make(options.scale_factor));
  tpchgen::TextFormat format = tpchgen::TextFormat::kTbl;
  const bool parquet = options.format == "parquet";
  if (options.format == "csv") {
    format = tpchgen::TextFormat::kCsv;
  } else if (options.format != "tbl" && !parquet) {
    return Status::Configuration("tpchgen: unknown format '" + options.format +
                                 "' (expected tbl, csv or parquet)");
  }
  if (options.parts < 1) {
    return Status::Configuration("tpchgen: --parts must be at least 1");
  }
  if (options.part < 1 || options.part > options.parts) {
    return Status::Configuration("tpchgen: --part must be between 1 and --parts (" +
                                 std::to_string(options.parts) + ")");
  }
  if (options.threads < 0 || options.threads > 1024) {
    return Status::Configuration("tpchgen: --threads must be between 0 and 1024");
  }
  std::vector<TpchTable> tables;
  for (const std::string& name : options.tables) {
    auto t = tpchgen::TableFromName(name);
    if (!t) {
      return Status::Configuration(
          "tpchgen: unknown table '" + name +
          "' (expected nation, region, part, supplier, partsupp, customer, orders, lineitem)");
    }
    if (std::find(tables.begin(), tables.end(), *t) == tables.end()) tables.push_back(*t);
  }
  if (tables.empty()) {
    for (int i = 0; i < tpchgen::kNumTpchTables; ++i) tables.push_back(static_cast<TpchTable>(i));
  }

  std::error_code ec;
  std::filesystem::create_directories(options.output_dir, ec);
  if (ec || !std::filesystem::is_directory(options.output_dir)) {
    return Status::IO("tpchgen: cannot create output directory " + options.output_dir +
                      (ec ? ": " + ec.message() : ""));
  }

  int threads = options.threads;
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  for (TpchTable table : tables) {
    int64_t total = tpchgen::RowGenerator::ParentRowCount(table, scale);
    int64_t per_part = total / options.parts;
    int64_t first = per_part * (options.part - 1);
    int64_t count = options.part == options.parts ? total - first : per_part;
    if (parquet) {
      tpchgen::ParquetTableWriteRequest req;
      req.table = table;
      req.scale = scale;
      req.first = first;
      req.count = count;
      req.threads = threads;
      req.compression = options.compression;
      std::string file(tpchgen::TableName(table));
      if (options.parts > 1) file.append(".").append(std::to_string(options.part));
      file += ".parquet";
      req.path = (std::filesystem::path(options.output_dir) / file).string();
      QUIVER_RETURN_NOT_OK(tpchgen::WriteParquetTable(req));
      continue;
    }
    tpchgen::TableWriteRequest req;
    req.table = table;
    req.scale = scale;
    req.first = first;
    req.count = count;
    req.format = format;
    req.header = format == tpchgen::TextFormat::kCsv && options.part == 1;
    req.threads = threads;
    std::string file = std::string(tpchgen::TableName(table)) + "." + options.format;
    if (options.parts > 1) file.append(".").append(std::to_string(options.part));
    req.path = (std::filesystem::path(options.output_dir) / file).string();
    QUIVER_RETURN_NOT_OK(tpchgen::WriteTable(req));
  }
  return Status::OK();
}

}  // namespace quiver
