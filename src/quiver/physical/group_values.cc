#include "quiver/physical/group_values.h"

#include <algorithm>
#include <cstring>

#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/pretty_print.h"

namespace quiver {

namespace {

// Bytes of one non-null value for fixed-width types, 0 for variable ones.
int FixedBytes(const DataType& t) {
  if (t.id() == TypeId::kBoolean) return 1;
  if (t.id() == TypeId::kNull) return 0;
  int bits = t.bit_width();
  return bits >= 8 ? bits / 8 : -1;
}

}  // namespace

GroupValues::GroupValues(std::vector<DataTypePtr> key_types) : key_types_(std::move(key_types)) {
  int width = 0;
  for (const auto& t : key_types_) {
    int w = FixedBytes(*t);
    if (w < 0 || t->id() == TypeId::kDictionary) {
      width = -1;
      break;
    }
    width += 1 + w;  // null flag + value
  }
  fixed_width_ = width;
  inline_keys_ = width >= 0 && width <= 16;
  table_.assign(1024, Entry{0, 0, 0, UINT32_MAX, 0});
  mask_ = table_.size() - 1;
}

void GroupValues::EncodeRows(const std::vector<ArrayPtr>& keys, int64_t n) {
  rows_.clear();
  row_offsets_.assign(n + 1, 0);
  if (fixed_width_ >= 0) {
    rows_.assign(static_cast<size_t>(n) * fixed_width_, '\0');
    size_t col_off = 0;
    for (const auto& k : keys) {
      const Array& a = *k;
      int w = FixedBytes(*a.type());
      const uint8_t* base = nullptr;
      if (w > 0 && a.type_id() != TypeId::kBoolean) {
        base = a.data()->buffers[1]->data() + a.offset() * w;
      }
      for (int64_t i = 0; i < n; ++i) {
        char* dst = rows_.data() + i * fixed_width_ + col_off;
        if (a.IsNull(i)) continue;  // flag 0, value bytes 0
        dst[0] = 1;
        if (a.type_id() == TypeId::kBoolean) {
          dst[1] = static_cast<const BooleanArray&>(a).Value(i) ? 1 : 0;
        } else if (w > 0) {
          std::memcpy(dst + 1, base + i * w, w);
        }
      }
      col_off += 1 + w;
    }
    for (int64_t i = 0; i <= n; ++i) row_offsets_[i] = static_cast<uint32_t>(i * fixed_width_);
    return;
  }
  // Variable-width rows: per column a null flag, then a length-prefixed value.
  for (int64_t i = 0; i < n; ++i) {
    for (const auto& k : keys) {
      const Array& a = *k;
      if (a.IsNull(i)) {
        rows_.push_back('\0');
        continue;
      }
      rows_.push_back('\1');
      const DataType& t = *a.type();
      std::string_view v;
      std::string tmp;
      if (t.is_string() || t.is_binary() ||
          (t.id() == TypeId::kDictionary && (t.value_type()->is_string() || t.value_type()->is_binary()))) {
        v = GetBinaryView(a, i);
      } else if (FixedBytes(t) > 0 && t.id() != TypeId::kBoolean && t.id() != TypeId::kDictionary) {
        int w = FixedBytes(t);
        v = std::string_view(reinterpret_cast<const char*>(a.data()->buffers[1]->data()) +
                                 (a.offset() + i) * w, w);
      } else {
        tmp = FormatValue(a, i);
        v = tmp;
      }
      uint32_t len = static_cast<uint32_t>(v.size());
      rows_.append(reinterpret_cast<const char*>(&len), 4);
      rows_.append(v);
    }
    row_offsets_[i + 1] = static_cast<uint32_t>(rows_.size());
  }
}

void GroupValues::Grow() {
  std::vector<Entry> old = std::move(table_);
  table_.assign(old.size() * 2, Entry{0, 0, 0, UINT32_MAX, 0});
  mask_ = table_.size() - 1;
  for (const auto& e : old) {
    if (e.group == UINT32_MAX) continue;
    uint64_t slot = e.hash & mask_;
    while (table_[slot].group != UINT32_MAX) slot = (slot + 1) & mask_;
    table_[slot] = e;
  }
}

Status GroupValues::Intern(const std::vector<ArrayPtr>& keys, std::vector<uint32_t>* ids) {
  const int64_t n = keys.empty() ? 0 : keys[0]->length();
  ids->resize(n);
  hashes_.assign(n, 0x9E3779B97F4A7C15ULL);
  QUIVER_RETURN_NOT_OK(compute::HashColumns(keys, hashes_.data()));
  EncodeRows(keys, n);
  std::vector<int64_t> new_rows;
  // Slots are random: fetch the one a few rows ahead while this row probes.
  constexpr int64_t kPrefetchDistance = 16;
  for (int64_t i = 0; i < std::min(n, kPrefetchDistance); ++i) {
    __builtin_prefetch(&table_[hashes_[i] & mask_]);
  }
  for (int64_t i = 0; i < n; ++i) {
    if (static_cast<uint64_t>(num_groups_ + 1) * 2 > table_.size()) Grow();
    if (i + kPrefetchDistance < n) {
      __builtin_prefetch(&table_[hashes_[i + kPrefetchDistance] & mask_]);
    }
    const uint64_t h = hashes_[i];
    const char* row = rows_.data() + row_offsets_[i];
    const uint32_t len = row_offsets_[i + 1] - row_offsets_[i];
    uint64_t inline_key[2] = {0, 0};
    if (inline_keys_) std::memcpy(inline_key, row, len);
    uint64_t slot = h & mask_;
    for (;;) {
      Entry& e = table_[slot];
      if (e.group == UINT32_MAX) {
        e.hash = h;
        e.group = static_cast<uint32_t>(num_groups_++);
        if (inline_keys_) {
          e.key = inline_key[0];
          e.key2 = inline_key[1];
        } else {
          e.key = arena_.size();
          e.length = len;
          arena_.append(row, len);
        }
        (*ids)[i] = e.group;
        new_rows.push_back(i);
        break;
      }
      if (e.hash == h) {
        bool same = inline_keys_ ? e.key == inline_key[0] && e.key2 == inline_key[1]
                                 : (e.length == len && std::memcmp(arena_.data() + e.key, row, len) == 0);
        if (same) {
          (*ids)[i] = e.group;
          break;
        }
      }
      slot = (slot + 1) & mask_;
    }
  }
  if (!new_rows.empty()) {
    // Keep the key values of the new groups (gathered once per batch).
    std::vector<ArrayPtr> chunk;
    if (static_cast<int64_t>(new_rows.size()) == n) {
      chunk = keys;
    } else {
      std::vector<int64_t> idx(new_rows.begin(), new_rows.end());
      auto indices = MakeArray(ArrayData::Make(
          int64(), static_cast<int64_t>(idx.size()),
          {nullptr, *CopyBuffer(std::string_view(reinterpret_cast<const char*>(idx.data()),
                                                 idx.size() * sizeof(int64_t)))},
          0));
      for (const auto& k : keys) {
        QUIVER_ASSIGN_OR_RAISE(auto taken, compute::Take(k, *indices));
        chunk.push_back(std::move(taken));
      }
    }
    key_chunks_.push_back(std::move(chunk));
  }
  return Status::OK();
}

Result<std::vector<ArrayPtr>> GroupValues::Emit() const {
  std::vector<ArrayPtr> out;
  for (size_t c = 0; c < key_types_.size(); ++c) {
    std::vector<ArrayPtr> parts;
    for (const auto& chunk : key_chunks_) parts.push_back(chunk[c]);
    if (parts.empty()) {
      QUIVER_ASSIGN_OR_RAISE(auto b, MakeBuilder(key_types_[c]));
      QUIVER_ASSIGN_OR_RAISE(auto empty, b->Finish());
      out.push_back(std::move(empty));
    } else if (parts.size() == 1) {
      out.push_back(parts[0]);
    } else {
      QUIVER_ASSIGN_OR_RAISE(auto all, compute::Concatenate(parts));
      out.push_back(std::move(all));
    }
  }
  return out;
}

int64_t GroupValues::MemorySize() const {
  return static_cast<int64_t>(table_.size() * sizeof(Entry) + arena_.size());
}

}  // namespace quiver
