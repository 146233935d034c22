// Display of identifiers, data types and expressions as SQL text.
#include <cctype>

#include "quiver/sql/display_internal.h"

namespace quiver::sql {

const char* BinaryOpToString(BinaryOp op) {
  switch (op) {
    case BinaryOp::kPlus: return "+";
    case BinaryOp::kMinus: return "-";
    case BinaryOp::kMultiply: return "*";
    case BinaryOp::kDivide: return "/";
    case BinaryOp::kModulo: return "%";
    case BinaryOp::kStringConcat: return "||";
    case BinaryOp::kEq: return "=";
    case BinaryOp::kNotEq: return "<>";
    case BinaryOp::kLt: return "<";
    case BinaryOp::kLtEq: return "<=";
    case BinaryOp::kGt: return ">";
    case BinaryOp::kGtEq: return ">=";
    case BinaryOp::kSpaceship: return "<=>";
    case BinaryOp::kAnd: return "AND";
    case BinaryOp::kOr: return "OR";
    case BinaryOp::kXor: return "XOR";
    case BinaryOp::kBitwiseAnd: return "&";
    case BinaryOp::kBitwiseOr: return "|";
    case BinaryOp::kBitwiseXor: return "^";
    case BinaryOp::kPGBitwiseXor: return "#";
    case BinaryOp::kShiftLeft: return "<<";
    case BinaryOp::kShiftRight: return ">>";
    case BinaryOp::kRegexMatch: return "~";
    case BinaryOp::kRegexIMatch: return "~*";
    case BinaryOp::kRegexNotMatch: return "!~";
    case BinaryOp::kRegexNotIMatch: return "!~*";
    case BinaryOp::kLikeMatch: return "~~";
    case BinaryOp::kILikeMatch: return "~~*";
    case BinaryOp::kNotLikeMatch: return "!~~";
    case BinaryOp::kNotILikeMatch: return "!~~*";
    case BinaryOp::kAtArrow: return "@>";
    case BinaryOp::kArrowAt: return "<@";
    case BinaryOp::kArrow: return "->";
    case BinaryOp::kLongArrow: return "->>";
    case BinaryOp::kHashArrow: return "#>";
    case BinaryOp::kHashLongArrow: return "#>>";
    case BinaryOp::kAtAt: return "@@";
    case BinaryOp::kQuestion: return "?";
    case BinaryOp::kIsDistinctFrom: return "IS DISTINCT FROM";
    case BinaryOp::kIsNotDistinctFrom: return "IS NOT DISTINCT FROM";
    case BinaryOp::kIntegerDivide: return "DIV";
  }
  return "?";
}

ExprPtr MakeIdentifier(std::vector<std::string> parts) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kIdentifier;
  for (auto& p : parts) e->names.push_back(Ident{std::move(p), 0, {}});
  return e;
}

ExprPtr MakeNumber(std::string digits) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kLiteral;
  e->literal_kind = LiteralKind::kNumber;
  e->value = std::move(digits);
  return e;
}

ExprPtr MakeString(std::string text) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kLiteral;
  e->literal_kind = LiteralKind::kString;
  e->value = std::move(text);
  return e;
}

bool IsStringSum(const Expr& e) {
  if (e.kind == ExprKind::kLiteral) return e.literal_kind == LiteralKind::kString;
  return e.kind == ExprKind::kBinaryOp &&
         (e.binary_op == BinaryOp::kPlus || e.binary_op == BinaryOp::kMinus) && e.left && e.right &&
         IsStringSum(*e.left) && e.right->kind == ExprKind::kLiteral &&
         e.right->literal_kind == LiteralKind::kString;
}

ExprPtr MakeBinary(ExprPtr left, BinaryOp op, ExprPtr right) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kBinaryOp;
  e->left = std::move(left);
  e->binary_op = op;
  e->right = std::move(right);
  return e;
}

