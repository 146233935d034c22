// SQL abstract syntax tree: identifiers, data types and expressions.
//
// The AST is plain data: tagged structs with public fields, shared_ptr
// children, and a SourceLocation on every node. The parser builds it, the
// planner (SqlToRel) reads it, ToSql prints it back as SQL that re-parses to
// the same tree.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver::sql {

struct Expr;
struct Query;
struct DataType;
using ExprPtr = std::shared_ptr<Expr>;
using QueryPtr = std::shared_ptr<Query>;
using DataTypePtr = std::shared_ptr<DataType>;

/// An identifier. Unquoted identifiers are folded to lower case; quoted ones
/// ("x" or `x`) keep their spelling and record the quote character.
struct Ident {
  std::string value;
  char quote = 0;  // 0 when unquoted, else '"' or '`'
  SourceLocation loc;

  bool quoted() const { return quote != 0; }
};

/// A possibly qualified name: `t`, `s.t`, `catalog.schema.table`.
using ObjectName = std::vector<Ident>;

enum class DataTypeKind : uint8_t {
  kBoolean,
  kTinyInt,
  kSmallInt,
  kInt,
  kBigInt,
  kUnsignedTinyInt,
  kUnsignedSmallInt,
  kUnsignedInt,
  kUnsignedBigInt,
  kFloat,    // FLOAT, REAL, FLOAT4
  kDouble,   // DOUBLE, DOUBLE PRECISION, FLOAT8
  kDecimal,  // DECIMAL, NUMERIC, DEC: params = {precision[, scale]}
  kChar,     // CHAR, CHARACTER: params = {length}
  kVarchar,  // VARCHAR, CHARACTER VARYING: params = {length}
  kText,     // TEXT
  kString,   // STRING
  kDate,
  kTime,       // params = {precision}; tz as for timestamps
  kTimestamp,  // params = {precision}
  kDatetime,
  kInterval,
  kBytea,
  kBlob,
  kBinary,     // params = {length}
  kVarbinary,  // params = {length}
  kUuid,
  kJson,
  kArray,   // element: `INT[]`, `ARRAY<INT>`
  kStruct,  // fields: `STRUCT(a INT, b TEXT)`, `STRUCT<a INT>`
  kMap,     // element = key type, value = value type: `MAP(K, V)`
  kCustom,  // anything else: custom_name with custom_params (as written)
};

enum class TimeZoneSpec : uint8_t { kNone, kWith, kWithout, kTz /* TIMESTAMPTZ */ };

struct StructField {
  std::optional<Ident> name;  // `struct<INT>` has no field name
  DataTypePtr type;
};

/// A data type as written; the planner maps it to an Arrow type.
struct DataType {
  DataTypeKind kind = DataTypeKind::kInt;
  std::string name;  // the keyword spelling used, upper case (display and errors)
  std::vector<int64_t> params;
  TimeZoneSpec time_zone = TimeZoneSpec::kNone;
  DataTypePtr element;  // kArray element, kMap key
  DataTypePtr value;    // kMap value
  std::vector<StructField> fields;
  ObjectName custom_name;                  // kCustom
  std::vector<std::string> custom_params;  // kCustom, modifiers as written
  SourceLocation loc;
};

