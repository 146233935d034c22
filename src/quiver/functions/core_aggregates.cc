// count, sum, min, max, avg: the aggregates every query uses, written as
// group-indexed accumulators with typed inner loops.
#include <cmath>
#include <cstring>

#include "quiver/arrow/builder.h"
#include "quiver/functions/aggregate_util.h"
#include "quiver/functions/builtin.h"
#include "quiver/functions/min_max_string.h"

namespace quiver {

namespace {

bool Selected(const BooleanArray* filter, int64_t i) {
  return !filter || (filter->IsValid(i) && filter->Value(i));
}

// Builds a primitive array from values with a validity vector.
template <typename T>
Result<ArrayPtr> BuildPrimitive(const DataTypePtr& type, const std::vector<T>& values,
                                const std::vector<uint8_t>* valid) {
  PrimitiveBuilder<T> b(type);
  QUIVER_RETURN_NOT_OK(b.Reserve(static_cast<int64_t>(values.size())));
  for (size_t i = 0; i < values.size(); ++i) {
    if (valid && !(*valid)[i]) {
      QUIVER_RETURN_NOT_OK(b.AppendNull());
    } else {
      QUIVER_RETURN_NOT_OK(b.Append(values[i]));
    }
  }
  return b.Finish();
}

Status NeedArgs(const std::string& name, const std::vector<DataTypePtr>& args, size_t n) {
  if (args.size() != n) {
    return Status::Plan("The function " + name + " expects " + std::to_string(n) +
                        " argument" + (n == 1 ? "" : "s") + ", got " + std::to_string(args.size()));
  }
  return Status::OK();
}

DataTypePtr Unpack(const DataTypePtr& t) {
  return t->id() == TypeId::kDictionary ? t->value_type() : t;
}

// ---------------- count ----------------

class CountAccumulator : public GroupsAccumulator {
 public:
  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* ids,
                const BooleanArray* filter, int64_t total) override {
    counts_.resize(total, 0);
    if (values.empty()) return Status::OK();
    const Array& v = *values[0];
    const int64_t n = v.length();
    if (v.null_count() == 0 && !filter) {
      for (int64_t i = 0; i < n; ++i) ++counts_[ids[i]];
      return Status::OK();
    }
    for (int64_t i = 0; i < n; ++i) {
      bool all_valid = true;
      for (const auto& a : values) all_valid &= a->IsValid(i);
      if (all_valid && Selected(filter, i)) ++counts_[ids[i]];
    }
    return Status::OK();
  }
  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* ids, int64_t total) override {
    counts_.resize(total, 0);
    if (states.empty()) return Status::OK();
    const auto& s = static_cast<const Int64Array&>(*states[0]);
    for (int64_t i = 0; i < s.length(); ++i) counts_[ids[i]] += s.Value(i);
    return Status::OK();
  }
  Result<std::vector<ArrayPtr>> State() override {
    QUIVER_ASSIGN_OR_RAISE(auto a, BuildPrimitive<int64_t>(int64(), counts_, nullptr));
    return std::vector<ArrayPtr>{a};
  }
  Result<ArrayPtr> Evaluate() override { return BuildPrimitive<int64_t>(int64(), counts_, nullptr); }
  int64_t MemorySize() const override { return static_cast<int64_t>(counts_.size() * 8); }

 private:
  std::vector<int64_t> counts_;
};

// count(*) is planned as count(Int64(1)), so every row counts.
class Count : public AggregateUDF {
 public:
  std::string name() const override { return "count"; }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>&) const override { return int64(); }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs&) const override {
    return std::vector<FieldPtr>{field("count", int64())};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(const AggregateArgs&) const override {
    return std::unique_ptr<GroupsAccumulator>(std::make_unique<CountAccumulator>());
  }
  bool nullable() const override { return false; }
  bool empty_is_zero() const override { return true; }
};

// ---------------- sum ----------------

