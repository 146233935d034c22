// Aggregates that see their rows in order: array_agg, string_agg,
// first_value, last_value, nth_value. Rows are collected per group (values
// plus the ORDER BY keys, which arrive as trailing arguments) and sorted once
// at the end with one stable multi-key sort over (group, keys...); without
// ORDER BY the input order is kept. The state is one list per column.
#include <algorithm>

#include "quiver/functions/aggregate_util.h"
#include "quiver/functions/scalar_families.h"

namespace quiver::functions {
namespace {

using Types = std::vector<DataTypePtr>;

enum class Collect { kArrayAgg, kStringAgg, kFirst, kLast, kNth };

/// Collected rows of every group, ready to be sorted.
struct Gathered {
  std::vector<ArrayPtr> columns;  // value, then ORDER BY keys
  std::vector<uint32_t> groups;   // group of each row
};

class CollectAccumulator : public GroupsAccumulator {
 public:
  CollectAccumulator(Collect kind, const AggregateArgs& args, size_t fn_args)
      : kind_(kind), ordering_(args.ordering), fn_args_(fn_args) {
    for (size_t k = 0; k < args.input_types.size(); ++k) {
      if (k == 0 || k >= fn_args) types_.push_back(args.input_types[k]);
    }
    return_type_ = args.return_type;
    if (args.literals.size() > 1 && args.literals[1] && !args.literals[1]->is_null()) {
      const ScalarValue& p = *args.literals[1];
      if (kind == Collect::kStringAgg && p.type()->is_string())
        delimiter_ = std::string(p.GetString());
      if (kind == Collect::kNth && p.type()->is_integer()) nth_ = p.GetInt64();
    }
  }

  Status Update(const std::vector<ArrayPtr>& values, const uint32_t* ids,
                const BooleanArray* filter, int64_t total) override {
    total_ = std::max(total_, total);
    const int64_t n = values[0]->length();
    if (n == 0) return Status::OK();
    std::vector<ArrayPtr> cols;
    for (size_t k = 0; k < values.size(); ++k) {
      if (k == 0 || k >= fn_args_) cols.push_back(values[k]);
    }
    // string_agg skips nulls; the others keep them (first_value may be NULL).
    const bool skip_nulls = kind_ == Collect::kStringAgg;
    RowFilter keep(filter);
    std::vector<int64_t> rows;
    bool all = true;
    for (int64_t i = 0; i < n; ++i) {
      if (keep(i) && !(skip_nulls && values[0]->IsNull(i))) {
        rows.push_back(i);
      } else {
        all = false;
      }
    }
    return Append(std::move(cols), rows, all, [&](int64_t i) { return ids[i]; });
  }

  Status Merge(const std::vector<ArrayPtr>& states, const uint32_t* ids, int64_t total) override {
    total_ = std::max(total_, total);
    if (states.empty() || states[0]->length() == 0) return Status::OK();
    // Every state list shares the offsets of the first one.
    const auto& lists = static_cast<const ListArray&>(*states[0]);
    std::vector<int64_t> rows;
    std::vector<uint32_t> owner;
    for (int64_t r = 0; r < lists.length(); ++r) {
      if (lists.IsNull(r)) continue;
      for (int32_t k = lists.value_offset(r); k < lists.value_offset(r + 1); ++k) {
        rows.push_back(k);
        owner.push_back(ids[r]);
      }
    }
    std::vector<ArrayPtr> cols;
    for (const auto& s : states) cols.push_back(static_cast<const ListArray&>(*s).values());
    size_t pos = 0;
    return Append(std::move(cols), rows, false, [&](int64_t) { return owner[pos++]; });
  }

  Result<std::vector<ArrayPtr>> State() override {
    QUIVER_ASSIGN_OR_RAISE(auto g, Sorted());
    std::vector<int32_t> offsets(total_ + 1, 0);
    for (uint32_t id : g.groups) ++offsets[id + 1];
    for (int64_t i = 0; i < total_; ++i) offsets[i + 1] += offsets[i];
    QUIVER_ASSIGN_OR_RAISE(
        auto off, CopyBuffer(std::string_view(reinterpret_cast<const char*>(offsets.data()),
                                              offsets.size() * sizeof(int32_t))));
    std::vector<ArrayPtr> out;
    for (size_t c = 0; c < g.columns.size(); ++c) {
      auto data =
          ArrayData::Make(list(types_[c]), total_, {nullptr, off}, 0, 0, {g.columns[c]->data()});
      out.push_back(MakeArray(data));
    }
    return out;
  }