namespace internal {

namespace {

bool NeedsQuotes(const std::string& s) {
  if (s.empty()) return true;
  if (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '$') return true;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::islower(u) || std::isdigit(u) || c == '_' || c == '$' || u >= 0x80)) return true;
  }
  return false;
}

int BinaryPrec(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return 5;
    case BinaryOp::kAnd: return 10;
    case BinaryOp::kIsDistinctFrom:
    case BinaryOp::kIsNotDistinctFrom: return 17;
    case BinaryOp::kRegexMatch:
    case BinaryOp::kRegexIMatch:
    case BinaryOp::kRegexNotMatch:
    case BinaryOp::kRegexNotIMatch:
    case BinaryOp::kLikeMatch:
    case BinaryOp::kILikeMatch:
    case BinaryOp::kNotLikeMatch:
    case BinaryOp::kNotILikeMatch: return 19;
    case BinaryOp::kEq:
    case BinaryOp::kNotEq:
    case BinaryOp::kLt:
    case BinaryOp::kLtEq:
    case BinaryOp::kGt:
    case BinaryOp::kGtEq:
    case BinaryOp::kSpaceship: return 20;
    case BinaryOp::kBitwiseOr: return 21;
    case BinaryOp::kBitwiseXor:
    case BinaryOp::kPGBitwiseXor:
    case BinaryOp::kShiftLeft:
    case BinaryOp::kShiftRight: return 22;
    case BinaryOp::kBitwiseAnd: return 23;
    case BinaryOp::kXor: return 24;
    case BinaryOp::kPlus:
    case BinaryOp::kMinus: return 30;
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide:
    case BinaryOp::kModulo:
    case BinaryOp::kStringConcat:
    case BinaryOp::kIntegerDivide: return 40;
    default: return 50;
  }
}

// How tightly an expression binds when printed without parentheses.
int Prec(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kBinaryOp: return BinaryPrec(e.binary_op);
    case ExprKind::kUnaryOp:
      return e.unary_op == UnaryOp::kNot ? 15 : e.unary_op == UnaryOp::kBitwiseNot ? 30 : 40;
    case ExprKind::kIsTest: return 17;
    case ExprKind::kLike: return 19;
    case ExprKind::kBetween:
    case ExprKind::kInList:
    case ExprKind::kInSubquery:
    case ExprKind::kAnyAll: return 20;
    case ExprKind::kAtTimeZone: return 41;
    case ExprKind::kCast: return e.cast_kind == CastKind::kDoubleColon ? 50 : 100;
    case ExprKind::kSubscript:
    case ExprKind::kFieldAccess: return 50;
    case ExprKind::kInterval: return 45;
    default: return 100;
  }
}

// Appends `e`, in parentheses when it binds looser than `min_prec` allows.
void AppendChild(std::string* out, const Expr& e, int min_prec) {
  if (Prec(e) < min_prec) {
    out->push_back('(');
    AppendExpr(out, e);
    out->push_back(')');
  } else {
    AppendExpr(out, e);
  }
}