// Sum of input type In into accumulator type Acc.
template <typename In, typename Acc>
class SumAccumulator : public GroupsAccumulator {
 public:
  explicit SumAccumulator(DataTypePtr out) : out_(std::move(out)) {}
  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* ids,
                const BooleanArray* filter, int64_t total) override {
    Resize(total);
    const auto& v = static_cast<const PrimitiveArray<In>&>(*values[0]);
    const In* raw = v.raw_values();
    const int64_t n = v.length();
    if (total == 1 && v.null_count() == 0 && !filter && n > 0) {
      // One group (no GROUP BY): a plain running sum, which vectorizes.
      Acc acc{};
      for (int64_t i = 0; i < n; ++i) Add(&acc, static_cast<Acc>(raw[i]));
      Add(&slots_[0].sum, acc);
      slots_[0].seen = 1;
      return Status::OK();
    }
    if (v.null_count() == 0 && !filter) {
      for (int64_t i = 0; i < n; ++i) {
        Slot& slot = slots_[ids[i]];
        Add(&slot.sum, static_cast<Acc>(raw[i]));
        slot.seen = 1;
      }
      return Status::OK();
    }
    for (int64_t i = 0; i < n; ++i) {
      if (v.IsValid(i) && Selected(filter, i)) {
        Slot& slot = slots_[ids[i]];
        Add(&slot.sum, static_cast<Acc>(raw[i]));
        slot.seen = 1;
      }
    }
    return Status::OK();
  }
  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* ids, int64_t total) override {
    Resize(total);
    if (states.empty()) return Status::OK();
    const auto& s = static_cast<const PrimitiveArray<Acc>&>(*states[0]);
    for (int64_t i = 0; i < s.length(); ++i) {
      if (s.IsValid(i)) {
        Slot& slot = slots_[ids[i]];
        Add(&slot.sum, s.Value(i));
        slot.seen = 1;
      }
    }
    return Status::OK();
  }
  Result<std::vector<ArrayPtr>> State() override {
    QUIVER_ASSIGN_OR_RAISE(auto a, Evaluate());
    return std::vector<ArrayPtr>{a};
  }
  Result<ArrayPtr> Evaluate() override {
    std::vector<Acc> sums(slots_.size());
    std::vector<uint8_t> seen(slots_.size());
    for (size_t g = 0; g < slots_.size(); ++g) {
      sums[g] = slots_[g].sum;
      seen[g] = slots_[g].seen;
    }
    return BuildPrimitive<Acc>(out_, sums, &seen);
  }
  int64_t MemorySize() const override {
    return static_cast<int64_t>(slots_.size() * sizeof(Slot));
  }

 private:
  static void Add(Acc* dst, Acc v) {
    if constexpr (std::is_integral_v<Acc>) {
      // Integer sums wrap on overflow, as DataFusion's do.
      *dst = static_cast<Acc>(static_cast<std::make_unsigned_t<Acc>>(*dst) +
                              static_cast<std::make_unsigned_t<Acc>>(v));
    } else {
      *dst += v;
    }
  }
  void Resize(int64_t total) { slots_.resize(total, Slot{Acc{}, 0}); }
  // Sum and seen flag side by side: one cache line per row and group.
  struct Slot {
    Acc sum;
    uint8_t seen;
  };
  DataTypePtr out_;
  std::vector<Slot> slots_;
};

DataTypePtr SumType(const DataTypePtr& in) {
  if (in->is_signed_integer()) return int64();
  if (in->is_unsigned_integer()) return uint64();
  if (in->is_floating()) return float64();
  if (in->id() == TypeId::kDecimal128) return decimal128(std::min(38, in->precision() + 10), in->scale());
  if (in->id() == TypeId::kDecimal256) return decimal256(std::min(76, in->precision() + 10), in->scale());
  if (in->id() == TypeId::kInterval || in->id() == TypeId::kDuration) return in;
  return nullptr;
}

class Sum : public AggregateUDF {
 public:
  std::string name() const override { return "sum"; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& args) const override {
    QUIVER_RETURN_NOT_OK(NeedArgs(name(), args, 1));
    DataTypePtr t = Unpack(args[0]);
    if (t->id() == TypeId::kNull) return std::vector<DataTypePtr>{int64()};
    if (t->is_signed_integer()) return std::vector<DataTypePtr>{int64()};
    if (t->is_unsigned_integer()) return std::vector<DataTypePtr>{uint64()};
    if (t->is_floating()) return std::vector<DataTypePtr>{float64()};
    if (t->id() == TypeId::kDecimal128) return std::vector<DataTypePtr>{t};
    return Status::Plan("Error during planning: The function Sum does not support inputs of type " +
                        t->ToString() + ".");
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& args) const override {
    QUIVER_ASSIGN_OR_RAISE(auto c, CoerceTypes(args));
    return SumType(c[0]);
  }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs& a) const override {
    return std::vector<FieldPtr>{field("sum", a.return_type)};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(const AggregateArgs& a) const override {
    const DataTypePtr& in = a.input_types[0];
    switch (in->id()) {
      case TypeId::kInt64:
        return std::unique_ptr<GroupsAccumulator>(std::make_unique<SumAccumulator<int64_t, int64_t>>(a.return_type));
      case TypeId::kUInt64:
        return std::unique_ptr<GroupsAccumulator>(std::make_unique<SumAccumulator<uint64_t, uint64_t>>(a.return_type));
      case TypeId::kFloat64:
        return std::unique_ptr<GroupsAccumulator>(std::make_unique<SumAccumulator<double, double>>(a.return_type));
      case TypeId::kDecimal128:
        return std::unique_ptr<GroupsAccumulator>(std::make_unique<SumAccumulator<Int128, Int128>>(a.return_type));
      default: return Status::NotImplemented("sum of " + in->ToString());
    }
  }
};

