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

bool IsBinaryLike(const DataType& t) {
  if (t.is_string() || t.is_binary()) return true;
  return t.id() == TypeId::kDictionary &&
         (t.value_type()->is_string() || t.value_type()->is_binary());
}

// Scrambles a key so its low bits (the slot) depend on all of its bits.
inline uint64_t Mix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

// Slots are random: fetch the one this many rows ahead while a row probes.
constexpr int64_t kPrefetchDistance = 16;
constexpr int64_t kInitialSlots = 1024;
constexpr int kInlineBytes = 16;

// Writes each non-null row's null flag and W value bytes at stride apart.
template <int W>
void EncodeFixed(const Array& a, int64_t n, char* out, int stride) {
  const uint8_t* base = a.data()->buffers[1]->data() + a.offset() * W;
  const bool nulls = a.null_count() > 0;
  for (int64_t i = 0; i < n; ++i) {
    if (nulls && a.IsNull(i)) continue;  // flag 0, value bytes 0
    char* dst = out + i * stride;
    dst[0] = 1;
    std::memcpy(dst + 1, base + i * W, W);
  }
}

// Views of every row's value bytes (anything for null rows), with the type
// switch outside the row loop; `tmp` holds values that need formatting.
void CollectViews(const Array& a, int64_t n, std::vector<std::string_view>* views,
                  std::vector<std::string>* tmp) {
  views->resize(n);
  const DataType& t = *a.type();
  switch (t.id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      const auto& s = static_cast<const StringArray&>(a);
      for (int64_t i = 0; i < n; ++i) (*views)[i] = s.GetView(i);
      return;
    }
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      const auto& s = static_cast<const LargeStringArray&>(a);
      for (int64_t i = 0; i < n; ++i) (*views)[i] = s.GetView(i);
      return;
    }
    default: break;
  }
  if (IsBinaryLike(t)) {
    for (int64_t i = 0; i < n; ++i) (*views)[i] = a.IsNull(i) ? "" : GetBinaryView(a, i);
    return;
  }
  const int w = FixedBytes(t);
  if (w > 0 && t.id() != TypeId::kBoolean && t.id() != TypeId::kDictionary) {
    const char* base = a.data()->buffers[1]->data_as<char>() + a.offset() * w;
    for (int64_t i = 0; i < n; ++i) (*views)[i] = std::string_view(base + i * w, w);
    return;
  }
  tmp->assign(n, std::string());
  for (int64_t i = 0; i < n; ++i) {
    if (a.IsValid(i)) (*tmp)[i] = FormatValue(a, i);
    (*views)[i] = (*tmp)[i];
  }
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
  inline_keys_ = width >= 0 && width <= kInlineBytes;
  if (key_types_.size() == 1) {
    const DataType& t = *key_types_[0];
    const int w = FixedBytes(t);
    if (t.id() != TypeId::kBoolean && t.id() != TypeId::kDictionary &&
        (w == 1 || w == 2 || w == 4 || w == 8)) {
      single_width_ = w;
    }
  }
  if (single_width_) {
    value_slots_.assign(kInitialSlots, ValueSlot{0, 0, 0});
  } else {
    tag_slots_.assign(kInitialSlots, TagSlot{0, 0});
  }
  mask_ = kInitialSlots - 1;
}

// ---------------- one fixed-width key ----------------

void GroupValues::GrowSingle() {
  std::vector<ValueSlot> old = std::move(value_slots_);
  value_slots_.assign(old.size() * 2, ValueSlot{0, 0, 0});
  mask_ = value_slots_.size() - 1;
  for (const auto& s : old) {
    if (s.group == 0) continue;
    uint64_t slot = Mix(s.value) & mask_;
    while (value_slots_[slot].group != 0) slot = (slot + 1) & mask_;
    value_slots_[slot] = s;
  }
}

template <typename U>
void GroupValues::InternSingle(const Array& a, uint32_t* ids) {
  const int64_t n = a.length();
  const U* raw = a.data()->buffers[1]->data_as<U>() + a.offset();
  hashes_.resize(n);
  for (int64_t i = 0; i < n; ++i) hashes_[i] = Mix(static_cast<uint64_t>(raw[i]));
  const bool nulls = a.null_count() > 0;
  for (int64_t i = 0; i < std::min(n, kPrefetchDistance); ++i) {
    __builtin_prefetch(&value_slots_[hashes_[i] & mask_]);
  }
  for (int64_t i = 0; i < n; ++i) {
    if (i + kPrefetchDistance < n) {
      __builtin_prefetch(&value_slots_[hashes_[i + kPrefetchDistance] & mask_]);
    }
    if (nulls && a.IsNull(i)) {
      if (null_group_ < 0) {
        null_group_ = num_groups_++;
        new_rows_.push_back(i);
      }
      ids[i] = static_cast<uint32_t>(null_group_);
      continue;
    }
    const uint64_t v = static_cast<uint64_t>(raw[i]);
    uint64_t slot = hashes_[i] & mask_;
    for (;;) {
      ValueSlot& s = value_slots_[slot];
      if (s.group == 0) {
        if (static_cast<uint64_t>(num_groups_ + 1) * 2 > value_slots_.size()) {
          GrowSingle();
          slot = hashes_[i] & mask_;
          continue;
        }
        s.value = v;
        s.group = static_cast<uint32_t>(++num_groups_);
        ids[i] = s.group - 1;
        new_rows_.push_back(i);
        break;
      }
      if (s.value == v) {
        ids[i] = s.group - 1;
        break;
      }
      slot = (slot + 1) & mask_;
    }
  }
}

