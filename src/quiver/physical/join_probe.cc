#include "quiver/physical/join_probe.h"

#include <cstring>

namespace quiver {

namespace {

// Rows ahead whose first candidate is prefetched while walking chains.
constexpr int64_t kAhead = 8;

// One fixed-width key compared as a W-byte unsigned integer.
template <typename T>
struct FixedMatch {
  const uint8_t* build;
  const uint8_t* probe;
  const uint32_t* next;
  static T Load(const uint8_t* p, int64_t i) {
    T v;
    std::memcpy(&v, p + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
    return v;
  }
  bool operator()(uint32_t b, int64_t p) const { return Load(build, b) == Load(probe, p); }
  void Prefetch(uint32_t b) const {
    __builtin_prefetch(build + static_cast<int64_t>(b) * static_cast<int64_t>(sizeof(T)));
    __builtin_prefetch(next + b);
  }
};

// Any keys: the stored hash first, then every key column.
struct GenericMatch {
  const uint64_t* build_hashes;
  const uint64_t* probe_hashes;
  const JoinKeyMatcher* keys;
  const uint32_t* next;
  bool operator()(uint32_t b, int64_t p) const {
    return build_hashes[b] == probe_hashes[p] && keys->Equal(b, p);
  }
  void Prefetch(uint32_t b) const {
    __builtin_prefetch(build_hashes + b);
    __builtin_prefetch(next + b);
  }
};

const uint8_t* ValuesOf(const Array& a, int width) {
  if (a.length() == 0) return nullptr;
  return a.data()->buffers[1]->data() + a.offset() * width;
}

}  // namespace

Status JoinProbe::Start(const JoinHashTable* table, std::vector<ArrayPtr> keys, int64_t num_rows,
                        bool null_equals_null, bool first_match_only) {
  table_ = table;
  keys_ = std::move(keys);
  n_ = num_rows;
  first_match_only_ = first_match_only;
  row_ = 0;
  chain_ = JoinHashTable::kEnd;
  resume_ = false;
  fixed_width_ = 0;
  matcher_.reset();
  if (n_ == 0) return Status::OK();
  QUIVER_RETURN_NOT_OK(JoinHashTable::Hash(keys_, n_, &hashes_));
  first_.resize(n_);
  table_->FirstAll(hashes_.data(), n_, first_.data());
  bool probe_nulls = false, build_nulls = false;
  for (const auto& k : keys_) probe_nulls |= k->null_count() > 0;
  for (const auto& k : table_->keys()) build_nulls |= k->null_count() > 0;
  if (probe_nulls && !null_equals_null) {
    // A null key never matches: such rows start with an empty chain.
    for (const auto& k : keys_) {
      if (k->null_count() == 0) continue;
      for (int64_t i = 0; i < n_; ++i) {
        if (k->IsNull(i)) first_[i] = JoinHashTable::kEnd;
      }
    }
  }
  if (keys_.size() == 1 && table_->keys().size() == 1) {
    const Array& b = *table_->keys()[0];
    const Array& p = *keys_[0];
    const int w = JoinHashTable::ByteComparableWidth(*p.type());
    // Null slots hold arbitrary values: compare values directly only when
    // null rows are out of the table and out of the probe.
    if ((w == 4 || w == 8) && b.type()->Equals(*p.type()) &&
        (!null_equals_null || (!probe_nulls && !build_nulls))) {
      fixed_width_ = w;
      build_values_ = ValuesOf(b, w);
      probe_values_ = ValuesOf(p, w);
      return Status::OK();
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto m, JoinKeyMatcher::Make(table_->keys(), keys_, null_equals_null));
  matcher_ = std::move(m);
  return Status::OK();
}

template <typename Match>
bool JoinProbe::Walk(size_t limit, std::vector<uint32_t>* probe, std::vector<uint32_t>* build,
                     Match match) {
  const uint32_t* next = table_->next_links();
  size_t k = probe->size();
  if (k >= limit) return row_ >= n_;
  probe->resize(limit);
  build->resize(limit);
  uint32_t* pp = probe->data();
  uint32_t* bp = build->data();
  const uint32_t* first = first_.data();
  int64_t row = row_;
  for (int64_t r = row; r < std::min(n_, row + kAhead); ++r) {
    if (first[r] != JoinHashTable::kEnd) match.Prefetch(first[r]);
  }
  bool suspended = false;
  while (row < n_) {
    if (row + kAhead < n_ && first[row + kAhead] != JoinHashTable::kEnd) {
      match.Prefetch(first[row + kAhead]);
    }
    uint32_t b = resume_ ? chain_ : first[row];
    resume_ = false;
    for (; b != JoinHashTable::kEnd; b = next[b]) {
      if (!match(b, row)) continue;
      pp[k] = static_cast<uint32_t>(row);
      bp[k] = b;
      ++k;
      if (first_match_only_) break;
      if (k == limit) {
        if (next[b] != JoinHashTable::kEnd) {
          chain_ = next[b];
          resume_ = true;
          suspended = true;
        }
        break;
      }
    }
    if (suspended) break;
    ++row;
    if (k == limit) break;
  }
  row_ = row;
  probe->resize(k);
  build->resize(k);
  return row_ >= n_;
}

bool JoinProbe::Next(size_t limit, std::vector<uint32_t>* probe, std::vector<uint32_t>* build) {
  if (row_ >= n_) return true;
  const uint32_t* next = table_->next_links();
  switch (fixed_width_) {
    case 4:
      return Walk(limit, probe, build, FixedMatch<uint32_t>{build_values_, probe_values_, next});
    case 8:
      return Walk(limit, probe, build, FixedMatch<uint64_t>{build_values_, probe_values_, next});
    default:
      return Walk(limit, probe, build,
                  GenericMatch{table_->stored_hashes(), hashes_.data(), &*matcher_, next});
  }
}

}  // namespace quiver
