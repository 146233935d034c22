// Table metadata, cardinalities and the RowGenerator factory.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "tpchgen/generators.h"
#include "tpchgen/tpch_rows.h"

namespace quiver::tpchgen {
namespace {

constexpr std::array<std::string_view, kNumTpchTables> kNames = {
    "nation", "region", "part", "supplier", "partsupp", "customer", "orders", "lineitem"};

using FT = FieldType;
constexpr ColumnInfo kNation[] = {{"n_nationkey", FT::kInt64},
                                  {"n_name", FT::kString},
                                  {"n_regionkey", FT::kInt64},
                                  {"n_comment", FT::kString}};
constexpr ColumnInfo kRegion[] = {
    {"r_regionkey", FT::kInt64}, {"r_name", FT::kString}, {"r_comment", FT::kString}};
constexpr ColumnInfo kPart[] = {
    {"p_partkey", FT::kInt64},    {"p_name", FT::kString},         {"p_mfgr", FT::kString},
    {"p_brand", FT::kString},     {"p_type", FT::kString},         {"p_size", FT::kInt64},
    {"p_container", FT::kString}, {"p_retailprice", FT::kDecimal}, {"p_comment", FT::kString}};
constexpr ColumnInfo kSupplier[] = {{"s_suppkey", FT::kInt64},  {"s_name", FT::kString},
                                    {"s_address", FT::kString}, {"s_nationkey", FT::kInt64},
                                    {"s_phone", FT::kString},   {"s_acctbal", FT::kDecimal},
                                    {"s_comment", FT::kString}};
constexpr ColumnInfo kPartSupp[] = {{"ps_partkey", FT::kInt64},
                                    {"ps_suppkey", FT::kInt64},
                                    {"ps_availqty", FT::kInt64},
                                    {"ps_supplycost", FT::kDecimal},
                                    {"ps_comment", FT::kString}};
constexpr ColumnInfo kCustomer[] = {{"c_custkey", FT::kInt64},     {"c_name", FT::kString},
                                    {"c_address", FT::kString},    {"c_nationkey", FT::kInt64},
                                    {"c_phone", FT::kString},      {"c_acctbal", FT::kDecimal},
                                    {"c_mktsegment", FT::kString}, {"c_comment", FT::kString}};
constexpr ColumnInfo kOrders[] = {{"o_orderkey", FT::kInt64},     {"o_custkey", FT::kInt64},
                                  {"o_orderstatus", FT::kString}, {"o_totalprice", FT::kDecimal},
                                  {"o_orderdate", FT::kDate},     {"o_orderpriority", FT::kString},
                                  {"o_clerk", FT::kString},       {"o_shippriority", FT::kInt64},
                                  {"o_comment", FT::kString}};
constexpr ColumnInfo kLineitem[] = {
    {"l_orderkey", FT::kInt64},    {"l_partkey", FT::kInt64},
    {"l_suppkey", FT::kInt64},     {"l_linenumber", FT::kInt64},
    {"l_quantity", FT::kInt64},    {"l_extendedprice", FT::kDecimal},
    {"l_discount", FT::kDecimal},  {"l_tax", FT::kDecimal},
    {"l_returnflag", FT::kString}, {"l_linestatus", FT::kString},
    {"l_shipdate", FT::kDate},     {"l_commitdate", FT::kDate},
    {"l_receiptdate", FT::kDate},  {"l_shipinstruct", FT::kString},
    {"l_shipmode", FT::kString},   {"l_comment", FT::kString}};

}  // namespace

std::string_view TableName(TpchTable table) { return kNames[static_cast<int>(table)]; }

std::optional<TpchTable> TableFromName(std::string_view name) {
  for (int i = 0; i < kNumTpchTables; ++i) {
    if (kNames[i] == name) return static_cast<TpchTable>(i);
  }
  return std::nullopt;
}

std::span<const ColumnInfo> TableColumns(TpchTable table) {
  switch (table) {
    case TpchTable::kNation: return kNation;
    case TpchTable::kRegion: return kRegion;
    case TpchTable::kPart: return kPart;
    case TpchTable::kSupplier: return kSupplier;
    case TpchTable::kPartSupp: return kPartSupp;
    case TpchTable::kCustomer: return kCustomer;
    case TpchTable::kOrders: return kOrders;
    case TpchTable::kLineitem: return kLineitem;
  }
  return {};
}

Result<TpchScale> TpchScale::Make(double sf) {
  if (!std::isfinite(sf) || sf < 0.001) {
    return Status::Configuration("TPC-H scale factor must be at least 0.001, got " +
                                 std::to_string(sf));
  }
  if (sf >= 30000) {
    // dbgen switches keys to a 64-bit generator there; that is not reproduced.
    return Status::Configuration("TPC-H scale factors of 30000 and above are not supported");
  }
  // dbgen: whole scale factors multiply the base cardinalities; below 1 they
  // are scaled by thousandths (truncated).
  int64_t mult = 1000;
  int64_t whole = 1;
  if (sf < 1) {
    mult = static_cast<int64_t>(1000 * sf);
  } else {
    if (sf != std::floor(sf)) {
      return Status::Configuration("TPC-H scale factors above 1 must be whole numbers, got " +
                                   std::to_string(sf));
    }
    whole = static_cast<int64_t>(sf);
  }
  auto rows = [&](int64_t base) { return std::max<int64_t>(1, base * mult / 1000) * whole; };
  TpchScale s;
  s.parts = rows(200000);
  s.suppliers = rows(10000);
  s.customers = rows(150000);
  s.orders = rows(1500000);
  s.clerks = std::max<int64_t>(1000, whole * 1000);
  return s;
}

int64_t RowGenerator::ParentRowCount(TpchTable table, const TpchScale& scale) {
  switch (table) {
    case TpchTable::kNation: return 25;
    case TpchTable::kRegion: return 5;
    case TpchTable::kPart:
    case TpchTable::kPartSupp: return scale.parts;
    case TpchTable::kSupplier: return scale.suppliers;
    case TpchTable::kCustomer: return scale.customers;
    case TpchTable::kOrders:
    case TpchTable::kLineitem: return scale.orders;
  }
  return 0;
}

std::unique_ptr<RowGenerator> RowGenerator::MakeRange(TpchTable table, const TpchScale& scale,
                                                      int64_t first, int64_t count) {
  // Stay inside the table whatever the caller asks.
  int64_t total = ParentRowCount(table, scale);
  first = std::clamp<int64_t>(first, 0, total);
  count = std::clamp<int64_t>(count, 0, total - first);
  switch (table) {
    case TpchTable::kNation: return MakeNationGenerator(first, count);
    case TpchTable::kRegion: return MakeRegionGenerator(first, count);
    case TpchTable::kPart: return MakePartGenerator(scale, first, count);
    case TpchTable::kSupplier: return MakeSupplierGenerator(scale, first, count);
    case TpchTable::kPartSupp: return MakePartSuppGenerator(scale, first, count);
    case TpchTable::kCustomer: return MakeCustomerGenerator(scale, first, count);
    case TpchTable::kOrders: return MakeOrdersGenerator(scale, first, count);
    case TpchTable::kLineitem: return MakeLineitemGenerator(scale, first, count);
  }
  return nullptr;
}

Result<std::unique_ptr<RowGenerator>> RowGenerator::Make(TpchTable table, double scale_factor,
                                                         int parts, int part) {
  QUIVER_ASSIGN_OR_RAISE(TpchScale scale, TpchScale::Make(scale_factor));
  if (parts < 1 || part < 1 || part > parts) {
    return Status::Configuration("part " + std::to_string(part) + " of " + std::to_string(parts) +
                                 " is out of range");
  }
  int64_t total = ParentRowCount(table, scale);
  int64_t per_part = total / parts;
  int64_t first = per_part * (part - 1);
  int64_t count = part == parts ? total - first : per_part;
  return MakeRange(table, scale, first, count);
}

}  // namespace quiver::tpchgen
