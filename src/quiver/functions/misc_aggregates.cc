// bool_and/bool_or, bit_and/bit_or/bit_xor, approx_distinct (HyperLogLog)
// and median, as vectorized group accumulators with mergeable state.
#include <algorithm>
#include <cmath>

#include "quiver/functions/aggregate_util.h"
#include "quiver/functions/scalar_families.h"

namespace quiver::functions {
namespace {

using Types = std::vector<DataTypePtr>;

// ---- bool_and / bool_or / bit_and / bit_or / bit_xor ----

enum class Fold { kBoolAnd, kBoolOr, kBitAnd, kBitOr, kBitXor };

/// One uint64 per group plus a "seen a value" flag; booleans are 0/1.
class FoldAccumulator : public GroupsAccumulator {
 public:
  FoldAccumulator(Fold op, DataTypePtr type) : op_(op), type_(std::move(type)) {}

  uint64_t Identity() const {
    return op_ == Fold::kBoolAnd || op_ == Fold::kBitAnd ? ~uint64_t{0} : 0;
  }
  void Apply(uint32_t g, uint64_t v) {
    uint64_t& acc = acc_[g];
    switch (op_) {
      case Fold::kBoolAnd: acc = acc & v; break;
      case Fold::kBitAnd: acc &= v; break;
      case Fold::kBoolOr:
      case Fold::kBitOr: acc |= v; break;
      case Fold::kBitXor: acc ^= v; break;
    }
    seen_[g] = 1;
  }
  void Resize(int64_t n) {
    acc_.resize(n, Identity());
    seen_.resize(n, 0);
  }

  Status Feed(const ArrayPtr& values, const uint32_t* groups, const BooleanArray* filter) {
    Datum d = Datum::Array(values);
    RowFilter keep(filter);
    int64_t n = values->length();
    if (values->type_id() == TypeId::kBoolean) {
      BoolReader r(d);
      for (int64_t i = 0; i < n; ++i) {
        if (keep(i) && !r.IsNull(i)) Apply(groups[i], r.Get(i) ? ~uint64_t{0} : 0);
      }
    } else if (values->type_id() == TypeId::kNull) {
      return Status::OK();
    } else {
      NumReader<uint64_t> r(d);
      for (int64_t i = 0; i < n; ++i) {
        if (keep(i) && !r.IsNull(i)) Apply(groups[i], r.Get(i));
      }
    }
    return Status::OK();
  }

  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* groups,
                const BooleanArray* filter, int64_t total) override {
    Resize(total);
    return Feed(values[0], groups, filter);
  }
  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* groups,
               int64_t total) override {
    Resize(total);
    if (states.empty()) return Status::OK();  // sizing only (window frames)
    return Feed(states[0], groups, nullptr);
  }
  Result<std::vector<ArrayPtr>> State() override {
    QUIVER_ASSIGN_OR_RAISE(auto a, Evaluate());
    return std::vector<ArrayPtr>{a};
  }
  Result<ArrayPtr> Evaluate() override {
    int64_t n = static_cast<int64_t>(acc_.size());
    ArrayPtr out;
    if (type_->id() == TypeId::kBoolean) {
      BoolWriter w(n);
      for (int64_t i = 0; i < n; ++i) {
        if (seen_[i]) {
          w.Set(i, acc_[i] != 0);
        } else {
          w.SetNull(i);
        }
      }
      QUIVER_ASSIGN_OR_RAISE(out, w.Finish());
    } else {
      NumWriter<uint64_t> w(type_, n);
      for (int64_t i = 0; i < n; ++i) {
        w.values()[i] = acc_[i];
        if (!seen_[i]) w.SetNull(i);
      }
      QUIVER_ASSIGN_OR_RAISE(out, w.Finish());
    }
    acc_.clear();
    seen_.clear();
    return out;
  }
  int64_t MemorySize() const override { return static_cast<int64_t>(acc_.capacity() * 9); }

 private:
  Fold op_;
  DataTypePtr type_;
  std::vector<uint64_t> acc_;
  std::vector<uint8_t> seen_;
};

