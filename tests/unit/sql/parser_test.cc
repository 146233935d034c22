// Unit tests of the SQL parser: precedence, statements, identifiers, errors.
#include <gtest/gtest.h>

#include "quiver/sql/parser.h"

namespace quiver::sql {
namespace {

std::string Expr(std::string_view sql) {
  auto e = ParseExpr(sql);
  if (!e.ok()) return "ERROR: " + e.status().ToString();
  return ToSql(**e);
}

std::string Stmt(std::string_view sql) {
  auto s = ParseStatement(sql);
  if (!s.ok()) return "ERROR: " + s.status().ToString();
  return ToSql(*s);
}

Status Error(std::string_view sql) {
  auto s = ParseSql(sql);
  return s.ok() ? Status::OK() : s.status();
}

// Shape of an expression tree, fully parenthesized, to check grouping.
std::string Shape(const sql::Expr& e) {
  switch (e.kind) {
    case ExprKind::kBinaryOp:
      return "(" + Shape(*e.left) + " " + BinaryOpToString(e.binary_op) + " " + Shape(*e.right) +
             ")";
    case ExprKind::kUnaryOp:
      return std::string("(") + (e.unary_op == UnaryOp::kNot ? "NOT " : "-") + Shape(*e.operand) +
             ")";
    case ExprKind::kIsTest:
      return "(" + Shape(*e.operand) + (e.negated ? " IS NOT " : " IS ") + "NULL)";
    case ExprKind::kBetween:
      return "(" + Shape(*e.operand) + " BETWEEN " + Shape(*e.low) + " AND " + Shape(*e.high) + ")";
    case ExprKind::kLike: return "(" + Shape(*e.operand) + " LIKE " + Shape(*e.right) + ")";
    case ExprKind::kCast: return "(" + Shape(*e.operand) + "::" + ToSql(*e.data_type) + ")";
    case ExprKind::kAtTimeZone:
      return "(" + Shape(*e.operand) + " AT TIME ZONE " + Shape(*e.right) + ")";
    default: return ToSql(e);
  }
}

std::string ShapeOf(std::string_view sql) {
  auto e = ParseExpr(sql);
  if (!e.ok()) return "ERROR: " + e.status().ToString();
  return Shape(**e);
}

TEST(SqlParser, Precedence) {
  EXPECT_EQ(ShapeOf("1 + 2 * 3"), "(1 + (2 * 3))");
  EXPECT_EQ(ShapeOf("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(ShapeOf("a OR b AND c"), "(a OR (b AND c))");
  EXPECT_EQ(ShapeOf("NOT a = b"), "(NOT (a = b))");
  EXPECT_EQ(ShapeOf("NOT a AND b"), "((NOT a) AND b)");
  EXPECT_EQ(ShapeOf("a = b IS NULL"), "((a = b) IS NULL)");
  EXPECT_EQ(ShapeOf("a || b = c"), "((a || b) = c)");
  EXPECT_EQ(ShapeOf("-a * b"), "((-a) * b)");
  EXPECT_EQ(ShapeOf("-a::int"), "(-(a::INT))");
  EXPECT_EQ(ShapeOf("a BETWEEN 1 AND 2 AND c"), "((a BETWEEN 1 AND 2) AND c)");
  EXPECT_EQ(ShapeOf("a + 1 BETWEEN b AND c + 1"), "((a + 1) BETWEEN b AND (c + 1))");
  EXPECT_EQ(ShapeOf("a LIKE 'x' OR b"), "((a LIKE 'x') OR b)");
  EXPECT_EQ(ShapeOf("a & b | c"), "((a & b) | c)");
  EXPECT_EQ(ShapeOf("a << 1 + 2"), "(a << (1 + 2))");
  EXPECT_EQ(ShapeOf("a IS NOT DISTINCT FROM b AND c"), "((a IS NOT DISTINCT FROM b) AND c)");
  EXPECT_EQ(ShapeOf("ts AT TIME ZONE 'UTC' + x"), "((ts AT TIME ZONE 'UTC') + x)");
  EXPECT_EQ(ShapeOf("a ~ 'x' AND b !~* 'y'"), "((a ~ 'x') AND (b !~* 'y'))");
}

TEST(SqlParser, Expressions) {
  EXPECT_EQ(Expr("CAST(a AS DECIMAL(10, 2))"), "CAST(a AS DECIMAL(10, 2))");
  EXPECT_EQ(Expr("try_cast(a as int)"), "TRY_CAST(a AS INT)");
  EXPECT_EQ(Expr("a::timestamp with time zone"), "a::TIMESTAMP WITH TIME ZONE");
  EXPECT_EQ(Expr("DATE '2020-01-01'"), "DATE '2020-01-01'");
  EXPECT_EQ(Expr("interval '1 day 2 hours'"), "INTERVAL '1 day 2 hours'");
  EXPECT_EQ(Expr("interval 1 day"), "INTERVAL 1 DAY");
  EXPECT_EQ(Expr("E'a\\nb'"), "E'a\\nb'");
  EXPECT_EQ(Expr("X'0aff'"), "X'0aff'");
  EXPECT_EQ(Expr("'it''s'"), "'it''s'");
  EXPECT_EQ(Expr("[1, 2, [3]]"), "[1, 2, [3]]");
  EXPECT_EQ(Expr("a[1][2:3]"), "a[1][2:3]");
  EXPECT_EQ(Expr("s['f']"), "s['f']");
  EXPECT_EQ(Expr("count(DISTINCT a) FILTER (WHERE b > 1)"),
            "count(DISTINCT a) FILTER (WHERE b > 1)");
  EXPECT_EQ(Expr("array_agg(a ORDER BY b DESC NULLS LAST)"),
            "array_agg(a ORDER BY b DESC NULLS LAST)");
  EXPECT_EQ(Expr("f(x => 1, y => 2)"), "f(x => 1, y => 2)");
  EXPECT_EQ(Expr("rank() OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND "
                 "UNBOUNDED FOLLOWING)"),
            "rank() OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND UNBOUNDED "
            "FOLLOWING)");
  EXPECT_EQ(Expr("sum(a) OVER w"), "sum(a) OVER w");
  EXPECT_EQ(Expr("percentile_cont(0.5) WITHIN GROUP (ORDER BY x)"),
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY x)");
  EXPECT_EQ(Expr("EXTRACT(year FROM x)"), "EXTRACT(YEAR FROM x)");
  EXPECT_EQ(Expr("position('a' in b)"), "POSITION('a' IN b)");
  EXPECT_EQ(Expr("substring(a from 1 for 2)"), "SUBSTRING(a FROM 1 FOR 2)");
  EXPECT_EQ(Expr("substring(a, 1, 2)"), "substring(a, 1, 2)");
  EXPECT_EQ(Expr("trim(both 'x' from a)"), "TRIM(BOTH 'x' FROM a)");
  EXPECT_EQ(Expr("trim(a)"), "trim(a)");
  EXPECT_EQ(Expr("CASE WHEN a THEN 1 ELSE 2 END"), "CASE WHEN a THEN 1 ELSE 2 END");
  EXPECT_EQ(Expr("CASE x WHEN 1 THEN 'a' END"), "CASE x WHEN 1 THEN 'a' END");
  EXPECT_EQ(Expr("a NOT IN (1, 2)"), "a NOT IN (1, 2)");
  EXPECT_EQ(Expr("a IN (SELECT b FROM t)"), "a IN (SELECT b FROM t)");
  EXPECT_EQ(Expr("a = ANY(SELECT b FROM t)"), "a = ANY(SELECT b FROM t)");
  EXPECT_EQ(Expr("NOT EXISTS (SELECT 1)"), "NOT EXISTS (SELECT 1)");
  EXPECT_EQ(Expr("a NOT LIKE 'x%' ESCAPE '\\'"), "a NOT LIKE 'x%' ESCAPE '\\'");
  EXPECT_EQ(Expr("a SIMILAR TO 'x'"), "a SIMILAR TO 'x'");
  EXPECT_EQ(Expr("a IS NOT TRUE"), "a IS NOT TRUE");
  EXPECT_EQ(Expr("$1 + ?"), "$1 + ?");
  EXPECT_EQ(Expr("current_date"), "current_date");
  EXPECT_EQ(Expr("- -1"), "-(-1)");
  EXPECT_EQ(Expr("1.5e10 + .5"), "1.5e10 + .5");
  EXPECT_EQ(Expr("(1, 2)"), "(1, 2)");
  EXPECT_EQ(Expr("struct(1 AS a, 'x' AS \"B\")"), "struct(1 AS a, 'x' AS \"B\")");
  EXPECT_EQ(Expr("$$dollar$$"), "$$dollar$$");
}

TEST(SqlParser, Identifiers) {
  auto e = ParseExpr("Foo.\"Bar\"");
  ASSERT_TRUE(e.ok());
  ASSERT_EQ((*e)->kind, ExprKind::kIdentifier);
  ASSERT_EQ((*e)->names.size(), 2u);
  EXPECT_EQ((*e)->names[0].value, "foo");
  EXPECT_FALSE((*e)->names[0].quoted());
  EXPECT_EQ((*e)->names[1].value, "Bar");
  EXPECT_TRUE((*e)->names[1].quoted());
  EXPECT_EQ(Expr("`back`"), "`back`");
  ParserOptions keep_case;
  keep_case.normalize_identifiers = false;
  auto k = ParseExpr("Foo", keep_case);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ((*k)->names[0].value, "Foo");
}

TEST(SqlParser, Queries) {
  EXPECT_EQ(Stmt("select distinct on (a) a, b as c from t where x group by all"),
            "SELECT DISTINCT ON (a) a, b AS c FROM t WHERE x GROUP BY ALL");
  EXPECT_EQ(Stmt("select * exclude (a, b) from t"), "SELECT * EXCLUDE (a, b) FROM t");
  EXPECT_EQ(Stmt("select t.* except (a) from t"), "SELECT t.* EXCEPT (a) FROM t");
  EXPECT_EQ(Stmt("select 1 from c.s.t as x (a, b)"), "SELECT 1 FROM c.s.t AS x(a, b)");
  EXPECT_EQ(Stmt("select * from 'data/x.csv'"), "SELECT * FROM 'data/x.csv'");
  EXPECT_EQ(Stmt("select * from a left outer join b on a.x = b.x right semi join c using (y) "
                 "natural join d cross join e, f"),
            "SELECT * FROM a LEFT OUTER JOIN b ON a.x = b.x RIGHT SEMI JOIN c USING(y) "
            "NATURAL JOIN d CROSS JOIN e, f");
  EXPECT_EQ(Stmt("select * from (select 1) s, lateral (select 2) t, unnest([1]) u, "
                 "generate_series(1, 3) g"),
            "SELECT * FROM (SELECT 1) AS s, LATERAL (SELECT 2) AS t, UNNEST([1]) AS u, "
            "generate_series(1, 3) AS g");
  EXPECT_EQ(Stmt("select * from ((a join b on true))"), "SELECT * FROM ((a JOIN b ON true))");
  EXPECT_EQ(Stmt("select a, count(*) from t group by grouping sets ((a), ()), rollup (a, b), "
                 "cube (a) having count(*) > 1"),
            "SELECT a, count(*) FROM t GROUP BY GROUPING SETS ((a), ()), ROLLUP (a, b), CUBE "
            "(a) HAVING count(*) > 1");
  EXPECT_EQ(Stmt("with recursive r(n) as (select 1 union all select n + 1 from r) select * "
                 "from r order by n desc nulls first limit 10 offset 2"),
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r "
            "ORDER BY n DESC NULLS FIRST LIMIT 10 OFFSET 2");
  EXPECT_EQ(Stmt("select sum(a) over w from t window w as (partition by b)"),
            "SELECT sum(a) OVER w FROM t WINDOW w AS (PARTITION BY b)");
  EXPECT_EQ(Stmt("values (1, 'a'), (2, 'b')"), "VALUES (1, 'a'), (2, 'b')");
}

TEST(SqlParser, SetOperationPrecedence) {
  auto s = ParseStatement("select 1 union select 2 intersect select 3");
  ASSERT_TRUE(s.ok());
  const Query& q = *s->As<QueryStatement>()->query;
  ASSERT_EQ(q.body->kind, SetExprKind::kSetOperation);
  EXPECT_EQ(q.body->op, SetOperator::kUnion);
  EXPECT_EQ(q.body->right->op, SetOperator::kIntersect);
  EXPECT_EQ(Stmt("(select 1 union select 2) except all select 3"),
            "(SELECT 1 UNION SELECT 2) EXCEPT ALL SELECT 3");
  EXPECT_EQ(Stmt("select 1 union distinct (select 2 order by 1 limit 1)"),
            "SELECT 1 UNION DISTINCT (SELECT 2 ORDER BY 1 LIMIT 1)");
}

TEST(SqlParser, Statements) {
  EXPECT_EQ(Stmt("create external table if not exists t (a int not null, b varchar) stored "
                 "as csv partitioned by (p) with order (a asc) location 'x/' options "
                 "('format.has_header' 'true', format.delimiter ';')"),
            "CREATE EXTERNAL TABLE IF NOT EXISTS t (a INT NOT NULL, b VARCHAR) STORED AS CSV "
            "PARTITIONED BY (p) WITH ORDER (a ASC) OPTIONS ('format.has_header' 'true', "
            "'format.delimiter' ';') LOCATION 'x/'");
  EXPECT_EQ(Stmt("create or replace table t (a int primary key, b int default 1) as values "
                 "(1, 2)"),
            "CREATE OR REPLACE TABLE t (a INT PRIMARY KEY, b INT DEFAULT 1) AS VALUES (1, 2)");
  EXPECT_EQ(Stmt("create view v as select 1"), "CREATE VIEW v AS SELECT 1");
  EXPECT_EQ(Stmt("create schema if not exists c.s"), "CREATE SCHEMA IF NOT EXISTS c.s");
  EXPECT_EQ(Stmt("drop table if exists a, b cascade"), "DROP TABLE IF EXISTS a, b CASCADE");
  EXPECT_EQ(Stmt("insert into t (a, b) values (1, 2)"), "INSERT INTO t (a, b) VALUES (1, 2)");
  EXPECT_EQ(Stmt("insert overwrite t select * from u"), "INSERT OVERWRITE t SELECT * FROM u");
  EXPECT_EQ(Stmt("update t set a = 1, b = b + 1 where c"), "UPDATE t SET a = 1, b = b + 1 WHERE c");
  EXPECT_EQ(Stmt("delete from t where a = 1"), "DELETE FROM t WHERE a = 1");
  EXPECT_EQ(Stmt("copy (select 1) to 'out.parquet' stored as parquet partitioned by (a) "
                 "options (compression 'zstd')"),
            "COPY (SELECT 1) TO 'out.parquet' STORED AS PARQUET PARTITIONED BY (a) OPTIONS "
            "('compression' 'zstd')");
  EXPECT_EQ(Stmt("explain analyze verbose select 1"), "EXPLAIN ANALYZE VERBOSE SELECT 1");
  EXPECT_EQ(Stmt("describe t"), "DESCRIBE t");
  EXPECT_EQ(Stmt("show tables"), "SHOW TABLES");
  EXPECT_EQ(Stmt("show columns from t"), "SHOW COLUMNS FROM t");
  EXPECT_EQ(Stmt("show datafusion.execution.batch_size"), "SHOW datafusion.execution.batch_size");
  EXPECT_EQ(Stmt("set datafusion.execution.batch_size = 1"),
            "SET datafusion.execution.batch_size = 1");
  EXPECT_EQ(Stmt("set time zone to '+08:00'"), "SET TIME ZONE '+08:00'");
  EXPECT_EQ(Stmt("prepare p(int, varchar) as select $1"), "PREPARE p(INT, VARCHAR) AS SELECT $1");
  EXPECT_EQ(Stmt("execute p(1, 'a')"), "EXECUTE p(1, 'a')");
  EXPECT_EQ(Stmt("deallocate p"), "DEALLOCATE p");
  EXPECT_EQ(Stmt("truncate table t"), "TRUNCATE TABLE t");
  auto many = ParseSql("select 1; select 2;; -- comment\n/* block */ select 3");
  ASSERT_TRUE(many.ok());
  EXPECT_EQ(many->size(), 3u);
}

TEST(SqlParser, DataTypes) {
  auto t = [](std::string_view s) {
    auto r = ParseDataType(s);
    return r.ok() ? ToSql(**r) : "ERROR: " + r.status().ToString();
  };
  EXPECT_EQ(t("int unsigned"), "INT UNSIGNED");
  EXPECT_EQ(t("double precision"), "DOUBLE PRECISION");
  EXPECT_EQ(t("timestamp(3) without time zone"), "TIMESTAMP(3) WITHOUT TIME ZONE");
  EXPECT_EQ(t("int[][]"), "INT[][]");
  EXPECT_EQ(t("struct<a int, b struct<c varchar>>"), "STRUCT<a INT, b STRUCT<c VARCHAR>>");
  EXPECT_EQ(t("map(varchar, int)"), "MAP(VARCHAR, INT)");
  EXPECT_EQ(t("Utf8View"), "utf8view");
}

TEST(SqlParser, Errors) {
  Status st = Error("SELECT 1 +");
  EXPECT_EQ(st.kind(), ErrorKind::kParse);
  EXPECT_EQ(st.message(), "Expected an expression:, found: EOF");
  st = Error("SELECT a,\n  FROM t");
  EXPECT_EQ(st.message(), "Expected an expression:, found: FROM");
  EXPECT_EQ(st.location().line, 2u);
  EXPECT_EQ(st.location().column, 3u);
  EXPECT_EQ(Error("VALUES").message(), "Expected (, found: EOF");
  EXPECT_EQ(Error("VALUES ()").message(), "Expected an expression:, found: )");
  EXPECT_EQ(Error("arrow_cast(1)").message(), "Expected an SQL statement, found: arrow_cast");
  EXPECT_EQ(Error("update t set a = 1, b = 2 where c, d").message(),
            "Expected end of statement, found: ,");
  EXPECT_EQ(Error("CREATE TABLE t(a, b)").message(), "Expected a data type name, found: ,");
  EXPECT_EQ(Error("CREATE EXTERNAL TABLE t").message(),
            "Missing STORED AS clause in CREATE EXTERNAL TABLE statement");
  EXPECT_EQ(Error("CREATE EXTERNAL TABLE t STORED AS CSV").message(),
            "Missing LOCATION clause in CREATE EXTERNAL TABLE statement");
  EXPECT_EQ(Error("CREATE EXTERNAL TABLE t STORED AS CSV STORED AS PARQUET LOCATION 'x'").message(),
            "STORED AS specified more than once");
  EXPECT_EQ(Error("CREATE EXTERNAL TABLE t STORED AS x OPTIONS ('k1' 'v1', k2 v2, k3) "
                  "LOCATION 'b'")
                .message(),
            "Expected string or numeric value, found: )");
  EXPECT_EQ(
      Error("CREATE EXTERNAL TABLE t(c1 int) STORED AS CSV WITH HEAD ROW LOCATION 'f'").message(),
      "Expected HEADER, found: HEAD");
  EXPECT_EQ(Error("CREATE EXTERNAL TABLE t(c1 int) STORED AS CSV FOOBAR LOCATION 'f'").message(),
            "Unexpected token FOOBAR");
  EXPECT_EQ(Error("COPY t to '/tmp/x' (a 55)").message(), "Unexpected token (");
  EXPECT_EQ(Error("COPY (select 1 from t").message(), "Expected ), found: EOF");
  EXPECT_EQ(Error("SELECT 'abc").message(), "Unterminated string literal");
  EXPECT_EQ(Error("SELECT 1 /* open").kind(), ErrorKind::kParse);
  EXPECT_TRUE(Error("SELECT " + std::string(50, '(') + "1" + std::string(50, ')')).ok());
  EXPECT_EQ(Error(std::string(100000, '(')).message(), "recursion limit exceeded");
  EXPECT_EQ(Error("SELECT " + std::string(100000, '(') + "1").message(),
            "recursion limit exceeded");
  std::string chain = "SELECT 1";
  for (int i = 0; i < 5000; ++i) chain += " + 1";
  EXPECT_EQ(Error(chain).kind(), ErrorKind::kParse);
}

}  // namespace
}  // namespace quiver::sql