void AppendEscaped(std::string* out, const std::string& s) {
  out->append("E'");
  for (char c : s) {
    switch (c) {
      case '\'': out->append("\\'"); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\t': out->append("\\t"); break;
      case '\r': out->append("\\r"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\0': out->append("\\0"); break;
      default: out->push_back(c);
    }
  }
  out->push_back('\'');
}

void AppendFunctionArgs(std::string* out, const std::vector<FunctionArg>& args) {
  AppendList(out, args, [&](const FunctionArg& a) {
    if (a.name) {
      AppendIdent(out, *a.name);
      out->append(" => ");
    }
    AppendExpr(out, *a.value);
  });
}

void AppendFrameBound(std::string* out, const FrameBound& b) {
  switch (b.kind) {
    case FrameBoundKind::kCurrentRow: out->append("CURRENT ROW"); break;
    case FrameBoundKind::kUnboundedPreceding: out->append("UNBOUNDED PRECEDING"); break;
    case FrameBoundKind::kUnboundedFollowing: out->append("UNBOUNDED FOLLOWING"); break;
    case FrameBoundKind::kPreceding:
    case FrameBoundKind::kFollowing:
      AppendChild(out, *b.offset, 11);
      out->append(b.kind == FrameBoundKind::kPreceding ? " PRECEDING" : " FOLLOWING");
      break;
  }
}

const char* DefaultTypeName(DataTypeKind k) {
  switch (k) {
    case DataTypeKind::kBoolean: return "BOOLEAN";
    case DataTypeKind::kTinyInt:
    case DataTypeKind::kUnsignedTinyInt: return "TINYINT";
    case DataTypeKind::kSmallInt:
    case DataTypeKind::kUnsignedSmallInt: return "SMALLINT";
    case DataTypeKind::kInt:
    case DataTypeKind::kUnsignedInt: return "INT";
    case DataTypeKind::kBigInt:
    case DataTypeKind::kUnsignedBigInt: return "BIGINT";
    case DataTypeKind::kFloat: return "FLOAT";
    case DataTypeKind::kDouble: return "DOUBLE";
    case DataTypeKind::kDecimal: return "DECIMAL";
    case DataTypeKind::kChar: return "CHAR";
    case DataTypeKind::kVarchar: return "VARCHAR";
    case DataTypeKind::kText: return "TEXT";
    case DataTypeKind::kString: return "STRING";
    case DataTypeKind::kDate: return "DATE";
    case DataTypeKind::kTime: return "TIME";
    case DataTypeKind::kTimestamp: return "TIMESTAMP";
    case DataTypeKind::kDatetime: return "DATETIME";
    case DataTypeKind::kInterval: return "INTERVAL";
    case DataTypeKind::kBytea: return "BYTEA";
    case DataTypeKind::kBlob: return "BLOB";
    case DataTypeKind::kBinary: return "BINARY";
    case DataTypeKind::kVarbinary: return "VARBINARY";
    case DataTypeKind::kUuid: return "UUID";
    case DataTypeKind::kJson: return "JSON";
    case DataTypeKind::kArray: return "ARRAY";
    case DataTypeKind::kStruct: return "STRUCT";
    case DataTypeKind::kMap: return "MAP";
    case DataTypeKind::kCustom: return "";
  }
  return "";
}

}  // namespace

void AppendIdent(std::string* out, const Ident& id) {
  char q = id.quote;
  if (q == '\'') {
    AppendStringLiteral(out, id.value);
    return;
  }
  if (q == 0 && !NeedsQuotes(id.value)) {
    out->append(id.value);
    return;
  }
  if (q == 0) q = '"';
  out->push_back(q);
  for (char c : id.value) {
    if (c == q) out->push_back(q);
    out->push_back(c);
  }
  out->push_back(q);
}

void AppendObjectName(std::string* out, const ObjectName& name) {
  AppendList(
      out, name, [&](const Ident& id) { AppendIdent(out, id); }, ".");
}

void AppendStringLiteral(std::string* out, const std::string& s) {
  out->push_back('\'');
  for (char c : s) {
    if (c == '\'') out->push_back('\'');
    out->push_back(c);
  }
  out->push_back('\'');
}