enum class ExprKind : uint8_t {
  kIdentifier,    // names: `a`, `t.a`, `s.t.a` (column or struct field path)
  kWildcard,      // `*` or `t.*` (names = qualifier) — select lists and count(*)
  kLiteral,       // literal_kind + value
  kTypedString,   // data_type + value: DATE '2020-01-01'
  kInterval,      // operand (the value), interval_unit: INTERVAL '1' DAY
  kUnaryOp,       // unary_op operand
  kBinaryOp,      // left binary_op right
  kIsTest,        // operand IS [NOT] NULL/TRUE/FALSE/UNKNOWN (is_test, negated)
  kLike,          // operand [NOT] LIKE/ILIKE/SIMILAR TO pattern [ESCAPE escape]
  kBetween,       // operand [NOT] BETWEEN low AND high
  kInList,        // operand [NOT] IN (list)
  kInSubquery,    // operand [NOT] IN (subquery)
  kAnyAll,        // left binary_op ANY|ALL (right) ; right may be kSubquery
  kCase,          // CASE [operand] WHEN .. THEN .. [ELSE else_expr] END
  kCast,          // CAST/TRY_CAST(operand AS data_type) or operand::data_type
  kExtract,       // EXTRACT(field FROM operand); field in `value`
  kPosition,      // POSITION(left IN right)
  kSubstring,     // SUBSTRING(operand [FROM low] [FOR high])
  kTrim,          // TRIM([trim_where] [left] FROM operand)
  kOverlay,       // OVERLAY(operand PLACING left FROM low [FOR high])
  kAtTimeZone,    // operand AT TIME ZONE right
  kFunction,      // function call (see function fields)
  kSubquery,      // (subquery) as a scalar
  kExists,        // [NOT] EXISTS (subquery)
  kArray,         // [a, b] or ARRAY[a, b] (array_keyword)
  kSubscript,     // operand[low] or operand[low:high[:stride]] (is_slice)
  kFieldAccess,   // operand.field (base is not a plain identifier, e.g. f(x).a)
  kTuple,         // (a, b, ...) or ROW(a, b)
  kNested,        // (operand): explicit parentheses, kept for display
  kPlaceholder,   // $1, ? (value holds the spelling)
  kGroupingSets,  // GROUPING SETS ((a, b), (a), ()) — sets
  kRollup,        // ROLLUP (a, (b, c)) — sets
  kCube,          // CUBE (a, b) — sets
  kNamed,         // `operand AS field`, only as an argument of struct(...)
};

enum class LiteralKind : uint8_t {
  kNumber,          // value: digits as written (`1`, `1.5`, `1e10`, `.5`)
  kString,          // '...'; value unescaped
  kEscapedString,   // E'...'; value with escapes resolved
  kHexString,       // X'...'; value: the hex digits
  kNationalString,  // N'...'
  kDollarString,    // $$...$$ or $tag$...$tag$
  kBoolean,         // value "true" / "false"
  kNull,
};

enum class UnaryOp : uint8_t { kPlus, kMinus, kNot, kBitwiseNot /* ~ */ };

enum class BinaryOp : uint8_t {
  kPlus,
  kMinus,
  kMultiply,
  kDivide,
  kModulo,
  kStringConcat,  // ||
  kEq,
  kNotEq,
  kLt,
  kLtEq,
  kGt,
  kGtEq,
  kSpaceship,  // <=>
  kAnd,
  kOr,
  kXor,
  kBitwiseAnd,
  kBitwiseOr,
  kBitwiseXor /* ^ */,
  kPGBitwiseXor /* # */,
  kShiftLeft,
  kShiftRight,
  kRegexMatch /* ~ */,
  kRegexIMatch /* ~* */,
  kRegexNotMatch /* !~ */,
  kRegexNotIMatch /* !~* */,
  kLikeMatch /* ~~ */,
  kILikeMatch /* ~~* */,
  kNotLikeMatch /* !~~ */,
  kNotILikeMatch /* !~~* */,
  kAtArrow /* @> */,
  kArrowAt /* <@ */,
  kArrow /* -> */,
  kLongArrow /* ->> */,
  kHashArrow /* #> */,
  kHashLongArrow /* #>> */,
  kAtAt /* @@ */,
  kQuestion /* ? */,
  kIsDistinctFrom,
  kIsNotDistinctFrom,
  kIntegerDivide /* DIV */,
};

enum class IsTest : uint8_t { kNull, kTrue, kFalse, kUnknown };
enum class LikeKind : uint8_t { kLike, kILike, kSimilarTo };
enum class CastKind : uint8_t { kCast, kTryCast, kDoubleColon };
enum class TrimWhere : uint8_t { kNone, kBoth, kLeading, kTrailing };
enum class NullTreatment : uint8_t { kNone, kIgnoreNulls, kRespectNulls };

/// `expr [ASC|DESC] [NULLS FIRST|LAST]`. asc/nulls_first unset = not written.
struct OrderByExpr {
  ExprPtr expr;
  std::optional<bool> asc;
  std::optional<bool> nulls_first;
};