// ---------------- avg ----------------

template <typename In>
class AvgAccumulator : public GroupsAccumulator {
 public:
  // For decimals: out_scale - in_scale extra digits of the result.
  AvgAccumulator(DataTypePtr in, DataTypePtr out) : in_(std::move(in)), out_(std::move(out)) {}
  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* ids,
                const BooleanArray* filter, int64_t total) override {
    Resize(total);
    const auto& v = static_cast<const PrimitiveArray<In>&>(*values[0]);
    const In* raw = v.raw_values();
    const bool dense = v.null_count() == 0 && !filter;
    for (int64_t i = 0; i < v.length(); ++i) {
      if (dense || (v.IsValid(i) && Selected(filter, i))) {
        Slot& slot = slots_[ids[i]];
        slot.sum += raw[i];
        ++slot.count;
      }
    }
    return Status::OK();
  }
  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* ids, int64_t total) override {
    Resize(total);
    if (states.empty()) return Status::OK();
    const auto& c = static_cast<const UInt64Array&>(*states[0]);
    const auto& s = static_cast<const PrimitiveArray<In>&>(*states[1]);
    for (int64_t i = 0; i < c.length(); ++i) {
      Slot& slot = slots_[ids[i]];
      slot.count += c.Value(i);
      if (s.IsValid(i)) slot.sum += s.Value(i);
    }
    return Status::OK();
  }
  Result<std::vector<ArrayPtr>> State() override {
    std::vector<uint64_t> counts(slots_.size());
    std::vector<In> sums(slots_.size());
    for (size_t g = 0; g < slots_.size(); ++g) {
      counts[g] = slots_[g].count;
      sums[g] = slots_[g].sum;
    }
    QUIVER_ASSIGN_OR_RAISE(auto c, BuildPrimitive<uint64_t>(uint64(), counts, nullptr));
    QUIVER_ASSIGN_OR_RAISE(auto s, BuildPrimitive<In>(in_, sums, nullptr));
    return std::vector<ArrayPtr>{c, s};
  }
  Result<ArrayPtr> Evaluate() override {
    const size_t n = slots_.size();
    std::vector<uint8_t> valid(n);
    for (size_t g = 0; g < n; ++g) valid[g] = slots_[g].count > 0;
    if constexpr (std::is_same_v<In, double>) {
      std::vector<double> out(n);
      for (size_t g = 0; g < n; ++g) {
        const Slot& slot = slots_[g];
        out[g] = slot.count ? slot.sum / static_cast<double>(slot.count) : 0;
      }
      return BuildPrimitive<double>(out_, out, &valid);
    } else {
      Int128 scale_up = 1;
      for (int k = 0; k < out_->scale() - in_->scale(); ++k) scale_up *= 10;
      std::vector<Int128> out(n);
      for (size_t g = 0; g < n; ++g) {
        const Slot& slot = slots_[g];
        out[g] = slot.count ? slot.sum * scale_up / static_cast<Int128>(slot.count) : 0;
      }
      return BuildPrimitive<Int128>(out_, out, &valid);
    }
  }
  int64_t MemorySize() const override {
    return static_cast<int64_t>(slots_.size() * sizeof(Slot));
  }

 private:
  void Resize(int64_t total) { slots_.resize(total, Slot{In{}, 0}); }
  // Sum and count side by side: one cache line per row and group.
  struct Slot {
    In sum;
    uint64_t count;
  };
  DataTypePtr in_, out_;
  std::vector<Slot> slots_;
};

