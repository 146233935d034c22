#include "quiver/datasource/parquet_statistics.h"

#include <cmath>
#include <cstring>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"

namespace quiver {

namespace {

using parquet::PhysicalType;

template <typename T>
std::optional<ScalarValue> Make(const DataTypePtr& t, T v) {
  auto a = ArrayFromVector<T>(t, std::vector<T>{v});
  if (!a.ok()) return std::nullopt;
  return ScalarValue(*a);
}

template <typename T>
std::optional<T> Load(const std::string& bytes) {
  if (bytes.size() != sizeof(T)) return std::nullopt;
  T v;
  std::memcpy(&v, bytes.data(), sizeof(T));
  return v;
}

// One min / max statistic as a value of the file column's Arrow type `t`;
// nullopt for types whose statistics are not exact values of that type.
std::optional<ScalarValue> StatToScalar(const std::string& bytes, PhysicalType pt,
                                        const DataTypePtr& t) {
  switch (pt) {
    case PhysicalType::kBoolean:
      if (t->id() != TypeId::kBoolean || bytes.empty()) return std::nullopt;
      return ScalarValue::Boolean(bytes[0] != 0);
    case PhysicalType::kInt32: {
      auto v = Load<int32_t>(bytes);
      if (!v) return std::nullopt;
      switch (t->id()) {
        case TypeId::kInt8: return Make<int8_t>(t, static_cast<int8_t>(*v));
        case TypeId::kInt16: return Make<int16_t>(t, static_cast<int16_t>(*v));
        case TypeId::kInt32:
        case TypeId::kDate32:
        case TypeId::kTime32: return Make<int32_t>(t, *v);
        case TypeId::kUInt8: return Make<uint8_t>(t, static_cast<uint8_t>(*v));
        case TypeId::kUInt16: return ScalarValue::UInt16(static_cast<uint16_t>(*v));
        case TypeId::kUInt32: return Make<uint32_t>(t, static_cast<uint32_t>(*v));
        default: return std::nullopt;
      }
    }
    case PhysicalType::kInt64: {
      auto v = Load<int64_t>(bytes);
      if (!v) return std::nullopt;
      switch (t->id()) {
        case TypeId::kInt64:
        case TypeId::kTimestamp:
        case TypeId::kTime64: return Make<int64_t>(t, *v);
        case TypeId::kUInt64: return Make<uint64_t>(t, static_cast<uint64_t>(*v));
        default: return std::nullopt;
      }
    }
    case PhysicalType::kFloat: {
      auto v = Load<float>(bytes);
      // A zero bound may stand for -0.0 or +0.0 (the spec lets writers pick).
      if (!v || std::isnan(*v) || *v == 0 || t->id() != TypeId::kFloat32) return std::nullopt;
      return ScalarValue::Float32(*v);
    }
    case PhysicalType::kDouble: {
      auto v = Load<double>(bytes);
      if (!v || std::isnan(*v) || *v == 0 || t->id() != TypeId::kFloat64) return std::nullopt;
      return ScalarValue::Float64(*v);
    }
    default: return std::nullopt;
  }
}

// a < b for two non-null values of one type (integers, floats, temporal, bool).
bool Less(const ScalarValue& a, const ScalarValue& b) {
  const DataType& t = *a.type();
  if (t.is_unsigned_integer()) return a.GetUInt64() < b.GetUInt64();
  if (t.is_floating()) return a.GetDouble() < b.GetDouble();
  if (t.id() == TypeId::kBoolean) return !a.GetBool() && b.GetBool();
  return a.GetInt64() < b.GetInt64();
}

bool Comparable(const DataType& t) {
  return t.is_integer() || t.id() == TypeId::kFloat32 || t.id() == TypeId::kFloat64 ||
         t.id() == TypeId::kBoolean || t.id() == TypeId::kDate32 || t.id() == TypeId::kTime32 ||
         t.id() == TypeId::kTime64 || t.id() == TypeId::kTimestamp;
}

// Folds one more bound into `acc` (kept exact only while every part has one).
void Fold(StatValue* acc, std::optional<ScalarValue> v, bool first, bool want_min) {
  if (acc->precision == Precision::kAbsent && !first) return;
  if (!v) {
    acc->precision = Precision::kAbsent;
    acc->value = ScalarValue();
    return;
  }
  if (first || (want_min ? Less(*v, acc->value) : Less(acc->value, *v))) acc->value = *v;
  acc->precision = Precision::kExact;
}

}  // namespace

Statistics ParquetStatistics(const std::vector<RowGroupPart>& parts, const SchemaPtr& output) {
  Statistics s = Statistics::Unknown(output->num_fields());
  int64_t rows = 0;
  for (const auto& p : parts) {
    const int64_t n = p.reader->metadata().row_groups[p.row_group].num_rows;
    rows += (p.end < 0 ? n : p.end) - p.begin;
  }
  s.num_rows = StatCount::Exact(rows);
  for (int c = 0; c < output->num_fields(); ++c) {
    const FieldPtr& out = output->field(c);
    ColumnStatistics& cs = s.columns[c];
    int64_t nulls = 0;
    bool nulls_known = true;
    // Bounds only where every row group contributes whole (not split) and
    // values of a comparable type; counted among parts that hold values.
    bool bounds = Comparable(*out->type());
    bool first = true;
    for (const auto& p : parts) {
      const auto& rg = p.reader->metadata().row_groups[p.row_group];
      const bool whole = p.begin == 0 && (p.end < 0 || p.end == rg.num_rows);
      const int i = p.reader->schema()->GetFieldIndex(out->name());
      if (i < 0) {  // the file lacks the column: all nulls here
        nulls += (p.end < 0 ? rg.num_rows : p.end) - p.begin;
        continue;
      }
      const auto& plan = p.reader->schema_plan().fields[i];
      const parquet::ColumnMetaData* md = nullptr;
      if (plan.kind == parquet::FieldPlan::kLeaf && plan.leaf >= 0 &&
          plan.leaf < static_cast<int>(rg.columns.size()) && rg.columns[plan.leaf].meta_data) {
        md = &*rg.columns[plan.leaf].meta_data;
      }
      const parquet::Statistics* st = md && md->statistics ? &*md->statistics : nullptr;
      if (!whole || !st || !st->null_count) {
        nulls_known = false;
      } else {
        nulls += *st->null_count;
      }
      if (!bounds) continue;
      if (!whole || !st) {
        bounds = false;
        continue;
      }
      if (st->null_count && *st->null_count == rg.num_rows) continue;  // only nulls
      const DataTypePtr& ft = p.reader->schema()->field(i)->type();
      auto convert = [&](const std::optional<std::string>& b) -> std::optional<ScalarValue> {
        if (!b) return std::nullopt;
        auto v = StatToScalar(*b, md->type, ft);
        if (!v || v->type()->Equals(*out->type())) return v;
        auto cast = compute::Cast(v->array(), out->type());
        if (!cast.ok() || (*cast)->IsNull(0)) return std::nullopt;
        return ScalarValue(*cast);
      };
      auto mn = convert(st->min_value), mx = convert(st->max_value);
      if (!mn || !mx) {
        bounds = false;
        continue;
      }
      Fold(&cs.min, mn, first, true);
      Fold(&cs.max, mx, first, false);
      first = false;
    }
    if (nulls_known) cs.null_count = StatCount::Exact(nulls);
    if (!bounds) {
      cs.min = StatValue{};
      cs.max = StatValue{};
    }
  }
  return s;
}

}  // namespace quiver
