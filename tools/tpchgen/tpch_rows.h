// Streaming access to TPC-H rows, value for value what dbgen produces.
//
// A RowGenerator yields the rows of one table (or one part of it) in order,
// one at a time, in constant memory; writers (.tbl, CSV, later Parquet) format
// the typed fields as they like. Only the shared 300 MiB comment text pool is
// large, and it is built once per process.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "quiver/arrow/status.h"

namespace quiver::tpchgen {

enum class TpchTable : uint8_t {
  kNation,
  kRegion,
  kPart,
  kSupplier,
  kPartSupp,
  kCustomer,
  kOrders,
  kLineitem,
};
inline constexpr int kNumTpchTables = 8;

/// dbgen file stem: "nation", "partsupp", "lineitem", ...
std::string_view TableName(TpchTable table);
std::optional<TpchTable> TableFromName(std::string_view name);

enum class FieldType : uint8_t {
  kInt64,    // Field::i
  kDecimal,  // Field::i in hundredths (decimal(15,2)); prices, balances, discount, tax
  kDate,     // Field::i days since 1970-01-01, Field::s "YYYY-MM-DD"
  kString,   // Field::s
};

struct ColumnInfo {
  std::string_view name;  // e.g. "l_orderkey"
  FieldType type;
};

std::span<const ColumnInfo> TableColumns(TpchTable table);

/// One value; string views stay valid until the generator's next Next() call.
struct Field {
  int64_t i = 0;
  std::string_view s;
};

/// Table cardinalities at a scale factor, following dbgen (fractional scale
/// factors below 1 scale by thousandths; above 1 they must be whole).
struct TpchScale {
  int64_t parts = 0;
  int64_t suppliers = 0;
  int64_t customers = 0;
  int64_t orders = 0;
  int64_t clerks = 0;

  static Result<TpchScale> Make(double scale_factor);
};

class RowGenerator {
 public:
  /// Rows of part `part` (1-based) of `parts` equal slices of `table`; the
  /// slices concatenated in order are the whole table. Lineitem and partsupp
  /// are sliced by their parent order / part, like dbgen -C/-S.
  static Result<std::unique_ptr<RowGenerator>> Make(TpchTable table, double scale_factor,
                                                    int parts = 1, int part = 1);
  /// Rows generated from parent rows [first, first + count) (0-based): orders for
  /// lineitem, parts for partsupp, else the table's own rows.
  static std::unique_ptr<RowGenerator> MakeRange(TpchTable table, const TpchScale& scale,
                                                 int64_t first, int64_t count);
  /// Number of parent rows (see MakeRange) of a table.
  static int64_t ParentRowCount(TpchTable table, const TpchScale& scale);

  virtual ~RowGenerator() = default;

  TpchTable table() const { return table_; }
  /// Fills fields[0 .. TableColumns(table()).size()) with the next row;
  /// returns false when the rows are exhausted.
  virtual bool Next(Field* fields) = 0;

 protected:
  explicit RowGenerator(TpchTable table) : table_(table) {}

 private:
  TpchTable table_;
};

}  // namespace quiver::tpchgen
