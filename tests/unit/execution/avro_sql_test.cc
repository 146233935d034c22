// Avro files through SQL: register_avro / read_avro, projections, filters,
// aggregates, several files, limits. Expected rows come from DuckDB reading
// the parquet-testing originals these Avro files were converted from.
#include <gtest/gtest.h>

#include "quiver/datasource/avro_format.h"
#include "quiver/datasource/listing_table.h"
#include "test_util.h"

namespace quiver {
namespace {

using testing::Rows;
using testing::SharedPath;
using Lines = std::vector<std::string>;

std::string Avro(const std::string& name) {
  return SharedPath("datafusion-tests/testing/data/avro/" + name + ".avro");
}

TEST(AvroSqlTest, ScalarColumnsFilterAndProjection) {
  SessionContext ctx;
  ASSERT_TRUE(ctx.RegisterAvro("ap", Avro("alltypes_plain")).ok());
  auto rows = Rows(ctx,
                   "SELECT id, bool_col, tinyint_col, bigint_col, float_col, double_col, "
                   "CAST(string_col AS VARCHAR), CAST(timestamp_col AS BIGINT) FROM ap "
                   "WHERE id > 2 ORDER BY id");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(
      *rows,
      (Lines{"3|false|1|10|1.1|10.1|1|1233446460000000", "4|true|0|0|0.0|0.0|0|1235865600000000",
             "5|false|1|10|1.1|10.1|1|1235865660000000", "6|true|0|0|0.0|0.0|0|1238544000000000",
             "7|false|1|10|1.1|10.1|1|1238544060000000"}));
  rows = Rows(ctx, "SELECT count(*) FROM ap");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Lines{"8"}));
}

TEST(AvroSqlTest, SeveralFilesOfEveryCodec) {
  SessionContext ctx;
  // alltypes_plain.avro and its bzip2, snappy, xz and zstandard copies.
  ASSERT_TRUE(ctx.RegisterAvro("five", SharedPath("datafusion-tests/testing/data/avro/"
                                                  "alltypes_plain*.avro"))
                  .ok());
  auto rows = Rows(ctx,
                   "SELECT bool_col, count(*), sum(bigint_col), "
                   "min(CAST(date_string_col AS VARCHAR)) FROM five GROUP BY bool_col "
                   "ORDER BY bool_col");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Lines{"false|20|200|01/01/09", "true|20|0|01/01/09"}));
  rows = Rows(ctx, "SELECT count(*) FROM (SELECT id FROM five LIMIT 11)");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Lines{"11"}));
}

TEST(AvroSqlTest, NestedColumns) {
  SessionContext ctx;
  ASSERT_TRUE(ctx.RegisterAvro("ni", Avro("nullable.impala")).ok());
  auto rows = Rows(ctx,
                   "SELECT id, cardinality(int_array), nested_struct['A'], int_map['k1'] FROM ni "
                   "ORDER BY id");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  // DuckDB's len([]) is 0; DataFusion's cardinality of an empty array is
  // NULL (array.slt: cardinality(make_array())).
  EXPECT_EQ(*rows, (Lines{"1|3|1|1", "2|6|NULL|2", "3|NULL|NULL|NULL", "4|NULL|NULL|NULL",
                          "5|NULL|NULL|NULL", "6|NULL|NULL|NULL", "7|NULL|7|NULL"}));
  auto df = ctx.ReadAvro(Avro("list_columns"));
  ASSERT_TRUE(df.ok()) << df.status().ToString();
  ASSERT_TRUE(ctx.RegisterAvro("lc", Avro("list_columns")).ok());
  rows = Rows(ctx, "SELECT cardinality(int64_list), utf8_list[1] FROM lc");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Lines{"3|abc", "2|NULL", "1|efg"}));
}

TEST(AvroSqlTest, DeclaredSchemaCastsAndMissingColumns) {
  SessionContext ctx;
  // A declared table schema: narrower ints, a column absent from the file.
  auto declared =
      schema({field("id", int16(), false), field("double_col", float32()), field("nope", utf8())});
  auto table = ListingTable::Make(Avro("alltypes_plain"), std::make_shared<AvroFormat>(), declared);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_TRUE(ctx.RegisterTable("t", *table).ok());
  auto rows = Rows(ctx, "SELECT arrow_typeof(id), id, double_col, nope FROM t WHERE id = 5");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Lines{"Int16|5|10.1|NULL"}));
}

TEST(AvroSqlTest, BadFilesAreErrors) {
  SessionContext ctx;
  // A Parquet file is not an Avro file.
  Status st = ctx.RegisterAvro(
      "p", SharedPath("datafusion-tests/parquet-testing/data/alltypes_plain.parquet"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("bad magic"), std::string::npos) << st.ToString();
}

}  // namespace
}  // namespace quiver