enum class FrameUnits : uint8_t { kRows, kRange, kGroups };
enum class FrameBoundKind : uint8_t {
  kCurrentRow,
  kUnboundedPreceding,
  kUnboundedFollowing,
  kPreceding,
  kFollowing
};
struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::kCurrentRow;
  ExprPtr offset;  // kPreceding / kFollowing
};
/// `ROWS|RANGE|GROUPS [BETWEEN start AND end | start]`.
struct WindowFrame {
  FrameUnits units = FrameUnits::kRows;
  FrameBound start;
  std::optional<FrameBound> end;  // unset when written without BETWEEN
};

/// `OVER (base_window PARTITION BY .. ORDER BY .. frame)`, or `OVER name`.
struct WindowSpec {
  std::optional<Ident> window_name;  // OVER w (alone) or OVER (w ...) (base)
  bool named_only = false;           // true for `OVER w` without parentheses
  std::vector<ExprPtr> partition_by;
  std::vector<OrderByExpr> order_by;
  std::optional<WindowFrame> frame;
};

/// One function argument: positional, or named (`name => value`).
struct FunctionArg {
  std::optional<Ident> name;
  ExprPtr value;  // may be kWildcard for count(*)
};

/// An expression node. Which fields matter depends on `kind` (see ExprKind).
struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  SourceLocation loc;

  // kIdentifier: the name parts; kWildcard: qualifier; kFunction: function name.
  ObjectName names;
  // kLiteral, kTypedString, kPlaceholder, kExtract (field), kInterval (unit,
  // e.g. "DAY" or "HOUR TO MINUTE"; empty when none).
  std::string value;
  LiteralKind literal_kind = LiteralKind::kNull;

  ExprPtr operand;  // unary/cast/is/like/between/in/case operand/subscript base
  ExprPtr left;
  ExprPtr right;
  ExprPtr low;   // BETWEEN low, SUBSTRING FROM, slice lower, OVERLAY FROM
  ExprPtr high;  // BETWEEN high, SUBSTRING FOR, slice upper, OVERLAY FOR
  ExprPtr stride;
  ExprPtr escape;  // LIKE ... ESCAPE
  UnaryOp unary_op = UnaryOp::kMinus;
  BinaryOp binary_op = BinaryOp::kEq;
  IsTest is_test = IsTest::kNull;
  LikeKind like_kind = LikeKind::kLike;
  CastKind cast_kind = CastKind::kCast;
  TrimWhere trim_where = TrimWhere::kNone;
  bool negated = false;        // NOT LIKE, NOT BETWEEN, NOT IN, IS NOT, NOT EXISTS
  bool all = false;            // kAnyAll: ALL vs ANY/SOME
  bool is_slice = false;       // kSubscript
  bool array_keyword = false;  // kArray written as ARRAY[...]
  bool row_keyword = false;    // kTuple written as ROW(...)

  DataTypePtr data_type;                   // kCast, kTypedString
  Ident field;                             // kFieldAccess
  std::vector<ExprPtr> list;               // kInList, kArray, kTuple elements
  std::vector<std::vector<ExprPtr>> sets;  // kGroupingSets / kRollup / kCube
  // kCase
  std::vector<ExprPtr> when;
  std::vector<ExprPtr> then;
  ExprPtr else_expr;
  QueryPtr subquery;  // kSubquery, kExists, kInSubquery, kAnyAll (right may be this)

  // kFunction
  std::vector<FunctionArg> args;
  bool has_parens = true;             // false for CURRENT_DATE etc. written without ()
  bool distinct = false;              // f(DISTINCT x)
  std::vector<OrderByExpr> order_by;  // f(x ORDER BY y)
  std::vector<OrderByExpr> within_group;
  ExprPtr filter;  // FILTER (WHERE ...)
  NullTreatment null_treatment = NullTreatment::kNone;
  std::optional<WindowSpec> over;
};

/// Factory helpers for code that builds ASTs by hand (tests, rewrites).
ExprPtr MakeIdentifier(std::vector<std::string> parts);
ExprPtr MakeNumber(std::string digits);
ExprPtr MakeString(std::string text);
ExprPtr MakeBinary(ExprPtr left, BinaryOp op, ExprPtr right);

/// A string literal, or string literals joined by + and -: the value of
/// INTERVAL '1 month' + '1 day', which is one interval.
bool IsStringSum(const Expr& e);

/// Upper-case spelling of an operator as SQL writes it ("+", "AND", "||").
const char* BinaryOpToString(BinaryOp op);

}  // namespace quiver::sql
