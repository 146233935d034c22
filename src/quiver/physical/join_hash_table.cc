#include "quiver/physical/join_hash_table.h"

#include <algorithm>
#include <cstring>

#include "quiver/arrow/compute/compute.h"

namespace quiver {

namespace {

constexpr uint64_t kSeed = 0x2545F4914F6CDD1DULL;

const uint8_t* ValuesOf(const Array& a, int width) {
  return a.data()->buffers[1]->data() + a.offset() * width;
}

}  // namespace

int JoinHashTable::ByteComparableWidth(const DataType& t) {
  if (t.is_floating() || t.id() == TypeId::kBoolean || t.id() == TypeId::kDictionary) return 0;
  if (!(t.is_integer() || t.is_decimal() || t.is_temporal())) return 0;
  if (t.id() == TypeId::kInterval) return 0;
  int bits = t.bit_width();
  return bits >= 8 && bits % 8 == 0 ? bits / 8 : 0;
}

void JoinHashTable::FirstAll(const uint64_t* hashes, int64_t n, uint32_t* out) const {
  // Bucket heads are random accesses into a table that may not fit in
  // cache: issue the loads a few rows ahead so that their misses overlap.
  constexpr int64_t kAhead = 16;
  const uint32_t* heads = heads_.data();
  for (int64_t i = 0; i < std::min(n, kAhead); ++i) __builtin_prefetch(heads + Bucket(hashes[i]));
  for (int64_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(heads + Bucket(hashes[i + kAhead]));
    out[i] = heads[Bucket(hashes[i])];
  }
}

Result<JoinKeyMatcher> JoinKeyMatcher::Make(const std::vector<ArrayPtr>& build,
                                            const std::vector<ArrayPtr>& probe,
                                            bool null_equals_null) {
  JoinKeyMatcher m;
  m.null_equals_null_ = null_equals_null;
  for (size_t k = 0; k < build.size(); ++k) {
    KeyColumn c;
    c.build = build[k].get();
    c.probe = probe[k].get();
    int w = JoinHashTable::ByteComparableWidth(*build[k]->type());
    if (w > 0 && build[k]->type()->Equals(*probe[k]->type())) {
      c.width = w;
      if (build[k]->length() > 0) c.build_values = ValuesOf(*build[k], w);
      if (probe[k]->length() > 0) c.probe_values = ValuesOf(*probe[k], w);
    } else {
      QUIVER_ASSIGN_OR_RAISE(auto cmp, compute::internal::MakeRowComparator(build[k], probe[k]));
      c.cmp = std::move(cmp);
    }
    m.cols_.push_back(std::move(c));
  }
  return m;
}

bool JoinKeyMatcher::Equal(int64_t b, int64_t p) const {
  for (const auto& c : cols_) {
    if (null_equals_null_) {
      bool bn = c.build->IsNull(b), pn = c.probe->IsNull(p);
      if (bn || pn) {
        if (bn != pn) return false;
        continue;
      }
    }
    if (c.width) {
      if (std::memcmp(c.build_values + b * c.width, c.probe_values + p * c.width, c.width) != 0) {
        return false;
      }
    } else if (c.cmp->CompareValues(b, p) != 0) {
      return false;
    }
  }
  return true;
}

Status JoinHashTable::Hash(const std::vector<ArrayPtr>& keys, int64_t num_rows,
                           std::vector<uint64_t>* hashes) {
  hashes->assign(num_rows, kSeed);
  if (keys.empty() || num_rows == 0) return Status::OK();
  return compute::HashColumns(keys, hashes->data());
}

bool JoinHashTable::AnyNull(const std::vector<ArrayPtr>& keys, int64_t i) {
  for (const auto& k : keys) {
    if (k->IsNull(i)) return true;
  }
  return false;
}

Status JoinHashTable::Build(std::vector<ArrayPtr> keys, int64_t num_rows, bool null_equals_null) {
  if (num_rows >= static_cast<int64_t>(kEnd)) {
    return Status::NotImplemented("hash join build side with more than 4 billion rows");
  }
  keys_ = std::move(keys);
  num_rows_ = num_rows;
  QUIVER_RETURN_NOT_OK(Hash(keys_, num_rows, &hashes_));
  uint64_t cap = 16;
  shift_ = 60;
  while (cap < static_cast<uint64_t>(num_rows) * 2) {
    cap <<= 1;
    --shift_;
  }
  heads_.assign(cap, kEnd);
  next_.assign(num_rows, kEnd);
  bool check_nulls = false;
  for (const auto& k : keys_) check_nulls |= k->null_count() > 0;
  check_nulls &= !null_equals_null;
  // Reverse insertion keeps each chain in ascending row order.
  for (int64_t j = num_rows - 1; j >= 0; --j) {
    if (check_nulls && AnyNull(keys_, j)) continue;
    uint64_t b = Bucket(hashes_[j]);
    next_[j] = heads_[b];
    heads_[b] = static_cast<uint32_t>(j);
  }
  return Status::OK();
}

}  // namespace quiver
