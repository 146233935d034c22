// SQL data types -> Arrow types, following DataFusion's mapping.
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

Result<DataTypePtr> ConvertDataType(const sql::DataType& t) {
  using K = sql::DataTypeKind;
  auto unit_for_precision = [](const std::vector<int64_t>& params) {
    if (params.empty()) return TimeUnit::kNanosecond;
    int64_t p = params[0];
    if (p == 0) return TimeUnit::kSecond;
    if (p <= 3) return TimeUnit::kMillisecond;
    if (p <= 6) return TimeUnit::kMicrosecond;
    return TimeUnit::kNanosecond;
  };
  switch (t.kind) {
    case K::kBoolean: return boolean();
    case K::kTinyInt: return int8();
    case K::kSmallInt: return int16();
    case K::kInt: return int32();
    case K::kBigInt: return int64();
    case K::kUnsignedTinyInt: return uint8();
    case K::kUnsignedSmallInt: return uint16();
    case K::kUnsignedInt: return uint32();
    case K::kUnsignedBigInt: return uint64();
    case K::kFloat: return float32();
    case K::kDouble: return float64();
    case K::kDecimal: {
      int32_t p = t.params.empty() ? 38 : static_cast<int32_t>(t.params[0]);
      int32_t s = t.params.size() > 1 ? static_cast<int32_t>(t.params[1]) : (t.params.empty() ? 10 : 0);
      if (p < 1 || p > 76) {
        return Status::Plan("Decimal(precision = " + std::to_string(p) + ", scale = " +
                            std::to_string(s) +
                            ") should satisfy `0 < precision <= 76`, and `scale <= precision`.");
      }
      if (s > p) {
        return Status::Plan("Decimal(precision = " + std::to_string(p) + ", scale = " +
                            std::to_string(s) +
                            ") should satisfy `0 < precision <= 76`, and `scale <= precision`.");
      }
      return p > 38 ? decimal256(p, s) : decimal128(p, s);
    }
    case K::kChar:
    case K::kVarchar:
    case K::kText:
    case K::kString:
    case K::kUuid:
    case K::kJson: return utf8();
    case K::kDate: return date32();
    case K::kTime: return time64(TimeUnit::kNanosecond);
    case K::kTimestamp:
    case K::kDatetime: {
      bool tz = t.time_zone == sql::TimeZoneSpec::kWith || t.time_zone == sql::TimeZoneSpec::kTz;
      return timestamp(unit_for_precision(t.params), tz ? "+00:00" : "");
    }
    case K::kInterval: return interval(IntervalUnit::kMonthDayNano);
    case K::kBytea:
    case K::kBlob:
    case K::kBinary:
    case K::kVarbinary: return binary();
    case K::kArray: {
      QUIVER_ASSIGN_OR_RAISE(auto item, ConvertDataType(*t.element));
      return list(item);
    }
    case K::kStruct: {
      std::vector<FieldPtr> fields;
      int i = 0;
      for (const auto& f : t.fields) {
        QUIVER_ASSIGN_OR_RAISE(auto ft, ConvertDataType(*f.type));
        fields.push_back(field(f.name ? f.name->value : "c" + std::to_string(i), ft));
        ++i;
      }
      return struct_(std::move(fields));
    }
    case K::kMap: {
      QUIVER_ASSIGN_OR_RAISE(auto k, ConvertDataType(*t.element));
      QUIVER_ASSIGN_OR_RAISE(auto v, ConvertDataType(*t.value));
      return map(k, v);
    }
    case K::kCustom: break;
  }
  return Status::NotImplemented("Unsupported SQL type " + t.name);
}

Result<TableReference> SqlToRel::ToTableReference(const sql::ObjectName& name) {
  switch (name.size()) {
    case 1: return TableReference{"", "", name[0].value};
    case 2: return TableReference{"", name[0].value, name[1].value};
    case 3: return TableReference{name[0].value, name[1].value, name[2].value};
    default: {
      std::string full;
      for (size_t i = 0; i < name.size(); ++i) full += (i ? "." : "") + name[i].value;
      return Status::Plan("Unsupported compound identifier '" + full + "'");
    }
  }
}

}  // namespace quiver