  Result<ArrayPtr> Evaluate() override {
    QUIVER_ASSIGN_OR_RAISE(auto g, Sorted());
    // Rows of group i are [start[i], start[i + 1]) of the sorted columns.
    std::vector<int64_t> start(total_ + 1, 0);
    for (uint32_t id : g.groups) ++start[id + 1];
    for (int64_t i = 0; i < total_; ++i) start[i + 1] += start[i];
    const ArrayPtr& values = g.columns[0];
    switch (kind_) {
      case Collect::kArrayAgg: {
        std::vector<int32_t> offsets(start.begin(), start.end());
        std::vector<uint8_t> valid(total_);
        int64_t nulls = 0;
        for (int64_t i = 0; i < total_; ++i) {
          valid[i] = start[i + 1] > start[i];
          nulls += !valid[i];
        }
        QUIVER_ASSIGN_OR_RAISE(
            auto off, CopyBuffer(std::string_view(reinterpret_cast<const char*>(offsets.data()),
                                                  offsets.size() * sizeof(int32_t))));
        QUIVER_ASSIGN_OR_RAISE(auto bitmap, PackValidity(valid));
        auto data = ArrayData::Make(return_type_, total_, {nulls ? bitmap : nullptr, off}, nulls, 0,
                                    {values->data()});
        return MakeArray(data);
      }
      case Collect::kStringAgg: {
        StringWriter w(return_type_, total_);
        StringReader r(Datum::Array(values));
        for (int64_t i = 0; i < total_; ++i) {
          if (start[i + 1] == start[i]) {
            w.AppendNull();
            continue;
          }
          for (int64_t k = start[i]; k < start[i + 1]; ++k) {
            if (k > start[i]) w.data().append(delimiter_);
            w.data().append(r.Get(k));
          }
          w.Commit();
        }
        return w.Finish();
      }
      default: {
        Int64Builder pick(int64());
        for (int64_t i = 0; i < total_; ++i) {
          int64_t len = start[i + 1] - start[i];
          int64_t at = -1;
          if (kind_ == Collect::kFirst) {
            at = len > 0 ? 0 : -1;
          } else if (kind_ == Collect::kLast) {
            at = len - 1;
          } else if (nth_ > 0) {
            at = nth_ <= len ? nth_ - 1 : -1;
          } else {
            at = -nth_ <= len ? len + nth_ : -1;
          }
          if (at < 0) {
            QUIVER_RETURN_NOT_OK(pick.AppendNull());
          } else {
            QUIVER_RETURN_NOT_OK(pick.Append(start[i] + at));
          }
        }
        QUIVER_ASSIGN_OR_RAISE(auto idx, pick.Finish());
        return compute::Take(values, *idx);
      }
    }
  }

  int64_t MemorySize() const override {
    int64_t s = static_cast<int64_t>(groups_.capacity() * sizeof(uint32_t));
    for (const auto& chunk : chunks_) {
      for (const auto& a : chunk) s += a->length() * 8;
    }
    return s;
  }

 private:
  template <typename GroupOf>
  Status Append(std::vector<ArrayPtr> cols, const std::vector<int64_t>& rows, bool all,
                GroupOf group_of) {
    if (rows.empty()) return Status::OK();
    if (!all) {
      Int64Builder ib(int64());
      QUIVER_RETURN_NOT_OK(ib.AppendValues(rows.data(), static_cast<int64_t>(rows.size())));
      QUIVER_ASSIGN_OR_RAISE(auto idx, ib.Finish());
      for (auto& c : cols) {
        QUIVER_ASSIGN_OR_RAISE(c, compute::Take(c, *idx));
      }
    }
    for (int64_t r : rows) groups_.push_back(group_of(r));
    chunks_.push_back(std::move(cols));
    return Status::OK();
  }

