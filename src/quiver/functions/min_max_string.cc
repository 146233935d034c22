#include "quiver/functions/min_max_string.h"

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/functions/aggregate_util.h"

namespace quiver {

namespace {

// The first 8 bytes of `v` as a big-endian number, zero-padded. When two
// prefixes differ they order the strings as memcmp would, so most
// comparisons never touch the string bytes.
inline uint64_t Prefix(std::string_view v) {
  if (v.size() >= 8) {
    uint64_t p;
    std::memcpy(&p, v.data(), 8);
    return __builtin_bswap64(p);
  }
  // Short values: assemble big-endian bytes (a variable-length memcpy would
  // be a library call per row).
  uint64_t p = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    p |= static_cast<uint64_t>(static_cast<uint8_t>(v[i])) << (56 - 8 * i);
  }
  return p;
}

// A value with its prefix, as compared in the hot loop.
struct Key {
  uint64_t prefix;
  std::string_view view;
};

inline bool Less(const Key& a, const Key& b) {
  if (a.prefix != b.prefix) return a.prefix < b.prefix;
  // Equal prefixes: a value of at most 8 bytes is a prefix of the other.
  if (a.view.size() <= 8 || b.view.size() <= 8) return a.view.size() < b.view.size();
  return a.view.substr(8) < b.view.substr(8);
}

// Row accessors with the type switch hoisted out of the loops.
template <typename OffsetT>
struct OffsetViews {
  const OffsetT* offsets;
  const char* data;
  std::string_view operator()(int64_t i) const {
    return {data + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i])};
  }
};

struct ViewViews {
  const BinaryViewArray* array;
  std::string_view operator()(int64_t i) const { return array->GetView(i); }
};

struct GenericViews {
  const Array* array;
  std::string_view operator()(int64_t i) const { return GetBinaryView(*array, i); }
};

class StringMinMaxAccumulator : public functions::SelfStateAccumulator<StringMinMaxAccumulator> {
 public:
  StringMinMaxAccumulator(DataTypePtr type, bool is_max)
      : type_(std::move(type)), is_max_(is_max) {}

  Result<ArrayPtr> Evaluate() override;
  int64_t MemorySize() const override {
    int64_t bytes = static_cast<int64_t>(values_.size() * (sizeof(std::string) + 8 + 1 + 4));
    for (const auto& v : values_) bytes += static_cast<int64_t>(v.capacity());
    return bytes;
  }

 private:
  friend class functions::SelfStateAccumulator<StringMinMaxAccumulator>;
  void Resize(int64_t total) {
    values_.resize(total);
    prefixes_.resize(total, 0);
    seen_.resize(total, 0);
    batch_best_.resize(total, -1);
  }
  // Whether `a` should replace `b` as the group's value.
  bool Wins(const Key& a, const Key& b) const { return is_max_ ? Less(b, a) : Less(a, b); }
  Key Stored(uint32_t g) const { return {prefixes_[g], values_[g]}; }

  Status Fold(const Array& a, const uint32_t* ids, const BooleanArray* filter, int64_t total) {
    Resize(total);
    switch (a.type_id()) {
      case TypeId::kUtf8:
      case TypeId::kBinary: {
        const auto& s = static_cast<const StringArray&>(a);
        FoldWith(a, OffsetViews<int32_t>{s.raw_offsets(), s.raw_data()}, ids, filter);
        break;
      }
      case TypeId::kLargeUtf8:
      case TypeId::kLargeBinary: {
        const auto& s = static_cast<const LargeStringArray&>(a);
        FoldWith(a, OffsetViews<int64_t>{s.raw_offsets(), s.raw_data()}, ids, filter);
        break;
      }
      case TypeId::kUtf8View:
      case TypeId::kBinaryView:
        FoldWith(a, ViewViews{static_cast<const BinaryViewArray*>(&a)}, ids, filter);
        break;
      default: FoldWith(a, GenericViews{&a}, ids, filter);
    }
    return Status::OK();
  }

  template <typename Views>
  void FoldWith(const Array& a, const Views& views, const uint32_t* ids,
                const BooleanArray* filter) {
    const int64_t n = a.length();
    const bool dense = a.null_count() == 0 && !filter;
    auto keep = [&](int64_t i) {
      return dense || (a.IsValid(i) && (!filter || (filter->IsValid(i) && filter->Value(i))));
    };
    if (values_.size() == 1) {
      // One group: find the batch's best row, then compare it with the
      // stored value once.
      int64_t best = -1;
      Key best_key{0, {}};
      for (int64_t i = 0; i < n; ++i) {
        if (!keep(i)) continue;
        std::string_view v = views(i);
        Key k{Prefix(v), v};
        if (best < 0 || Wins(k, best_key)) {
          best = i;
          best_key = k;
        }
      }
      if (best >= 0 && (!seen_[0] || Wins(best_key, Stored(0)))) Store(0, best_key);
      return;
    }
    // Many groups: each group remembers its best row of this batch (one
    // that beats the stored value) and is copied once at the end.
    touched_.clear();
    for (int64_t i = 0; i < n; ++i) {
      if (!keep(i)) continue;
      const uint32_t g = ids[i];
      std::string_view v = views(i);
      Key k{Prefix(v), v};
      const int64_t b = batch_best_[g];
      if (b >= 0) {
        std::string_view bv = views(b);
        if (Wins(k, Key{Prefix(bv), bv})) batch_best_[g] = i;
      } else if (!seen_[g] || Wins(k, Stored(g))) {
        batch_best_[g] = i;
        touched_.push_back(g);
      }
    }
    for (uint32_t g : touched_) {
      std::string_view v = views(batch_best_[g]);
      Store(g, Key{Prefix(v), v});
      batch_best_[g] = -1;
    }
  }

  void Store(uint32_t g, const Key& k) {
    values_[g].assign(k.view);
    prefixes_[g] = k.prefix;
    seen_[g] = 1;
  }

  DataTypePtr type_;
  bool is_max_;
  std::vector<std::string> values_;
  std::vector<uint64_t> prefixes_;
  std::vector<uint8_t> seen_;
  // Per-batch scratch: the best row of the batch per group (-1: none yet)
  // and the groups that have one.
  std::vector<int64_t> batch_best_;
  std::vector<uint32_t> touched_;
};

Result<ArrayPtr> StringMinMaxAccumulator::Evaluate() {
  QUIVER_ASSIGN_OR_RAISE(auto b, MakeBuilder(type_));
  for (size_t g = 0; g < values_.size(); ++g) {
    if (!seen_[g]) {
      QUIVER_RETURN_NOT_OK(b->AppendNull());
      continue;
    }
    Status st;
    switch (type_->id()) {
      case TypeId::kLargeUtf8:
      case TypeId::kLargeBinary:
        st = static_cast<LargeStringBuilder*>(b.get())->Append(values_[g]);
        break;
      case TypeId::kUtf8View:
      case TypeId::kBinaryView:
        st = static_cast<BinaryViewBuilder*>(b.get())->Append(values_[g]);
        break;
      default: st = static_cast<StringBuilder*>(b.get())->Append(values_[g]);
    }
    QUIVER_RETURN_NOT_OK(st);
  }
  return b->Finish();
}

}  // namespace

std::unique_ptr<GroupsAccumulator> MakeStringMinMaxAccumulator(DataTypePtr type, bool is_max) {
  return std::make_unique<StringMinMaxAccumulator>(std::move(type), is_max);
}

}  // namespace quiver
