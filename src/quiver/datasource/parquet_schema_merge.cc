#include "quiver/datasource/parquet_schema_merge.h"

#include <algorithm>
#include <map>

namespace quiver {

namespace {

int UnitRank(TimeUnit u) { return static_cast<int>(u); }

// Signed integer type of `bits` bits.
DataTypePtr SignedOfWidth(int bits) {
  switch (bits) {
    case 8: return int8();
    case 16: return int16();
    case 32: return int32();
    default: return int64();
  }
}

Result<DataTypePtr> WidenIntegers(const DataTypePtr& a, const DataTypePtr& b) {
  if (a->is_signed_integer() == b->is_signed_integer()) {
    return a->bit_width() >= b->bit_width() ? a : b;
  }
  const DataTypePtr& s = a->is_signed_integer() ? a : b;
  const DataTypePtr& u = a->is_signed_integer() ? b : a;
  if (s->bit_width() > u->bit_width()) return s;
  if (u->bit_width() < 64) return SignedOfWidth(u->bit_width() * 2);
  return DataTypePtr();  // UInt64 with a signed type: no integer holds both
}

// Which family a string or binary type is in, and its offset flavour.
enum class Flavour { kPlain, kLarge, kView };
Flavour FlavourOf(const DataType& t) {
  switch (t.id()) {
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: return Flavour::kLarge;
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: return Flavour::kView;
    default: return Flavour::kPlain;
  }
}

bool IsVarBinary(const DataType& t) {
  return t.id() == TypeId::kBinary || t.id() == TypeId::kLargeBinary ||
         t.id() == TypeId::kBinaryView;
}

}  // namespace

Result<DataTypePtr> WidenType(const DataTypePtr& a, const DataTypePtr& b,
                              const std::string& column) {
  if (a->Equals(*b)) return a;
  if (a->id() == TypeId::kNull) return b;
  if (b->id() == TypeId::kNull) return a;
  DataTypePtr out;
  if (a->is_integer() && b->is_integer()) {
    QUIVER_ASSIGN_OR_RAISE(out, WidenIntegers(a, b));
  } else if ((a->is_integer() || a->is_floating()) && (b->is_integer() || b->is_floating())) {
    // Float32 with small integers stays Float32; anything else needs Float64.
    const DataTypePtr& f = a->is_floating() ? a : b;
    const DataTypePtr& o = a->is_floating() ? b : a;
    const bool f32 = f->id() == TypeId::kFloat32 &&
                     (o->id() == TypeId::kFloat32 || (o->is_integer() && o->bit_width() <= 16));
    out = f32 ? float32() : float64();
    if (f->id() == TypeId::kFloat16 && o->id() == TypeId::kFloat16) out = f;
  } else if (a->is_string() && b->is_string()) {
    const Flavour fa = FlavourOf(*a), fb = FlavourOf(*b);
    out = (fa == Flavour::kLarge || fb == Flavour::kLarge) ? large_utf8() : utf8_view();
  } else if (IsVarBinary(*a) && IsVarBinary(*b)) {
    const Flavour fa = FlavourOf(*a), fb = FlavourOf(*b);
    out = (fa == Flavour::kLarge || fb == Flavour::kLarge) ? large_binary() : binary_view();
  } else if (a->id() == TypeId::kTimestamp && b->id() == TypeId::kTimestamp) {
    if (a->timezone() == b->timezone()) {
      out = UnitRank(a->unit()) >= UnitRank(b->unit()) ? a : b;
    }
  } else if ((a->id() == TypeId::kDate32 || a->id() == TypeId::kDate64) &&
             (b->id() == TypeId::kDate32 || b->id() == TypeId::kDate64)) {
    out = date64();
  } else if (a->id() == TypeId::kDecimal128 && b->id() == TypeId::kDecimal128) {
    const int32_t scale = std::max(a->scale(), b->scale());
    const int32_t digits = std::max(a->precision() - a->scale(), b->precision() - b->scale());
    if (digits + scale <= 38) out = decimal128(digits + scale, scale);
  }
  if (!out) {
    return Status::Schema("Fail to merge schema field '" + column + "': the files hold it as " +
                          a->ToString() + " and as " + b->ToString() +
                          ", which have no common type");
  }
  return out;
}

Result<SchemaPtr> MergeSchemas(const std::vector<SchemaPtr>& schemas) {
  if (schemas.empty()) return schema({});
  std::vector<FieldPtr> fields;
  std::map<std::string, size_t> index;
  std::vector<int> seen;  // schemas each field appears in
  for (const auto& s : schemas) {
    for (const auto& f : s->fields()) {
      auto it = index.find(f->name());
      if (it == index.end()) {
        index.emplace(f->name(), fields.size());
        fields.push_back(f);
        seen.push_back(1);
        continue;
      }
      FieldPtr& have = fields[it->second];
      ++seen[it->second];
      QUIVER_ASSIGN_OR_RAISE(auto t, WidenType(have->type(), f->type(), f->name()));
      if (!t->Equals(*have->type()) || (f->nullable() && !have->nullable())) {
        have = field(have->name(), t, have->nullable() || f->nullable(), have->metadata());
      }
    }
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (seen[i] < static_cast<int>(schemas.size()) && !fields[i]->nullable()) {
      fields[i] = field(fields[i]->name(), fields[i]->type(), true, fields[i]->metadata());
    }
  }
  return schema(std::move(fields), schemas[0]->metadata());
}

}  // namespace quiver