// ---------------- general keys ----------------

void GroupValues::EncodeRows(const std::vector<ArrayPtr>& keys, int64_t n) {
  if (fixed_width_ >= 0) {
    // Inline keys are padded to 16 bytes so a row loads as two words.
    const int stride = inline_keys_ ? kInlineBytes : fixed_width_;
    rows_.assign(static_cast<size_t>(n) * stride, '\0');
    size_t col_off = 0;
    for (const auto& k : keys) {
      const Array& a = *k;
      const int w = FixedBytes(*a.type());
      char* out = rows_.data() + col_off;
      if (a.type_id() == TypeId::kBoolean) {
        const auto& b = static_cast<const BooleanArray&>(a);
        for (int64_t i = 0; i < n; ++i) {
          if (a.IsNull(i)) continue;
          out[i * stride] = 1;
          out[i * stride + 1] = b.Value(i) ? 1 : 0;
        }
      } else {
        switch (w) {
          case 0: break;  // the Null type: every flag stays 0
          case 1: EncodeFixed<1>(a, n, out, stride); break;
          case 2: EncodeFixed<2>(a, n, out, stride); break;
          case 4: EncodeFixed<4>(a, n, out, stride); break;
          case 8: EncodeFixed<8>(a, n, out, stride); break;
          case 16: EncodeFixed<16>(a, n, out, stride); break;
          default: {
            const uint8_t* base = a.data()->buffers[1]->data() + a.offset() * w;
            for (int64_t i = 0; i < n; ++i) {
              if (a.IsNull(i)) continue;
              out[i * stride] = 1;
              std::memcpy(out + i * stride + 1, base + i * w, w);
            }
          }
        }
      }
      col_off += 1 + w;
    }
    return;
  }
  // Variable-width rows: per column a null flag, then a length-prefixed
  // value. Built column by column: sizes first, then the bytes.
  const size_t ncols = keys.size();
  std::vector<std::vector<std::string_view>> views(ncols);
  std::vector<std::string> tmp;
  std::vector<std::vector<std::string>> formatted(ncols);
  row_offsets_.assign(n + 1, 0);
  for (size_t c = 0; c < ncols; ++c) {
    const Array& a = *keys[c];
    CollectViews(a, n, &views[c], &formatted[c]);
    const bool nulls = a.null_count() > 0;
    for (int64_t i = 0; i < n; ++i) {
      row_offsets_[i + 1] +=
          (nulls && a.IsNull(i)) ? 1 : static_cast<uint32_t>(1 + 4 + views[c][i].size());
    }
  }
  for (int64_t i = 0; i < n; ++i) row_offsets_[i + 1] += row_offsets_[i];
  rows_.resize(row_offsets_[n]);
  std::vector<uint32_t> cursor(row_offsets_.begin(), row_offsets_.end() - 1);
  for (size_t c = 0; c < ncols; ++c) {
    const Array& a = *keys[c];
    const bool nulls = a.null_count() > 0;
    for (int64_t i = 0; i < n; ++i) {
      char* dst = rows_.data() + cursor[i];
      if (nulls && a.IsNull(i)) {
        dst[0] = '\0';
        cursor[i] += 1;
        continue;
      }
      const std::string_view v = views[c][i];
      const uint32_t len = static_cast<uint32_t>(v.size());
      dst[0] = '\1';
      std::memcpy(dst + 1, &len, 4);
      if (len) std::memcpy(dst + 5, v.data(), len);
      cursor[i] += 5 + len;
    }
  }
}

void GroupValues::GrowGeneral() {
  tag_slots_.assign(tag_slots_.size() * 2, TagSlot{0, 0});
  mask_ = tag_slots_.size() - 1;
  for (int64_t g = 0; g < num_groups_; ++g) {
    const uint64_t h = group_hashes_[g];
    uint64_t slot = h & mask_;
    while (tag_slots_[slot].group != 0) slot = (slot + 1) & mask_;
    tag_slots_[slot] = TagSlot{static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(g + 1)};
  }
}

