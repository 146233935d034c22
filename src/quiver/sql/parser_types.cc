// Data type parsing: INT, DECIMAL(10, 2), TIMESTAMP(3) WITH TIME ZONE, INT[],
// STRUCT<a INT>, MAP(K, V), and custom names.
#include <algorithm>
#include <cctype>

#include "quiver/sql/parser_internal.h"

namespace quiver::sql::internal {

namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

struct TypeName {
  std::string_view word;
  DataTypeKind kind;
};

constexpr TypeName kTypeNames[] = {
    {"BOOLEAN", DataTypeKind::kBoolean},
    {"BOOL", DataTypeKind::kBoolean},
    {"TINYINT", DataTypeKind::kTinyInt},
    {"INT1", DataTypeKind::kTinyInt},
    {"SMALLINT", DataTypeKind::kSmallInt},
    {"INT2", DataTypeKind::kSmallInt},
    {"INT", DataTypeKind::kInt},
    {"INTEGER", DataTypeKind::kInt},
    {"INT4", DataTypeKind::kInt},
    {"MEDIUMINT", DataTypeKind::kInt},
    {"BIGINT", DataTypeKind::kBigInt},
    {"INT8", DataTypeKind::kBigInt},
    {"INT64", DataTypeKind::kBigInt},
    {"FLOAT", DataTypeKind::kFloat},
    {"FLOAT4", DataTypeKind::kFloat},
    {"REAL", DataTypeKind::kFloat},
    {"DOUBLE", DataTypeKind::kDouble},
    {"FLOAT8", DataTypeKind::kDouble},
    {"FLOAT64", DataTypeKind::kDouble},
    {"DECIMAL", DataTypeKind::kDecimal},
    {"NUMERIC", DataTypeKind::kDecimal},
    {"DEC", DataTypeKind::kDecimal},
    {"CHAR", DataTypeKind::kChar},
    {"CHARACTER", DataTypeKind::kChar},
    {"VARCHAR", DataTypeKind::kVarchar},
    {"NVARCHAR", DataTypeKind::kVarchar},
    {"TEXT", DataTypeKind::kText},
    {"STRING", DataTypeKind::kString},
    {"DATE", DataTypeKind::kDate},
    {"TIME", DataTypeKind::kTime},
    {"TIMESTAMP", DataTypeKind::kTimestamp},
    {"TIMESTAMPTZ", DataTypeKind::kTimestamp},
    {"DATETIME", DataTypeKind::kDatetime},
    {"INTERVAL", DataTypeKind::kInterval},
    {"BYTEA", DataTypeKind::kBytea},
    {"BLOB", DataTypeKind::kBlob},
    {"BINARY", DataTypeKind::kBinary},
    {"VARBINARY", DataTypeKind::kVarbinary},
    {"UUID", DataTypeKind::kUuid},
    {"JSON", DataTypeKind::kJson},
    {"ARRAY", DataTypeKind::kArray},
    {"STRUCT", DataTypeKind::kStruct},
    {"MAP", DataTypeKind::kMap},
};

const TypeName* FindType(const Token& t) {
  if (t.type != TokenType::kWord || t.quote) return nullptr;
  for (const TypeName& tn : kTypeNames) {
    if (t.IsKeyword(tn.word)) return &tn;
  }
  return nullptr;
}

DataTypeKind Unsigned(DataTypeKind k) {
  switch (k) {
    case DataTypeKind::kTinyInt: return DataTypeKind::kUnsignedTinyInt;
    case DataTypeKind::kSmallInt: return DataTypeKind::kUnsignedSmallInt;
    case DataTypeKind::kInt: return DataTypeKind::kUnsignedInt;
    case DataTypeKind::kBigInt: return DataTypeKind::kUnsignedBigInt;
    default: return k;
  }
}

}  // namespace

bool Parser::PeekTypedString() const {
  const TypeName* tn = FindType(Peek());
  return tn && tn->kind != DataTypeKind::kInterval && tn->kind != DataTypeKind::kArray &&
         tn->kind != DataTypeKind::kStruct && tn->kind != DataTypeKind::kMap;
}

Result<DataTypePtr> Parser::ParseDataType() { return ParseDataTypeInner(); }