void AppendDataType(std::string* out, const DataType& t) {
  std::string name = t.name.empty() ? DefaultTypeName(t.kind) : t.name;
  auto params = [&] {
    if (t.params.empty()) return;
    out->push_back('(');
    AppendList(out, t.params, [&](int64_t p) { out->append(std::to_string(p)); });
    out->push_back(')');
  };
  switch (t.kind) {
    case DataTypeKind::kArray:
      if (!t.element) {
        out->append("ARRAY");
      } else if (name == "[]") {
        AppendDataType(out, *t.element);
        out->append("[]");
      } else {
        out->append("ARRAY<");
        AppendDataType(out, *t.element);
        out->append(">");
      }
      return;
    case DataTypeKind::kStruct:
      out->append("STRUCT<");
      AppendList(out, t.fields, [&](const StructField& f) {
        if (f.name) {
          AppendIdent(out, *f.name);
          out->push_back(' ');
        }
        AppendDataType(out, *f.type);
      });
      out->append(">");
      return;
    case DataTypeKind::kMap:
      out->append("MAP(");
      if (t.element) AppendDataType(out, *t.element);
      out->append(", ");
      if (t.value) AppendDataType(out, *t.value);
      out->append(")");
      return;
    case DataTypeKind::kCustom:
      AppendObjectName(out, t.custom_name);
      if (!t.custom_params.empty()) {
        out->push_back('(');
        AppendList(out, t.custom_params, [&](const std::string& p) { out->append(p); });
        out->push_back(')');
      }
      return;
    default: break;
  }
  out->append(name);
  params();
  switch (t.kind) {
    case DataTypeKind::kUnsignedTinyInt:
    case DataTypeKind::kUnsignedSmallInt:
    case DataTypeKind::kUnsignedInt:
    case DataTypeKind::kUnsignedBigInt: out->append(" UNSIGNED"); break;
    default: break;
  }
  if (t.time_zone == TimeZoneSpec::kWith) out->append(" WITH TIME ZONE");
  if (t.time_zone == TimeZoneSpec::kWithout) out->append(" WITHOUT TIME ZONE");
}

void AppendOrderBy(std::string* out, const std::vector<OrderByExpr>& list) {
  AppendList(out, list, [&](const OrderByExpr& o) {
    AppendExpr(out, *o.expr);
    if (o.asc) out->append(*o.asc ? " ASC" : " DESC");
    if (o.nulls_first) out->append(*o.nulls_first ? " NULLS FIRST" : " NULLS LAST");
  });
}

void AppendWindowSpec(std::string* out, const WindowSpec& w) {
  if (w.named_only && w.window_name) {
    AppendIdent(out, *w.window_name);
    return;
  }
  out->push_back('(');
  std::string sep;
  if (w.window_name) {
    AppendIdent(out, *w.window_name);
    sep = " ";
  }
  if (!w.partition_by.empty()) {
    out->append(sep + "PARTITION BY ");
    AppendList(out, w.partition_by, [&](const ExprPtr& e) { AppendExpr(out, *e); });
    sep = " ";
  }
  if (!w.order_by.empty()) {
    out->append(sep + "ORDER BY ");
    AppendOrderBy(out, w.order_by);
    sep = " ";
  }
  if (w.frame) {
    out->append(sep);
    out->append(w.frame->units == FrameUnits::kRows    ? "ROWS "
                : w.frame->units == FrameUnits::kRange ? "RANGE "
                                                       : "GROUPS ");
    if (w.frame->end) {
      out->append("BETWEEN ");
      AppendFrameBound(out, w.frame->start);
      out->append(" AND ");
      AppendFrameBound(out, *w.frame->end);
    } else {
      AppendFrameBound(out, w.frame->start);
    }
  }
  out->push_back(')');
}