void GroupValues::InternGeneral(const std::vector<ArrayPtr>& keys, int64_t n, uint32_t* ids) {
  EncodeRows(keys, n);
  for (int64_t i = 0; i < std::min(n, kPrefetchDistance); ++i) {
    __builtin_prefetch(&tag_slots_[hashes_[i] & mask_]);
  }
  for (int64_t i = 0; i < n; ++i) {
    if (i + kPrefetchDistance < n) {
      __builtin_prefetch(&tag_slots_[hashes_[i + kPrefetchDistance] & mask_]);
    }
    const uint64_t h = hashes_[i];
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    const char* row;
    uint32_t len;
    uint64_t w0 = 0, w1 = 0;
    if (inline_keys_) {
      row = rows_.data() + i * kInlineBytes;
      len = kInlineBytes;
      std::memcpy(&w0, row, 8);
      std::memcpy(&w1, row + 8, 8);
    } else if (fixed_width_ >= 0) {
      row = rows_.data() + i * fixed_width_;
      len = static_cast<uint32_t>(fixed_width_);
    } else {
      row = rows_.data() + row_offsets_[i];
      len = row_offsets_[i + 1] - row_offsets_[i];
    }
    uint64_t slot = h & mask_;
    for (;;) {
      TagSlot& s = tag_slots_[slot];
      if (s.group == 0) {
        if (static_cast<uint64_t>(num_groups_ + 1) * 2 > tag_slots_.size()) {
          GrowGeneral();
          slot = h & mask_;
          continue;
        }
        const int64_t g = num_groups_++;
        s.tag = tag;
        s.group = static_cast<uint32_t>(g + 1);
        group_hashes_.push_back(h);
        if (inline_keys_) {
          group_words_.push_back(w0);
          group_words_.push_back(w1);
        } else {
          group_offsets_.push_back(arena_.size());
          group_offsets_.push_back(len);
          arena_.append(row, len);
        }
        ids[i] = static_cast<uint32_t>(g);
        new_rows_.push_back(i);
        break;
      }
      if (s.tag == tag) {
        const uint32_t g = s.group - 1;
        const bool same =
            inline_keys_ ? group_words_[2 * g] == w0 && group_words_[2 * g + 1] == w1
                         : group_offsets_[2 * g + 1] == len &&
                               std::memcmp(arena_.data() + group_offsets_[2 * g], row, len) == 0;
        if (same) {
          ids[i] = g;
          break;
        }
      }
      slot = (slot + 1) & mask_;
    }
  }
}

// ---------------- both ----------------

Status GroupValues::Intern(const std::vector<ArrayPtr>& keys, std::vector<uint32_t>* ids) {
  const int64_t n = keys.empty() ? 0 : keys[0]->length();
  ids->resize(n);
  new_rows_.clear();
  if (single_width_ && n > 0) {
    const Array& a = *keys[0];
    if (a.type_id() == TypeId::kDictionary || a.type_id() == TypeId::kBoolean ||
        FixedBytes(*a.type()) != single_width_) {
      return Status::Internal("GroupValues: key column of type " + a.type()->ToString() +
                              ", expected " + key_types_[0]->ToString());
    }
    switch (single_width_) {
      case 1: InternSingle<uint8_t>(a, ids->data()); break;
      case 2: InternSingle<uint16_t>(a, ids->data()); break;
      case 4: InternSingle<uint32_t>(a, ids->data()); break;
      default: InternSingle<uint64_t>(a, ids->data()); break;
    }
  } else if (!single_width_) {
    hashes_.assign(n, 0x9E3779B97F4A7C15ULL);
    QUIVER_RETURN_NOT_OK(compute::HashColumns(keys, hashes_.data()));
    InternGeneral(keys, n, ids->data());
  }
  if (!new_rows_.empty()) {
    // Keep the key values of the new groups (gathered once per batch).
    std::vector<ArrayPtr> chunk;
    if (static_cast<int64_t>(new_rows_.size()) == n) {
      chunk = keys;
    } else {
      auto indices = MakeArray(ArrayData::Make(
          int64(), static_cast<int64_t>(new_rows_.size()),
          {nullptr, *CopyBuffer(std::string_view(reinterpret_cast<const char*>(new_rows_.data()),
                                                 new_rows_.size() * sizeof(int64_t)))},
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
  return static_cast<int64_t>(
      value_slots_.size() * sizeof(ValueSlot) + tag_slots_.size() * sizeof(TagSlot) +
      (group_hashes_.size() + group_words_.size() + group_offsets_.size()) * sizeof(uint64_t) +
      arena_.size());
}

}  // namespace quiver
