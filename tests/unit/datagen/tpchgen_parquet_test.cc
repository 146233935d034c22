// TPC-H Parquet output read back through Quiver: types, row counts and
// per-column checksums equal to what the row generator (the source of the
// byte-identical .tbl files) yields.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../execution/test_util.h"
#include "tpchgen/parquet_table_writer.h"
#include "tpchgen/tpch_rows.h"
#include "tpchgen/tpchgen.h"

namespace quiver {
namespace {

namespace fs = std::filesystem;
using tpchgen::FieldType;
using tpchgen::TpchTable;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tpchgen_pq_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// count, then per column: sum of integers / hundredths / days, or total
// string length, all as text.
std::vector<std::string> GeneratorChecksums(TpchTable table, double sf) {
  auto gen = *tpchgen::RowGenerator::Make(table, sf);
  auto columns = tpchgen::TableColumns(table);
  std::vector<__int128> sums(columns.size(), 0);
  int64_t rows = 0;
  tpchgen::Field fields[16];
  while (gen->Next(fields)) {
    ++rows;
    for (size_t i = 0; i < columns.size(); ++i) {
      sums[i] += columns[i].type == FieldType::kString ? static_cast<int64_t>(fields[i].s.size())
                                                       : fields[i].i;
    }
  }
  std::vector<std::string> out{std::to_string(rows)};
  for (auto s : sums) out.push_back(std::to_string(static_cast<int64_t>(s)));
  return out;
}

// The same checksums in SQL: decimals scaled to hundredths (l_quantity is
// whole in the generator), dates as days since 1970-01-01.
std::string ChecksumSql(TpchTable table) {
  std::string sql = "SELECT count(*)";
  for (const auto& c : tpchgen::TableColumns(table)) {
    std::string col(c.name);
    switch (c.type) {
      case FieldType::kString: sql += ", sum(length(" + col + "))"; break;
      case FieldType::kDate: sql += ", sum(CAST(CAST(" + col + " AS INT) AS BIGINT))"; break;
      case FieldType::kDecimal: sql += ", CAST(sum(" + col + ") * 100 AS BIGINT)"; break;
      case FieldType::kInt64:
        sql += col == "l_quantity" ? ", CAST(sum(" + col + ") AS BIGINT)" : ", sum(" + col + ")";
        break;
    }
  }
  return sql + " FROM " + std::string(tpchgen::TableName(table));
}

std::vector<std::string> Split(const std::string& row) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t bar = row.find('|', start);
    out.push_back(row.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos) return out;
    start = bar + 1;
  }
}

TEST(TpchgenParquetTest, ReadsBackWithTypesCountsAndChecksums) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  TpchgenOptions options;
  options.scale_factor = 0.01;
  options.format = "parquet";
  options.output_dir = dir.path();
  options.threads = 2;
  Status st = GenerateTpch(options);
  ASSERT_TRUE(st.ok()) << st.ToString();

  SessionContext ctx;
  for (int t = 0; t < tpchgen::kNumTpchTables; ++t) {
    auto table = static_cast<TpchTable>(t);
    std::string name(tpchgen::TableName(table));
    std::string path = dir.path() + "/" + name + ".parquet";
    ASSERT_TRUE(fs::exists(path)) << path;
    auto created = testing::Rows(
        ctx, "CREATE EXTERNAL TABLE " + name + " STORED AS PARQUET LOCATION '" + path + "'");
    ASSERT_TRUE(created.ok()) << created.status().ToString();

    auto df = ctx.Sql("SELECT * FROM " + name + " LIMIT 0");
    ASSERT_TRUE(df.ok()) << df.status().ToString();
    SchemaPtr got = df->schema().ToArrow();
    SchemaPtr want = tpchgen::TpchArrowSchema(table);
    ASSERT_EQ(got->num_fields(), want->num_fields()) << name;
    for (int i = 0; i < want->num_fields(); ++i) {
      EXPECT_EQ(got->field(i)->name(), want->field(i)->name());
      EXPECT_EQ(got->field(i)->type()->ToString(), want->field(i)->type()->ToString())
          << name << "." << want->field(i)->name();
    }

    auto rows = testing::Rows(ctx, ChecksumSql(table));
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(Split((*rows)[0]), GeneratorChecksums(table, 0.01)) << name;
  }
  auto types = testing::Rows(ctx,
                             "SELECT arrow_typeof(l_quantity), arrow_typeof(l_shipdate), "
                             "arrow_typeof(l_comment), arrow_typeof(l_orderkey) FROM lineitem "
                             "LIMIT 1");
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  EXPECT_EQ((*types)[0], "Decimal128(15, 2)|Date32|Utf8|Int64");
}

TEST(TpchgenParquetTest, PartsSplitTheTable) {
  TempDir dir;
  TpchgenOptions options;
  options.scale_factor = 0.01;
  options.format = "parquet";
  options.output_dir = dir.path();
  options.tables = {"orders"};
  options.parts = 3;
  for (int k = 1; k <= 3; ++k) {
    options.part = k;
    ASSERT_TRUE(GenerateTpch(options).ok());
  }
  SessionContext ctx;
  std::string sql = "SELECT count(*), sum(o_orderkey) FROM (";
  for (int k = 1; k <= 3; ++k) {
    if (k > 1) sql += " UNION ALL ";
    sql += "SELECT o_orderkey FROM '" + dir.path() + "/orders." + std::to_string(k) + ".parquet'";
  }
  auto rows = testing::Rows(ctx, sql + ")");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  auto want = GeneratorChecksums(TpchTable::kOrders, 0.01);
  EXPECT_EQ((*rows)[0], want[0] + "|" + want[1]);
}

TEST(TpchgenParquetTest, BadCompressionIsAnError) {
  TempDir dir;
  TpchgenOptions options;
  options.scale_factor = 0.01;
  options.format = "parquet";
  options.compression = "zip";
  options.output_dir = dir.path();
  options.tables = {"nation"};
  Status st = GenerateTpch(options);
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(fs::exists(dir.path() + "/nation.parquet"));
}

}  // namespace
}  // namespace quiver