void AppendExpr(std::string* out, const Expr& e) {
  auto sub = [&](const Query& q) {
    out->push_back('(');
    AppendQuery(out, q);
    out->push_back(')');
  };
  switch (e.kind) {
    case ExprKind::kIdentifier: AppendObjectName(out, e.names); return;
    case ExprKind::kWildcard:
      if (!e.names.empty()) {
        AppendObjectName(out, e.names);
        out->push_back('.');
      }
      out->push_back('*');
      return;
    case ExprKind::kLiteral:
      switch (e.literal_kind) {
        case LiteralKind::kNumber: out->append(e.value); return;
        case LiteralKind::kString: AppendStringLiteral(out, e.value); return;
        case LiteralKind::kEscapedString: AppendEscaped(out, e.value); return;
        case LiteralKind::kHexString:
          out->push_back('X');
          AppendStringLiteral(out, e.value);
          return;
        case LiteralKind::kNationalString:
          out->push_back('N');
          AppendStringLiteral(out, e.value);
          return;
        case LiteralKind::kDollarString:
          if (e.value.find("$$") == std::string::npos) {
            out->append("$$" + e.value + "$$");
          } else {
            AppendStringLiteral(out, e.value);
          }
          return;
        case LiteralKind::kBoolean: out->append(e.value == "true" ? "true" : "false"); return;
        case LiteralKind::kNull: out->append("NULL"); return;
      }
      return;
    case ExprKind::kTypedString:
      AppendDataType(out, *e.data_type);
      out->push_back(' ');
      AppendStringLiteral(out, e.value);
      return;
    case ExprKind::kInterval:
      out->append("INTERVAL ");
      if (e.operand->kind == ExprKind::kBinaryOp && IsStringSum(*e.operand)) {
        AppendExpr(out, *e.operand);  // the parser reads the sum back unparenthesized
      } else {
        AppendChild(out, *e.operand, 100);
      }
      if (!e.value.empty()) out->append(" " + e.value);
      return;
    case ExprKind::kUnaryOp: {
      if (e.unary_op == UnaryOp::kNot) {
        out->append("NOT ");
        AppendChild(out, *e.operand, 16);
        return;
      }
      out->append(e.unary_op == UnaryOp::kMinus ? "-" : e.unary_op == UnaryOp::kPlus ? "+" : "~");
      std::string operand;
      AppendChild(&operand, *e.operand, e.unary_op == UnaryOp::kBitwiseNot ? 31 : 41);
      // Keep "- -1" from turning into a comment ("--1").
      if (!operand.empty() && (operand[0] == '-' || operand[0] == '+' || operand[0] == '~')) {
        out->push_back(' ');
      }
      out->append(operand);
      return;
    }
    case ExprKind::kBinaryOp: {
      int p = BinaryPrec(e.binary_op);
      AppendChild(out, *e.left, p);
      out->push_back(' ');
      out->append(BinaryOpToString(e.binary_op));
      out->push_back(' ');
      AppendChild(out, *e.right, p + 1);
      return;
    }
    case ExprKind::kIsTest: {
      AppendChild(out, *e.operand, 17);
      out->append(e.negated ? " IS NOT " : " IS ");
      static const char* kTests[] = {"NULL", "TRUE", "FALSE", "UNKNOWN"};
      out->append(kTests[static_cast<int>(e.is_test)]);
      return;
    }
    case ExprKind::kLike:
      AppendChild(out, *e.operand, 19);
      if (e.negated) out->append(" NOT");
      out->append(e.like_kind == LikeKind::kLike    ? " LIKE "
                  : e.like_kind == LikeKind::kILike ? " ILIKE "
                                                    : " SIMILAR TO ");
      AppendChild(out, *e.right, 20);
      if (e.escape) {
        out->append(" ESCAPE ");
        AppendChild(out, *e.escape, 100);
      }
      return;
    case ExprKind::kBetween:
      AppendChild(out, *e.operand, 20);
      out->append(e.negated ? " NOT BETWEEN " : " BETWEEN ");
      AppendChild(out, *e.low, 21);
      out->append(" AND ");
      AppendChild(out, *e.high, 21);
      return;
    case ExprKind::kInList:
      AppendChild(out, *e.operand, 20);
      out->append(e.negated ? " NOT IN (" : " IN (");
      AppendList(out, e.list, [&](const ExprPtr& x) { AppendExpr(out, *x); });
      out->push_back(')');
      return;
    case ExprKind::kInSubquery:
      AppendChild(out, *e.operand, 20);
      out->append(e.negated ? " NOT IN " : " IN ");
      sub(*e.subquery);
      return;
    case ExprKind::kAnyAll:
      AppendChild(out, *e.left, 20);
      out->append(std::string(" ") + BinaryOpToString(e.binary_op) + (e.all ? " ALL(" : " ANY("));
      if (e.subquery) {
        AppendQuery(out, *e.subquery);
      } else {
        AppendExpr(out, *e.right);
      }
      out->push_back(')');
      return;
    case ExprKind::kCase:
      out->append("CASE");
      if (e.operand) {
        out->push_back(' ');
        AppendExpr(out, *e.operand);
      }
      for (size_t i = 0; i < e.when.size() && i < e.then.size(); ++i) {
        out->append(" WHEN ");
        AppendExpr(out, *e.when[i]);
        out->append(" THEN ");
        AppendExpr(out, *e.then[i]);
      }
      if (e.else_expr) {
        out->append(" ELSE ");
        AppendExpr(out, *e.else_expr);
      }
      out->append(" END");
      return;
    case ExprKind::kCast:
      if (e.cast_kind == CastKind::kDoubleColon) {
        AppendChild(out, *e.operand, 50);
        out->append("::");
        AppendDataType(out, *e.data_type);
        return;
      }
      out->append(e.cast_kind == CastKind::kCast ? "CAST(" : "TRY_CAST(");
      AppendExpr(out, *e.operand);
      out->append(" AS ");
      AppendDataType(out, *e.data_type);
      out->push_back(')');
      return;
    case ExprKind::kExtract:
      out->append("EXTRACT(");
      if (e.literal_kind == LiteralKind::kString) {
        AppendStringLiteral(out, e.value);
      } else {
        bool bare = !e.value.empty() && !std::isdigit(static_cast<unsigned char>(e.value[0]));
        for (char c : e.value) {
          bare = bare && (std::isupper(static_cast<unsigned char>(c)) ||
                          std::isdigit(static_cast<unsigned char>(c)) || c == '_');
        }
        if (bare) {
          out->append(e.value);
        } else {
          AppendIdent(out, Ident{e.value, '"', {}});
        }
      }
      out->append(" FROM ");
      AppendExpr(out, *e.operand);
      out->push_back(')');
      return;
    case ExprKind::kPosition:
      out->append("POSITION(");
      AppendChild(out, *e.left, 21);
      out->append(" IN ");
      AppendExpr(out, *e.right);
      out->push_back(')');
      return;
    case ExprKind::kSubstring:
      out->append("SUBSTRING(");
      AppendExpr(out, *e.operand);
      if (e.low) {
        out->append(" FROM ");
        AppendExpr(out, *e.low);
      }
      if (e.high) {
        out->append(" FOR ");
        AppendExpr(out, *e.high);
      }
      out->push_back(')');
      return;
    case ExprKind::kTrim:
      out->append("TRIM(");
      if (e.trim_where != TrimWhere::kNone) {
        out->append(e.trim_where == TrimWhere::kBoth      ? "BOTH "
                    : e.trim_where == TrimWhere::kLeading ? "LEADING "
                                                          : "TRAILING ");
      }
      if (e.left) {
        AppendExpr(out, *e.left);
        out->append(" FROM ");
      } else if (e.trim_where != TrimWhere::kNone) {
        out->append("FROM ");
      }
      AppendExpr(out, *e.operand);
      out->push_back(')');
      return;
    case ExprKind::kOverlay:
      out->append("OVERLAY(");
      AppendExpr(out, *e.operand);
      out->append(" PLACING ");
      AppendExpr(out, *e.left);
      out->append(" FROM ");
      AppendExpr(out, *e.low);
      if (e.high) {
        out->append(" FOR ");
        AppendExpr(out, *e.high);
      }
      out->push_back(')');
      return;
    case ExprKind::kAtTimeZone:
      AppendChild(out, *e.operand, 41);
      out->append(" AT TIME ZONE ");
      AppendChild(out, *e.right, 42);
      return;
    case ExprKind::kFunction:
      AppendObjectName(out, e.names);
      if (!e.has_parens) return;
      out->push_back('(');
      if (e.distinct) out->append("DISTINCT ");
      AppendFunctionArgs(out, e.args);
      if (!e.order_by.empty()) {
        out->append(" ORDER BY ");
        AppendOrderBy(out, e.order_by);
      }
      out->push_back(')');
      if (!e.within_group.empty()) {
        out->append(" WITHIN GROUP (ORDER BY ");
        AppendOrderBy(out, e.within_group);
        out->push_back(')');
      }
      if (e.filter) {
        out->append(" FILTER (WHERE ");
        AppendExpr(out, *e.filter);
        out->push_back(')');
      }
      if (e.null_treatment == NullTreatment::kIgnoreNulls) out->append(" IGNORE NULLS");
      if (e.null_treatment == NullTreatment::kRespectNulls) out->append(" RESPECT NULLS");
      if (e.over) {
        out->append(" OVER ");
        AppendWindowSpec(out, *e.over);
      }
      return;
    case ExprKind::kSubquery: sub(*e.subquery); return;
    case ExprKind::kExists:
      out->append(e.negated ? "NOT EXISTS " : "EXISTS ");
      sub(*e.subquery);
      return;
    case ExprKind::kArray:
      out->append(e.array_keyword ? "ARRAY[" : "[");
      AppendList(out, e.list, [&](const ExprPtr& x) { AppendExpr(out, *x); });
      out->push_back(']');
      return;
    case ExprKind::kSubscript:
      AppendChild(out, *e.operand, 50);
      out->push_back('[');
      if (e.low) AppendExpr(out, *e.low);
      if (e.is_slice) {
        out->push_back(':');
        if (e.high) AppendExpr(out, *e.high);
        if (e.stride) {
          out->push_back(':');
          AppendExpr(out, *e.stride);
        }
      }
      out->push_back(']');
      return;
    case ExprKind::kFieldAccess:
      AppendChild(out, *e.operand, 50);
      out->push_back('.');
      AppendIdent(out, e.field);
      return;
    case ExprKind::kTuple:
      out->append(e.row_keyword ? "ROW(" : "(");
      AppendList(out, e.list, [&](const ExprPtr& x) { AppendExpr(out, *x); });
      out->push_back(')');
      return;
    case ExprKind::kNested:
      out->push_back('(');
      AppendExpr(out, *e.operand);
      out->push_back(')');
      return;
    case ExprKind::kPlaceholder: out->append(e.value); return;
    case ExprKind::kGroupingSets:
    case ExprKind::kRollup:
    case ExprKind::kCube:
      out->append(e.kind == ExprKind::kGroupingSets ? "GROUPING SETS ("
                  : e.kind == ExprKind::kRollup     ? "ROLLUP ("
                                                    : "CUBE (");
      AppendList(out, e.sets, [&](const std::vector<ExprPtr>& set) {
        if (set.size() == 1 && e.kind != ExprKind::kGroupingSets) {
          AppendExpr(out, *set[0]);
          return;
        }
        out->push_back('(');
        AppendList(out, set, [&](const ExprPtr& x) { AppendExpr(out, *x); });
        out->push_back(')');
      });
      out->push_back(')');
      return;
    case ExprKind::kNamed:
      AppendExpr(out, *e.operand);
      out->append(" AS ");
      AppendIdent(out, e.field);
      return;
  }
}

}  // namespace internal

std::string ToSql(const Expr& expr) {
  std::string out;
  internal::AppendExpr(&out, expr);
  return out;
}

std::string ToSql(const DataType& type) {
  std::string out;
  internal::AppendDataType(&out, type);
  return out;
}

std::string ToSql(const Ident& ident) {
  std::string out;
  internal::AppendIdent(&out, ident);
  return out;
}

std::string ToSql(const ObjectName& name) {
  std::string out;
  internal::AppendObjectName(&out, name);
  return out;
}

}  // namespace quiver::sql
