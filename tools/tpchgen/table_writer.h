// Writes one table (or one part of it) to a text file, generating chunks of
// rows on several threads and writing them in order with bounded memory.
#pragma once

#include <string>

#include "quiver/arrow/status.h"
#include "tpchgen/row_format.h"
#include "tpchgen/tpch_rows.h"

namespace quiver::tpchgen {

struct TableWriteRequest {
  TpchTable table;
  TpchScale scale;
  int64_t first = 0;  // parent rows, as in RowGenerator::MakeRange
  int64_t count = 0;
  TextFormat format = TextFormat::kTbl;
  bool header = false;  // CSV header line first
  int threads = 1;
  std::string path;
};

/// Writes to path + a temporary suffix, then renames to path on success; on
/// error the temporary file is removed.
Status WriteTable(const TableWriteRequest& request);

}  // namespace quiver::tpchgen