class Avg : public AggregateUDF {
 public:
  std::string name() const override { return "avg"; }
  std::vector<std::string> aliases() const override { return {"mean"}; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& args) const override {
    QUIVER_RETURN_NOT_OK(NeedArgs(name(), args, 1));
    DataTypePtr t = Unpack(args[0]);
    if (t->is_integer() || t->is_floating() || t->id() == TypeId::kNull) {
      return std::vector<DataTypePtr>{float64()};
    }
    if (t->id() == TypeId::kDecimal128) return std::vector<DataTypePtr>{t};
    return Status::Plan("The function Avg does not support inputs of type " + t->ToString() + ".");
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& args) const override {
    QUIVER_ASSIGN_OR_RAISE(auto c, CoerceTypes(args));
    if (c[0]->is_decimal()) {
      return decimal128(std::min(38, c[0]->precision() + 4), std::min(38, c[0]->scale() + 4));
    }
    return float64();
  }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs& a) const override {
    return std::vector<FieldPtr>{field("count", uint64()), field("sum", a.input_types[0])};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(const AggregateArgs& a) const override {
    const DataTypePtr& in = a.input_types[0];
    if (in->id() == TypeId::kDecimal128) {
      return std::unique_ptr<GroupsAccumulator>(std::make_unique<AvgAccumulator<Int128>>(in, a.return_type));
    }
    return std::unique_ptr<GroupsAccumulator>(std::make_unique<AvgAccumulator<double>>(in, a.return_type));
  }
};

// ---------------- min / max ----------------

template <typename T>
bool Better(T candidate, T current, bool is_max) {
  if constexpr (std::is_floating_point_v<T>) {
    // NaN is the greatest value, as in DataFusion's ordering.
    if (std::isnan(candidate)) return is_max && !std::isnan(current);
    if (std::isnan(current)) return !is_max;
  }
  return is_max ? current < candidate : candidate < current;
}

template <typename T>
class MinMaxAccumulator : public functions::SelfStateAccumulator<MinMaxAccumulator<T>> {
 public:
  MinMaxAccumulator(DataTypePtr type, bool is_max) : type_(std::move(type)), is_max_(is_max) {}
  Result<ArrayPtr> Evaluate() override {
    if constexpr (std::is_same_v<T, bool>) {
      BooleanBuilder b;
      for (size_t g = 0; g < values_.size(); ++g) {
        QUIVER_RETURN_NOT_OK(seen_[g] ? b.Append(values_[g]) : b.AppendNull());
      }
      return b.Finish();
    } else {
      return BuildPrimitive<T>(type_, values_, &seen_);
    }
  }
  int64_t MemorySize() const override {
    return static_cast<int64_t>(values_.size() * (sizeof(T) + 1));
  }

 private:
  friend class functions::SelfStateAccumulator<MinMaxAccumulator<T>>;
  void Resize(int64_t total) {
    values_.resize(total, T{});
    seen_.resize(total, 0);
  }
  T Get(const Array& a, int64_t i) const {
    if constexpr (std::is_same_v<T, bool>) {
      return static_cast<const BooleanArray&>(a).Value(i);
    } else {
      return static_cast<const PrimitiveArray<T>&>(a).Value(i);
    }
  }
  Status Fold(const Array& a, const uint32_t* ids, const BooleanArray* filter, int64_t total) {
    Resize(total);
    if constexpr (!std::is_same_v<T, bool>) {
      if (a.null_count() == 0 && !filter) {
        const T* raw = static_cast<const PrimitiveArray<T>&>(a).raw_values();
        if (is_max_) {
          FoldDense<true>(raw, a.length(), ids, total);
        } else {
          FoldDense<false>(raw, a.length(), ids, total);
        }
        return Status::OK();
      }
    }
    for (int64_t i = 0; i < a.length(); ++i) {
      if (a.IsNull(i) || !Selected(filter, i)) continue;
      uint32_t g = ids[i];
      T v = Get(a, i);
      if (!seen_[g] || Better<T>(v, static_cast<T>(values_[g]), is_max_)) {
        values_[g] = v;
        seen_[g] = 1;
      }
    }
    return Status::OK();
  }
  // No nulls and no filter: one group keeps a running best in a register.
  template <bool kMax>
  void FoldDense(const T* raw, int64_t n, const uint32_t* ids, int64_t total) {
    if (n == 0) return;
    if (total == 1) {
      T best = raw[0];
      for (int64_t i = 1; i < n; ++i) {
        if (Better<T>(raw[i], best, kMax)) best = raw[i];
      }
      if (!seen_[0] || Better<T>(best, static_cast<T>(values_[0]), kMax)) values_[0] = best;
      seen_[0] = 1;
      return;
    }
    for (int64_t i = 0; i < n; ++i) {
      const uint32_t g = ids[i];
      if (!seen_[g] || Better<T>(raw[i], static_cast<T>(values_[g]), kMax)) {
        values_[g] = raw[i];
        seen_[g] = 1;
      }
    }
  }
  DataTypePtr type_;
  bool is_max_;
  std::vector<T> values_;
  std::vector<uint8_t> seen_;
};