class FoldAggregate : public AggregateUDF {
 public:
  FoldAggregate(std::string name, Fold op) : name_(std::move(name)), op_(op) {}
  std::string name() const override { return name_; }
  bool IsBool() const { return op_ == Fold::kBoolAnd || op_ == Fold::kBoolOr; }
  Result<Types> CoerceTypes(const Types& a) const override {
    if (a.size() != 1) return SignatureError(name_, a, {IsBool() ? "Boolean" : "Int64"});
    const DataType& t = *a[0];
    if (IsBool()) {
      if (t.id() != TypeId::kBoolean && t.id() != TypeId::kNull) {
        return SignatureError(name_, a, {"Boolean"});
      }
      return Types{boolean()};
    }
    if (t.id() == TypeId::kNull || t.is_signed_integer()) return Types{int64()};
    if (t.is_unsigned_integer()) return Types{uint64()};
    return SignatureError(
        name_, a, {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64"});
  }
  Result<DataTypePtr> ReturnType(const Types& a) const override { return a[0]; }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs& args) const override {
    return std::vector<FieldPtr>{field(name_, args.return_type)};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(
      const AggregateArgs& args) const override {
    return std::unique_ptr<GroupsAccumulator>(
        std::make_unique<FoldAccumulator>(op_, args.return_type));
  }

 private:
  std::string name_;
  Fold op_;
};

// ---- approx_distinct: HyperLogLog with 2^12 registers per group ----

constexpr int kHllBits = 12;
constexpr int kHllRegisters = 1 << kHllBits;

uint64_t Mix(uint64_t x) {  // splitmix64 finalizer: spreads any input hash
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class HllAccumulator : public GroupsAccumulator {
 public:
  void Resize(int64_t n) { regs_.resize(n); }
  void Add(uint32_t g, uint64_t h) {
    std::string& r = regs_[g];
    if (r.empty()) r.assign(kHllRegisters, '\0');
    uint32_t idx = static_cast<uint32_t>(h >> (64 - kHllBits));
    uint64_t rest = (h << kHllBits) | (uint64_t{1} << (kHllBits - 1));
    auto rank = static_cast<char>(__builtin_clzll(rest) + 1);
    if (r[idx] < rank) r[idx] = rank;
  }
  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* groups,
                const BooleanArray* filter, int64_t total) override {
    Resize(total);
    const ArrayPtr& v = values[0];
    int64_t n = v->length();
    std::vector<uint64_t> hashes(n, 0);
    QUIVER_RETURN_NOT_OK(compute::HashColumns({v}, hashes.data()));
    RowFilter keep(filter);
    for (int64_t i = 0; i < n; ++i) {
      if (keep(i) && v->IsValid(i)) Add(groups[i], Mix(hashes[i]));
    }
    return Status::OK();
  }
  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* groups,
               int64_t total) override {
    Resize(total);
    if (states.empty()) return Status::OK();  // sizing only (window frames)
    StringReader r(Datum::Array(states[0]));
    for (int64_t i = 0; i < states[0]->length(); ++i) {
      std::string_view s = r.Get(i);
      if (s.size() != static_cast<size_t>(kHllRegisters)) continue;
      std::string& dst = regs_[groups[i]];
      if (dst.empty()) dst.assign(kHllRegisters, '\0');
      for (int k = 0; k < kHllRegisters; ++k) dst[k] = std::max(dst[k], s[k]);
    }
    return Status::OK();
  }
  Result<std::vector<ArrayPtr>> State() override {
    StringWriter w(binary(), static_cast<int64_t>(regs_.size()));
    for (const auto& r : regs_) w.Append(r);
    regs_.clear();
    QUIVER_ASSIGN_OR_RAISE(auto a, w.Finish());
    return std::vector<ArrayPtr>{a};
  }
  Result<ArrayPtr> Evaluate() override {
    int64_t n = static_cast<int64_t>(regs_.size());
    NumWriter<uint64_t> w(uint64(), n);
    const double m = kHllRegisters;
    const double alpha = 0.7213 / (1.0 + 1.079 / m);
    for (int64_t i = 0; i < n; ++i) {
      const std::string& r = regs_[i];
      if (r.empty()) {
        w.values()[i] = 0;
        continue;
      }
      double sum = 0;
      int zeros = 0;
      for (char c : r) {
        sum += std::ldexp(1.0, -c);
        zeros += c == 0;
      }
      double est = alpha * m * m / sum;
      if (est <= 2.5 * m && zeros > 0) est = m * std::log(m / zeros);  // linear counting
      w.values()[i] = static_cast<uint64_t>(std::llround(est));
    }
    regs_.clear();
    return w.Finish();
  }
  int64_t MemorySize() const override {
    int64_t s = static_cast<int64_t>(regs_.capacity() * sizeof(std::string));
    for (const auto& r : regs_) s += static_cast<int64_t>(r.capacity());
    return s;
  }

 private:
  std::vector<std::string> regs_;
};

class ApproxDistinct : public AggregateUDF {
 public:
  std::string name() const override { return "approx_distinct"; }
  Result<Types> CoerceTypes(const Types& a) const override {
    if (a.size() != 1) return SignatureError("approx_distinct", a, {"Any"});
    return a;
  }
  Result<DataTypePtr> ReturnType(const Types&) const override { return uint64(); }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs&) const override {
    return std::vector<FieldPtr>{field("hll_registers", binary())};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(
      const AggregateArgs&) const override {
    return std::unique_ptr<GroupsAccumulator>(std::make_unique<HllAccumulator>());
  }
  bool nullable() const override { return false; }
  bool empty_is_zero() const override { return true; }
};

// ---- median: exact, keeps each group's values ----

template <typename T>
class MedianAccumulator : public GroupsAccumulator {
 public:
  explicit MedianAccumulator(DataTypePtr type) : type_(std::move(type)) {}
  Status Feed(const ArrayPtr& values, const uint32_t* groups, const BooleanArray* filter) {
    NumReader<T> r(Datum::Array(values));
    RowFilter keep(filter);
    for (int64_t i = 0; i < values->length(); ++i) {
      if (keep(i) && !r.IsNull(i)) vals_[groups[i]].push_back(r.Get(i));
    }
    return Status::OK();
  }
  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* groups,
                const BooleanArray* filter, int64_t total) override {
    vals_.resize(total);
    return Feed(values[0], groups, filter);
  }
  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* groups,
               int64_t total) override {
    vals_.resize(total);
    if (states.empty()) return Status::OK();  // sizing only (window frames)
    const auto& lists = static_cast<const ListArray&>(*states[0]);
    NumReader<T> r(Datum::Array(lists.values()));
    for (int64_t i = 0; i < lists.length(); ++i) {
      if (lists.IsNull(i)) continue;
      for (int32_t k = lists.value_offset(i); k < lists.value_offset(i + 1); ++k) {
        if (!r.IsNull(k)) vals_[groups[i]].push_back(r.Get(k));
      }
    }
    return Status::OK();
  }
  Result<std::vector<ArrayPtr>> State() override {
    QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(list(type_)));
    auto* lb = static_cast<ListBuilder*>(builder.get());
    auto* vb = static_cast<PrimitiveBuilder<T>*>(lb->value_builder());
    for (const auto& v : vals_) {
      QUIVER_RETURN_NOT_OK(lb->Append(true));
      QUIVER_RETURN_NOT_OK(vb->AppendValues(v.data(), static_cast<int64_t>(v.size())));
    }
    vals_.clear();
    QUIVER_ASSIGN_OR_RAISE(auto a, lb->Finish());
    return std::vector<ArrayPtr>{a};
  }
  Result<ArrayPtr> Evaluate() override {
    int64_t n = static_cast<int64_t>(vals_.size());
    NumWriter<T> w(type_, n);
    for (int64_t i = 0; i < n; ++i) {
      auto& v = vals_[i];
      if (v.empty()) {
        w.SetNull(i);
        continue;
      }
      size_t mid = v.size() / 2;
      std::nth_element(v.begin(), v.begin() + mid, v.end());
      T hi = v[mid];
      if (v.size() % 2 == 0) {
        T lo = *std::max_element(v.begin(), v.begin() + mid);
        if constexpr (std::is_floating_point_v<T>) {
          w.values()[i] = (lo + hi) / 2;
        } else {
          // Average without overflow, rounding toward zero like integer division.
          w.values()[i] = static_cast<T>((static_cast<Int128>(lo) + hi) / 2);
        }
      } else {
        w.values()[i] = hi;
      }
    }
    vals_.clear();
    return w.Finish();
  }
  int64_t MemorySize() const override {
    int64_t s = static_cast<int64_t>(vals_.capacity() * sizeof(std::vector<T>));
    for (const auto& v : vals_) s += static_cast<int64_t>(v.capacity() * sizeof(T));
    return s;
  }

 private:
  DataTypePtr type_;
  std::vector<std::vector<T>> vals_;
};