  /// All collected rows, stably sorted by group, then by the ORDER BY keys.
  Result<Gathered> Sorted() {
    Gathered g;
    for (size_t c = 0; c < types_.size(); ++c) {
      std::vector<ArrayPtr> parts;
      for (const auto& chunk : chunks_) parts.push_back(chunk[c]);
      if (parts.empty()) {
        QUIVER_ASSIGN_OR_RAISE(auto b, MakeBuilder(types_[c]));
        QUIVER_ASSIGN_OR_RAISE(auto empty, b->Finish());
        parts.push_back(empty);
      }
      QUIVER_ASSIGN_OR_RAISE(auto all, compute::Concatenate(parts));
      g.columns.push_back(std::move(all));
    }
    chunks_.clear();
    UInt32Builder gb(uint32());
    QUIVER_RETURN_NOT_OK(gb.AppendValues(groups_.data(), static_cast<int64_t>(groups_.size())));
    QUIVER_ASSIGN_OR_RAISE(auto group_array, gb.Finish());
    std::vector<compute::SortKey> keys{{group_array, false, false}};
    for (size_t k = 0; k < ordering_.size(); ++k) {
      keys.push_back({g.columns[k + 1], ordering_[k].descending, ordering_[k].nulls_first});
    }
    QUIVER_ASSIGN_OR_RAISE(auto order, compute::SortIndices(keys));
    for (auto& c : g.columns) {
      QUIVER_ASSIGN_OR_RAISE(c, compute::Take(c, *order));
    }
    const auto& o = static_cast<const UInt64Array&>(*order);
    g.groups.resize(groups_.size());
    for (int64_t i = 0; i < o.length(); ++i) g.groups[i] = groups_[o.Value(i)];
    groups_.clear();
    return g;
  }

  Collect kind_;
  std::vector<AggregateOrdering> ordering_;
  size_t fn_args_;
  Types types_;  // value, then keys
  DataTypePtr return_type_;
  std::vector<std::vector<ArrayPtr>> chunks_;
  std::vector<uint32_t> groups_;
  int64_t total_ = 0;
  std::string delimiter_;
  int64_t nth_ = 1;
};

class CollectAggregate : public AggregateUDF {
 public:
  CollectAggregate(std::string name, Collect kind) : name_(std::move(name)), kind_(kind) {}
  std::string name() const override { return name_; }
  bool order_sensitive() const override { return true; }
  Result<Types> CoerceTypes(const Types& a) const override {
    switch (kind_) {
      case Collect::kStringAgg: {
        if (a.size() != 2) return SignatureError(name_, a, {"Utf8, Utf8"});
        Types out;
        for (const auto& t : a) {
          DataTypePtr v = t->id() == TypeId::kDictionary ? t->value_type() : t;
          if (!IsStringLike(*v)) return SignatureError(name_, a, {"Utf8, Utf8"});
          out.push_back(v->id() == TypeId::kLargeUtf8 ? v : utf8());
        }
        return out;
      }
      case Collect::kNth:
        if (a.size() != 2 || !(a[1]->is_integer())) {
          return SignatureError(name_, a, {"Any, Int64"});
        }
        return Types{a[0], int64()};
      default:
        if (a.size() != 1) return SignatureError(name_, a, {"Any"});
        return a;
    }
  }
  Result<DataTypePtr> ReturnType(const Types& a) const override {
    QUIVER_ASSIGN_OR_RAISE(auto c, CoerceTypes(a));
    if (kind_ == Collect::kArrayAgg) return list(c[0]);
    if (kind_ == Collect::kStringAgg) return c[0];
    return c[0];
  }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs& args) const override {
    std::vector<FieldPtr> f;
    size_t fn_args = args.input_types.size() - args.ordering.size();
    for (size_t k = 0; k < args.input_types.size(); ++k) {
      if (k == 0 || k >= fn_args) {
        f.push_back(field(name_ + "_" + std::to_string(k), list(args.input_types[k])));
      }
    }
    return f;
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(
      const AggregateArgs& args) const override {
    size_t fn_args = args.input_types.size() - args.ordering.size();
    if (kind_ == Collect::kStringAgg || kind_ == Collect::kNth) {
      // The delimiter / n must be known to every partial aggregation.
      bool literal = args.literals.size() > 1 && args.literals[1].has_value();
      if (!literal) {
        return Status::NotImplemented(name_ + " requires its second argument to be a literal");
      }
      if (kind_ == Collect::kNth &&
          (args.literals[1]->is_null() || args.literals[1]->GetInt64() == 0)) {
        return Status::Execution("nth_value: n must be a non-zero integer");
      }
    }
    return std::unique_ptr<GroupsAccumulator>(
        std::make_unique<CollectAccumulator>(kind_, args, fn_args));
  }

 private:
  std::string name_;
  Collect kind_;
};

}  // namespace

void RegisterOrderedAggregates(FunctionRegistry* r) {
  r->Register(std::make_shared<CollectAggregate>("array_agg", Collect::kArrayAgg));
  r->Register(std::make_shared<CollectAggregate>("string_agg", Collect::kStringAgg));
  r->Register(std::make_shared<CollectAggregate>("first_value", Collect::kFirst));
  r->Register(std::make_shared<CollectAggregate>("last_value", Collect::kLast));
  r->Register(std::make_shared<CollectAggregate>("nth_value", Collect::kNth));
}

}  // namespace quiver::functions
