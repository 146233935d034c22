// Writes one TPC-H table (or one part of it) as a Parquet file: rows are
// generated into Arrow record batches on worker threads and appended to the
// file in order, so memory stays bounded by one row group plus a few batches.
//
// Arrow types follow DuckDB's tpch extension where sensible: keys Int64,
// small counts (p_size, ps_availqty, l_linenumber, o_shippriority) Int32,
// money, l_quantity, discount and tax Decimal128(15, 2), dates Date32,
// text Utf8; every column is non-nullable.
#pragma once

#include <string>

#include "quiver/arrow/status.h"
#include "quiver/arrow/type.h"
#include "tpchgen/tpch_rows.h"

namespace quiver::tpchgen {

/// The Arrow schema of a table's Parquet output.
SchemaPtr TpchArrowSchema(TpchTable table);

struct ParquetTableWriteRequest {
  TpchTable table;
  TpchScale scale;
  int64_t first = 0;  // parent rows, as in RowGenerator::MakeRange
  int64_t count = 0;
  int threads = 1;
  std::string compression = "snappy";  // as COPY ... OPTIONS (compression ...)
  int64_t row_group_rows = 1024 * 1024;
  std::string path;
};

/// Writes the file atomically (a temporary name renamed on success).
Status WriteParquetTable(const ParquetTableWriteRequest& request);

}  // namespace quiver::tpchgen