class Median : public AggregateUDF {
 public:
  std::string name() const override { return "median"; }
  Result<Types> CoerceTypes(const Types& a) const override {
    if (a.size() != 1 || !(a[0]->is_numeric() || a[0]->id() == TypeId::kNull)) {
      return SignatureError("median", a, {"Any"});
    }
    if (a[0]->id() == TypeId::kDecimal128) return Types{a[0]};  // keeps precision and scale
    if (a[0]->is_signed_integer()) return Types{int64()};
    if (a[0]->is_unsigned_integer()) return Types{uint64()};
    return Types{float64()};
  }
  Result<DataTypePtr> ReturnType(const Types& a) const override { return a[0]; }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs& args) const override {
    return std::vector<FieldPtr>{field("median", list(args.return_type))};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(
      const AggregateArgs& args) const override {
    switch (args.return_type->id()) {
      case TypeId::kInt64:
        return std::unique_ptr<GroupsAccumulator>(
            std::make_unique<MedianAccumulator<int64_t>>(args.return_type));
      case TypeId::kUInt64:
        return std::unique_ptr<GroupsAccumulator>(
            std::make_unique<MedianAccumulator<uint64_t>>(args.return_type));
      case TypeId::kDecimal128:
        return std::unique_ptr<GroupsAccumulator>(
            std::make_unique<MedianAccumulator<Int128>>(args.return_type));
      default:
        return std::unique_ptr<GroupsAccumulator>(
            std::make_unique<MedianAccumulator<double>>(args.return_type));
    }
  }
};

}  // namespace

void RegisterMiscAggregates(FunctionRegistry* r) {
  r->Register(std::make_shared<FoldAggregate>("bool_and", Fold::kBoolAnd));
  r->Register(std::make_shared<FoldAggregate>("bool_or", Fold::kBoolOr));
  r->Register(std::make_shared<FoldAggregate>("bit_and", Fold::kBitAnd));
  r->Register(std::make_shared<FoldAggregate>("bit_or", Fold::kBitOr));
  r->Register(std::make_shared<FoldAggregate>("bit_xor", Fold::kBitXor));
  r->Register(std::make_shared<ApproxDistinct>());
  r->Register(std::make_shared<Median>());
}

}  // namespace quiver::functions
