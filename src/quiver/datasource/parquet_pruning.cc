#include "quiver/datasource/parquet_pruning.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>

#include "quiver/arrow/compute/compute.h"
#include "quiver/datasource/parquet/bloom_filter.h"

namespace quiver {

namespace {

using parquet::PhysicalType;

// A value as statistics compare it.
struct Val {
  enum Kind { kInt, kUInt, kDouble, kBytes } kind = kInt;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  std::string s;
};

bool IsNumeric(const Val& v) { return v.kind != Val::kBytes; }

long double AsLong(const Val& v) {
  switch (v.kind) {
    case Val::kInt: return static_cast<long double>(v.i);
    case Val::kUInt: return static_cast<long double>(v.u);
    default: return static_cast<long double>(v.d);
  }
}

// -1 / 0 / 1, or nullopt when the kinds do not compare.
std::optional<int> Compare(const Val& a, const Val& b) {
  if (a.kind == Val::kBytes || b.kind == Val::kBytes) {
    if (a.kind != b.kind) return std::nullopt;
    int c = a.s.compare(b.s);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (a.kind == Val::kInt && b.kind == Val::kInt) return a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
  if (a.kind == Val::kUInt && b.kind == Val::kUInt) return a.u < b.u ? -1 : (a.u > b.u ? 1 : 0);
  long double x = AsLong(a), y = AsLong(b);
  if (std::isnan(static_cast<double>(x)) || std::isnan(static_cast<double>(y))) return std::nullopt;
  return x < y ? -1 : (x > y ? 1 : 0);
}

// Which Arrow types the statistics of a top-level leaf describe exactly.
bool StatsUsable(const DataType& t) {
  switch (t.id()) {
    case TypeId::kBoolean:
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kDate32:
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kUtf8:
    case TypeId::kBinary: return true;
    default: return false;
  }
}

std::optional<Val> DecodeStat(const std::string& bytes, PhysicalType pt, const DataType& t) {
  Val v;
  switch (pt) {
    case PhysicalType::kBoolean:
      if (bytes.size() < 1) return std::nullopt;
      v.i = bytes[0] != 0;
      return v;
    case PhysicalType::kInt32: {
      if (bytes.size() != 4) return std::nullopt;
      int32_t x;
      std::memcpy(&x, bytes.data(), 4);
      if (t.is_unsigned_integer()) {
        v.kind = Val::kUInt;
        v.u = static_cast<uint32_t>(x);
      } else {
        v.i = x;
      }
      return v;
    }
    case PhysicalType::kInt64: {
      if (bytes.size() != 8) return std::nullopt;
      int64_t x;
      std::memcpy(&x, bytes.data(), 8);
      if (t.is_unsigned_integer()) {
        v.kind = Val::kUInt;
        v.u = static_cast<uint64_t>(x);
      } else {
        v.i = x;
      }
      return v;
    }
    case PhysicalType::kFloat: {
      if (bytes.size() != 4) return std::nullopt;
      float x;
      std::memcpy(&x, bytes.data(), 4);
      if (std::isnan(x)) return std::nullopt;
      v.kind = Val::kDouble;
      v.d = x;
      return v;
    }
    case PhysicalType::kDouble: {
      if (bytes.size() != 8) return std::nullopt;
      double x;
      std::memcpy(&x, bytes.data(), 8);
      if (std::isnan(x)) return std::nullopt;
      v.kind = Val::kDouble;
      v.d = x;
      return v;
    }
    case PhysicalType::kByteArray:
      v.kind = Val::kBytes;
      v.s = bytes;
      return v;
    default: return std::nullopt;
  }
}

// A literal as a value comparable with a column of type `t`.
std::optional<Val> LiteralVal(const ScalarValue& lit, const DataTypePtr& t) {
  if (lit.is_null()) return std::nullopt;
  ScalarValue v = lit;
  const DataType& lt = *lit.type();
  const bool both_numeric = (lt.is_integer() || lt.is_floating()) &&
                            (t->is_integer() || t->is_floating() || t->id() == TypeId::kBoolean);
  if (!both_numeric && !lt.Equals(*t)) {
    if (!compute::CanCast(lt, *t)) return std::nullopt;
    auto cast = compute::Cast(lit.array(), t);
    if (!cast.ok() || (*cast)->IsNull(0)) return std::nullopt;
    v = ScalarValue(*cast);
  }
  const DataType& vt = *v.type();
  Val out;
  if (vt.id() == TypeId::kBoolean) {
    out.i = v.GetBool();
  } else if (vt.is_unsigned_integer()) {
    out.kind = Val::kUInt;
    out.u = v.GetUInt64();
  } else if (vt.is_integer() || vt.id() == TypeId::kDate32 || vt.id() == TypeId::kTime32 ||
             vt.id() == TypeId::kTime64 || vt.id() == TypeId::kTimestamp) {
    out.i = v.GetInt64();
  } else if (vt.is_floating()) {
    out.kind = Val::kDouble;
    out.d = v.GetDouble();
    if (std::isnan(out.d)) return std::nullopt;
  } else if (vt.id() == TypeId::kUtf8 || vt.id() == TypeId::kBinary) {
    out.kind = Val::kBytes;
    out.s = std::string(v.GetString());
  } else {
    return std::nullopt;
  }
  if (IsNumeric(out) != (t->id() != TypeId::kUtf8 && t->id() != TypeId::kBinary)) {
    return std::nullopt;
  }
  return out;
}

Operator Flip(Operator op) {
  switch (op) {
    case Operator::kLt: return Operator::kGt;
    case Operator::kLtEq: return Operator::kGtEq;
    case Operator::kGt: return Operator::kLt;
    case Operator::kGtEq: return Operator::kLtEq;
    default: return op;
  }
}

// Min / max / null count of one page of a column (from the column index).
struct PageStats {
  const std::string* min = nullptr;
  const std::string* max = nullptr;
  bool all_null = false;
};

class Evaluator {
 public:
  Evaluator(parquet::ParquetFileReader& reader, int rg)
      : reader_(reader), rg_(reader.metadata().row_groups[rg]) {}

  bool bloom_pruned() const { return bloom_pruned_; }
  /// Page statistics by column name, used instead of the chunk's (page mode:
  /// no bloom filters, which describe whole chunks).
  std::map<std::string, PageStats>& pages() { return pages_; }
  void set_page_mode() { page_mode_ = true; }

  // False only when no row can make `e` true.
  bool May(const ExprPtr& e) {
    switch (e->kind) {
      case ExprKind::kAlias: return May(e->expr);
      case ExprKind::kLiteral:
        if (e->literal.type()->id() == TypeId::kBoolean || e->literal.is_null()) {
          return !e->literal.is_null() && e->literal.GetBool();
        }
        return true;
      case ExprKind::kBinary:
        if (e->op == Operator::kAnd) return May(e->left) && May(e->right);
        if (e->op == Operator::kOr) return May(e->left) || May(e->right);
        return Comparison(e->left, e->op, e->right);
      case ExprKind::kIsNull:
      case ExprKind::kIsNotNull: {
        const Column* c = ColumnOf(e->expr, nullptr);
        const parquet::ColumnMetaData* md = c ? Meta(*c) : nullptr;
        if (!md || !md->statistics || !md->statistics->null_count) return true;
        int64_t nulls = *md->statistics->null_count;
        return e->kind == ExprKind::kIsNull ? nulls > 0 : nulls < rg_.num_rows;
      }
      case ExprKind::kBetween:
        if (e->negated) return true;
        return Comparison(e->expr, Operator::kGtEq, e->low) &&
               Comparison(e->expr, Operator::kLtEq, e->high);
      case ExprKind::kInList: {
        if (e->negated) return true;
        for (const auto& item : e->list) {
          if (Comparison(e->expr, Operator::kEq, item)) return true;
        }
        return false;
      }
      default: return true;
    }
  }

 private:
  // The column under `e` (through widening numeric casts); `type` receives
  // the column's Arrow type.
  const Column* ColumnOf(const ExprPtr& e, DataTypePtr* type) {
    if (e->kind == ExprKind::kColumn) {
      int i = reader_.schema()->GetFieldIndex(e->column.name);
      if (i < 0) return nullptr;
      if (type) *type = reader_.schema()->field(i)->type();
      return &e->column;
    }
    if (e->kind == ExprKind::kCast || e->kind == ExprKind::kTryCast) {
      DataTypePtr inner;
      const Column* c = ColumnOf(e->expr, &inner);
      if (!c) return nullptr;
      const DataType& to = *e->cast_type;
      const bool widening =
          (inner->is_integer() && to.is_floating()) ||
          (inner->is_floating() && to.is_floating() && to.bit_width() >= inner->bit_width()) ||
          (inner->is_integer() && to.is_integer() && to.bit_width() >= inner->bit_width() &&
           (inner->is_signed_integer() == to.is_signed_integer() ||
            (inner->is_unsigned_integer() && to.bit_width() > inner->bit_width())));
      if (!widening) return nullptr;
      if (type) *type = inner;
      return c;
    }
    return nullptr;
  }

  const parquet::ColumnMetaData* Meta(const Column& c) {
    int i = reader_.schema()->GetFieldIndex(c.name);
    if (i < 0) return nullptr;
    const auto& fp = reader_.schema_plan().fields[i];
    if (fp.kind != parquet::FieldPlan::kLeaf) return nullptr;
    if (fp.leaf >= static_cast<int>(rg_.columns.size())) return nullptr;
    const auto& cc = rg_.columns[fp.leaf];
    return cc.meta_data ? &*cc.meta_data : nullptr;
  }

  std::optional<ScalarValue> Literal(const ExprPtr& e) {
    if (e->kind == ExprKind::kLiteral) return e->literal;
    if (e->kind == ExprKind::kAlias) return Literal(e->expr);
    if ((e->kind == ExprKind::kCast || e->kind == ExprKind::kTryCast) &&
        e->expr->kind == ExprKind::kLiteral) {
      auto cast = compute::Cast(e->expr->literal.array(), e->cast_type);
      if (!cast.ok()) return std::nullopt;
      return ScalarValue(*cast);
    }
    return std::nullopt;
  }

  bool Comparison(const ExprPtr& l, Operator op, const ExprPtr& r) {
    switch (op) {
      case Operator::kEq:
      case Operator::kNotEq:
      case Operator::kLt:
      case Operator::kLtEq:
      case Operator::kGt:
      case Operator::kGtEq: break;
      default: return true;
    }
    DataTypePtr type;
    const Column* col = ColumnOf(l, &type);
    std::optional<ScalarValue> lit = Literal(r);
    if (!col || !lit) {
      col = ColumnOf(r, &type);
      lit = Literal(l);
      op = Flip(op);
    }
    if (!col || !lit) return true;
    if (lit->is_null()) return false;  // comparisons with NULL are never true
    const parquet::ColumnMetaData* md = Meta(*col);
    if (!md || !StatsUsable(*type)) return true;
    if (auto page = pages_.find(col->name); page != pages_.end()) {
      if (page->second.all_null) return false;
      std::optional<Val> v = LiteralVal(*lit, type);
      if (!v || !page->second.min || !page->second.max) return true;
      return MinMaxMay(*page->second.min, *page->second.max, *v, op, md->type, *type);
    }
    if (!md->statistics) return true;
    const auto& st = *md->statistics;
    if (st.null_count && *st.null_count == rg_.num_rows && rg_.num_rows > 0) {
      return false;  // only nulls
    }
    std::optional<Val> v = LiteralVal(*lit, type);
    if (!v) return true;
    // min_value / max_value; the deprecated fields only for numbers (their
    // byte-array order was signed).
    const std::optional<std::string>* mn = &st.min_value;
    const std::optional<std::string>* mx = &st.max_value;
    if ((!*mn || !*mx) && md->type != PhysicalType::kByteArray) {
      mn = &st.min;
      mx = &st.max;
    }
    bool may = true;
    if (*mn && *mx) may = MinMaxMay(**mn, **mx, *v, op, md->type, *type);
    if (!may) return false;
    if (op == Operator::kEq && !page_mode_ && md->bloom_filter_offset &&
        !BloomMay(*md, *v, *type)) {
      bloom_pruned_ = true;
      return false;
    }
    return true;
  }

  // False when no value in [min, max] can make `value op v` true.
  static bool MinMaxMay(const std::string& mn, const std::string& mx, const Val& v, Operator op,
                        PhysicalType pt, const DataType& type) {
    auto lo = DecodeStat(mn, pt, type), hi = DecodeStat(mx, pt, type);
    if (!lo || !hi) return true;
    auto c_lo = Compare(v, *lo), c_hi = Compare(v, *hi);  // v vs min, v vs max
    if (!c_lo || !c_hi) return true;
    switch (op) {
      case Operator::kEq: return *c_lo >= 0 && *c_hi <= 0;
      case Operator::kNotEq: return !(*c_lo == 0 && *c_hi == 0);
      case Operator::kLt: return *c_lo > 0;     // min < v
      case Operator::kLtEq: return *c_lo >= 0;  // min <= v
      case Operator::kGt: return *c_hi < 0;     // max > v
      case Operator::kGtEq: return *c_hi <= 0;  // max >= v
      default: return true;
    }
  }

  // False when the chunk's bloom filter rules the value out.
  bool BloomMay(const parquet::ColumnMetaData& md, const Val& v, const DataType& t) {
    std::string bytes;
    switch (md.type) {
      case PhysicalType::kInt32: {
        if (v.kind == Val::kDouble) return true;
        int32_t x = static_cast<int32_t>(v.kind == Val::kUInt ? v.u : v.i);
        if ((v.kind == Val::kInt && x != v.i) ||
            (v.kind == Val::kUInt && uint64_t(uint32_t(x)) != v.u)) {
          return true;
        }
        bytes.assign(reinterpret_cast<const char*>(&x), 4);
        break;
      }
      case PhysicalType::kInt64: {
        if (v.kind == Val::kDouble) return true;
        int64_t x = v.kind == Val::kUInt ? static_cast<int64_t>(v.u) : v.i;
        bytes.assign(reinterpret_cast<const char*>(&x), 8);
        break;
      }
      case PhysicalType::kByteArray:
        if (v.kind != Val::kBytes || !(t.id() == TypeId::kUtf8 || t.id() == TypeId::kBinary)) {
          return true;
        }
        bytes = v.s;
        break;
      default: return true;  // floats: -0.0 / NaN make exact hashing unsafe
    }
    int64_t len = md.bloom_filter_length.value_or(0);
    auto& src = reader_.source();
    if (len <= 0) {
      // Without a length: the header plus up to the maximum bitset size that fits.
      len = std::min<int64_t>(src.Size() - *md.bloom_filter_offset, (128 << 20) + 64);
    }
    if (*md.bloom_filter_offset < 0 || *md.bloom_filter_offset + len > src.Size()) return true;
    auto range = src.ReadAt(*md.bloom_filter_offset, len);
    if (!range.ok()) return true;
    auto bf = parquet::SplitBlockBloomFilter::Parse(range->data, range->size);
    if (!bf.ok()) return true;
    return bf->MightContain(parquet::XxHash64(bytes.data(), bytes.size()));
  }

  parquet::ParquetFileReader& reader_;
  const parquet::RowGroup& rg_;
  bool bloom_pruned_ = false;
  bool page_mode_ = false;
  std::map<std::string, PageStats> pages_;
};

// The page index of one top-level leaf column in a row group.
struct ColumnPages {
  std::string name;
  parquet::ColumnIndex index;
  parquet::OffsetIndex offsets;
};

std::optional<ColumnPages> LoadPages(parquet::ParquetFileReader& reader,
                                     const parquet::RowGroup& rg, const std::string& name) {
  const int i = reader.schema()->GetFieldIndex(name);
  if (i < 0) return std::nullopt;
  const auto& fp = reader.schema_plan().fields[i];
  if (fp.kind != parquet::FieldPlan::kLeaf || fp.leaf >= static_cast<int>(rg.columns.size())) {
    return std::nullopt;
  }
  const auto& cc = rg.columns[fp.leaf];
  if (!cc.column_index_offset || !cc.column_index_length || !cc.offset_index_offset ||
      !cc.offset_index_length) {
    return std::nullopt;
  }
  auto& src = reader.source();
  auto ci = src.ReadAt(*cc.column_index_offset, *cc.column_index_length);
  auto oi = src.ReadAt(*cc.offset_index_offset, *cc.offset_index_length);
  if (!ci.ok() || !oi.ok()) return std::nullopt;
  auto index = parquet::DecodeColumnIndex(ci->data, ci->size);
  auto offsets = parquet::DecodeOffsetIndex(oi->data, oi->size);
  if (!index.ok() || !offsets.ok()) return std::nullopt;
  const size_t n = offsets->page_locations.size();
  if (n == 0 || index->min_values.size() != n || index->max_values.size() != n ||
      index->null_pages.size() != n || offsets->page_locations[0].first_row_index != 0) {
    return std::nullopt;
  }
  for (size_t k = 1; k < n; ++k) {
    const int64_t r = offsets->page_locations[k].first_row_index;
    if (r <= offsets->page_locations[k - 1].first_row_index || r >= rg.num_rows) {
      return std::nullopt;
    }
  }
  return ColumnPages{name, std::move(index).value(), std::move(offsets).value()};
}

}  // namespace

bool RowGroupMayMatch(parquet::ParquetFileReader& reader, int rg,
                      const std::vector<ExprPtr>& filters, PruningStats* stats) {
  Evaluator ev(reader, rg);
  ++stats->row_groups_total;
  for (const auto& f : filters) {
    if (!ev.May(f)) {
      ++(ev.bloom_pruned() ? stats->pruned_by_bloom_filter : stats->pruned_by_statistics);
      return false;
    }
  }
  return true;
}

std::vector<RowRange> RowRangesMayMatch(parquet::ParquetFileReader& reader, int rg,
                                        const std::vector<ExprPtr>& filters, int64_t* pruned_rows) {
  const parquet::RowGroup& group = reader.metadata().row_groups[rg];
  *pruned_rows = 0;
  std::vector<RowRange> all = {{0, group.num_rows}};
  if (filters.empty() || group.num_rows <= 0) return all;
  std::vector<Column> cols;
  for (const auto& f : filters) CollectColumns(f, &cols);
  std::vector<ColumnPages> indexed;
  for (const auto& c : cols) {
    bool seen = false;
    for (const auto& p : indexed) seen = seen || p.name == c.name;
    if (seen) continue;
    if (auto p = LoadPages(reader, group, c.name)) indexed.push_back(std::move(*p));
  }
  if (indexed.empty()) return all;
  // Segments between consecutive page starts of any indexed column: in each,
  // every column has exactly one page.
  std::vector<int64_t> bounds = {group.num_rows};
  for (const auto& p : indexed) {
    for (const auto& loc : p.offsets.page_locations) bounds.push_back(loc.first_row_index);
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  Evaluator ev(reader, rg);
  ev.set_page_mode();
  std::vector<size_t> page(indexed.size(), 0);
  std::vector<RowRange> out;
  for (size_t b = 0; b + 1 < bounds.size(); ++b) {
    const int64_t begin = bounds[b], end = bounds[b + 1];
    for (size_t c = 0; c < indexed.size(); ++c) {
      const auto& locs = indexed[c].offsets.page_locations;
      while (page[c] + 1 < locs.size() && locs[page[c] + 1].first_row_index <= begin) ++page[c];
      const auto& ci = indexed[c].index;
      PageStats st;
      st.all_null = ci.null_pages[page[c]];
      st.min = &ci.min_values[page[c]];
      st.max = &ci.max_values[page[c]];
      ev.pages()[indexed[c].name] = st;
    }
    bool may = true;
    for (const auto& f : filters) may = may && ev.May(f);
    if (!may) {
      *pruned_rows += end - begin;
    } else if (!out.empty() && out.back().end == begin) {
      out.back().end = end;
    } else {
      out.push_back({begin, end});
    }
  }
  return out;
}

}  // namespace quiver