class MinMax : public AggregateUDF {
 public:
  explicit MinMax(bool is_max) : is_max_(is_max) {}
  std::string name() const override { return is_max_ ? "max" : "min"; }
  Result<std::vector<DataTypePtr>> CoerceTypes(const std::vector<DataTypePtr>& args) const override {
    QUIVER_RETURN_NOT_OK(NeedArgs(name(), args, 1));
    return std::vector<DataTypePtr>{Unpack(args[0])};
  }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& args) const override {
    QUIVER_ASSIGN_OR_RAISE(auto c, CoerceTypes(args));
    return c[0];
  }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs& a) const override {
    return std::vector<FieldPtr>{field(name(), a.return_type)};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(const AggregateArgs& a) const override {
    const DataTypePtr& t = a.input_types[0];
    std::unique_ptr<GroupsAccumulator> acc;
    switch (t->id()) {
      case TypeId::kBoolean: acc = std::make_unique<MinMaxAccumulator<bool>>(t, is_max_); break;
      case TypeId::kInt8: acc = std::make_unique<MinMaxAccumulator<int8_t>>(t, is_max_); break;
      case TypeId::kInt16: acc = std::make_unique<MinMaxAccumulator<int16_t>>(t, is_max_); break;
      case TypeId::kInt32:
      case TypeId::kDate32:
      case TypeId::kTime32: acc = std::make_unique<MinMaxAccumulator<int32_t>>(t, is_max_); break;
      case TypeId::kInt64:
      case TypeId::kDate64:
      case TypeId::kTime64:
      case TypeId::kTimestamp:
      case TypeId::kDuration: acc = std::make_unique<MinMaxAccumulator<int64_t>>(t, is_max_); break;
      case TypeId::kUInt8: acc = std::make_unique<MinMaxAccumulator<uint8_t>>(t, is_max_); break;
      case TypeId::kUInt16: acc = std::make_unique<MinMaxAccumulator<uint16_t>>(t, is_max_); break;
      case TypeId::kUInt32: acc = std::make_unique<MinMaxAccumulator<uint32_t>>(t, is_max_); break;
      case TypeId::kUInt64: acc = std::make_unique<MinMaxAccumulator<uint64_t>>(t, is_max_); break;
      case TypeId::kFloat32: acc = std::make_unique<MinMaxAccumulator<float>>(t, is_max_); break;
      case TypeId::kFloat64: acc = std::make_unique<MinMaxAccumulator<double>>(t, is_max_); break;
      case TypeId::kDecimal128: acc = std::make_unique<MinMaxAccumulator<Int128>>(t, is_max_); break;
      case TypeId::kUtf8:
      case TypeId::kLargeUtf8:
      case TypeId::kUtf8View:
      case TypeId::kBinary:
      case TypeId::kLargeBinary:
      case TypeId::kBinaryView: acc = MakeStringMinMaxAccumulator(t, is_max_); break;
      default: return Status::NotImplemented(name() + " of " + t->ToString());
    }
    return acc;
  }

 private:
  bool is_max_;
};

}  // namespace

void RegisterCoreAggregates(FunctionRegistry* registry) {
  registry->Register(AggregateUDFPtr(std::make_shared<Count>()));
  registry->Register(AggregateUDFPtr(std::make_shared<Sum>()));
  registry->Register(AggregateUDFPtr(std::make_shared<Avg>()));
  registry->Register(AggregateUDFPtr(std::make_shared<MinMax>(false)));
  registry->Register(AggregateUDFPtr(std::make_shared<MinMax>(true)));
}

}  // namespace quiver