Result<DataTypePtr> Parser::ParseDataTypeInner() {
  QUIVER_RETURN_NOT_OK(CheckDepth());
  DepthGuard guard(this);
  const Token& tok = Peek();
  if (tok.type != TokenType::kWord) return Expected("a data type name");
  auto t = std::make_shared<DataType>();
  t->loc = tok.loc;
  // Optional "(n[, m])" with integers.
  auto int_params = [&]() -> Status {
    if (!ConsumeOp("(")) return Status::OK();
    do {
      bool negative = ConsumeOp("-");
      const Token& n = Peek();
      if (n.type != TokenType::kNumber ||
          n.text.find_first_not_of("0123456789") != std::string::npos || n.text.size() > 18) {
        return Expected("literal int");
      }
      int64_t v = std::stoll(n.text);
      t->params.push_back(negative ? -v : v);
      Next();
    } while (ConsumeOp(","));
    return ExpectOp(")");
  };
  // Closes an angle bracket, splitting a ">>" token as in STRUCT<a STRUCT<b INT>>.
  auto close_angle = [&]() -> Status {
    if (PeekOp(">>")) {
      toks_[pos_].text = ">";
      return Status::OK();
    }
    return ExpectOp(">");
  };
  const TypeName* tn = FindType(tok);
  if (!tn) {
    t->kind = DataTypeKind::kCustom;
    QUIVER_ASSIGN_OR_RAISE(t->custom_name, ParseObjectName());
    if (ConsumeOp("(")) {
      do {
        const Token& m = Next();
        if (m.type != TokenType::kWord && m.type != TokenType::kNumber &&
            m.type != TokenType::kString) {
          return ErrorAt(m, "Expected type modifiers, found: " + m.Display());
        }
        t->custom_params.push_back(m.Display());
      } while (ConsumeOp(","));
      QUIVER_RETURN_NOT_OK(ExpectOp(")"));
    }
  } else {
    Next();
    t->kind = tn->kind;
    t->name = Upper(tok.text);
    switch (tn->kind) {
      case DataTypeKind::kTinyInt:
      case DataTypeKind::kSmallInt:
      case DataTypeKind::kInt:
      case DataTypeKind::kBigInt:
        QUIVER_RETURN_NOT_OK(int_params());
        if (ConsumeKeyword("UNSIGNED")) t->kind = Unsigned(t->kind);
        break;
      case DataTypeKind::kDouble:
        if (ConsumeKeyword("PRECISION")) t->name = "DOUBLE PRECISION";
        QUIVER_RETURN_NOT_OK(int_params());
        break;
      case DataTypeKind::kChar:
        if (ConsumeKeyword("VARYING")) {
          t->kind = DataTypeKind::kVarchar;
          t->name += " VARYING";
        }
        QUIVER_RETURN_NOT_OK(int_params());
        break;
      case DataTypeKind::kTime:
      case DataTypeKind::kTimestamp:
        QUIVER_RETURN_NOT_OK(int_params());
        if (t->name == "TIMESTAMPTZ") {
          t->time_zone = TimeZoneSpec::kTz;
        } else if (PeekKeyword("WITH") && PeekKeyword("TIME", 1) && PeekKeyword("ZONE", 2)) {
          pos_ += 3;
          t->time_zone = TimeZoneSpec::kWith;
        } else if (ConsumeKeywords({"WITHOUT", "TIME", "ZONE"})) {
          t->time_zone = TimeZoneSpec::kWithout;
        }
        break;
      case DataTypeKind::kArray:
        if (ConsumeOp("<")) {
          QUIVER_ASSIGN_OR_RAISE(t->element, ParseDataTypeInner());
          QUIVER_RETURN_NOT_OK(close_angle());
        } else if (ConsumeOp("(")) {
          QUIVER_ASSIGN_OR_RAISE(t->element, ParseDataTypeInner());
          QUIVER_RETURN_NOT_OK(ExpectOp(")"));
        }
        break;
      case DataTypeKind::kMap: {
        bool angle = ConsumeOp("<");
        if (!angle) QUIVER_RETURN_NOT_OK(ExpectOp("("));
        QUIVER_ASSIGN_OR_RAISE(t->element, ParseDataTypeInner());
        QUIVER_RETURN_NOT_OK(ExpectOp(","));
        QUIVER_ASSIGN_OR_RAISE(t->value, ParseDataTypeInner());
        QUIVER_RETURN_NOT_OK(angle ? close_angle() : ExpectOp(")"));
        break;
      }
      case DataTypeKind::kStruct: {
        bool angle = PeekOp("<");
        if (!angle && !PeekOp("(")) break;
        Next();
        if (!(angle ? PeekOp(">") : PeekOp(")"))) {
          do {
            StructField f;
            // `name type` unless the entry is a bare type (STRUCT<INT>).
            if (Peek().type == TokenType::kWord && !PeekOp(",", 1) && !PeekOp(">", 1) &&
                !PeekOp(")", 1) && !PeekOp(">>", 1) && !PeekOp("(", 1) && !PeekOp("<", 1) &&
                !PeekOp("[", 1)) {
              f.name = MakeIdent(Next());
            }
            QUIVER_ASSIGN_OR_RAISE(f.type, ParseDataTypeInner());
            t->fields.push_back(std::move(f));
          } while (ConsumeOp(","));
        }
        QUIVER_RETURN_NOT_OK(angle ? close_angle() : ExpectOp(")"));
        break;
      }
      case DataTypeKind::kInterval:
      case DataTypeKind::kBoolean:
      case DataTypeKind::kDate:
      case DataTypeKind::kText:
      case DataTypeKind::kString:
      case DataTypeKind::kBytea:
      case DataTypeKind::kBlob:
      case DataTypeKind::kUuid:
      case DataTypeKind::kJson: break;
      default: QUIVER_RETURN_NOT_OK(int_params()); break;
    }
  }
  // Postfix array brackets: INT[], INT[][].
  for (int dims = depth_; PeekOp("[") && PeekOp("]", 1); ++dims) {
    if (dims >= opts_.max_depth) return ErrorAt(Peek(), "recursion limit exceeded");
    pos_ += 2;
    auto arr = std::make_shared<DataType>();
    arr->kind = DataTypeKind::kArray;
    arr->name = "[]";
    arr->loc = t->loc;
    arr->element = std::move(t);
    t = std::move(arr);
  }
  return t;
}

}  // namespace quiver::sql::internal
