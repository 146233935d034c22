#include "quiver/datasource/parquet/assemble_flat.h"

#include <cstring>

#include "quiver/arrow/bit_util.h"
#include "quiver/datasource/parquet/encoding.h"

namespace quiver::parquet {

namespace {

Status Corrupt(const std::string& what) { return Status::IO("corrupt Parquet data: " + what); }

// Moves a vector into a Buffer that owns it.
template <typename V>
BufferPtr Wrap(V&& v) {
  auto owner = std::make_shared<std::decay_t<V>>(std::move(v));
  const auto bytes = owner->size() * sizeof(typename std::decay_t<V>::value_type);
  return std::make_shared<Buffer>(reinterpret_cast<const uint8_t*>(owner->data()),
                                  static_cast<int64_t>(bytes), owner);
}

// How the values of one Arrow type come out of the decoded physical values.
enum class Conv {
  kNone,     // not handled here
  kSame,     // same width and bits: taken over when nothing is null
  kNarrow,   // INT32 -> 8 / 16-bit integers
  kDecimal,  // INT32 / INT64 -> Decimal128 / Decimal256, sign-extended
  kBoolean,  // 0/1 bytes -> bits
  kBinary,   // BYTE_ARRAY -> Utf8 / Binary
};

struct Plan {
  Conv conv = Conv::kNone;
  int in_width = 0;   // bytes per decoded value
  int out_width = 0;  // bytes per output value (0 for bits / binary)
};

Plan PlanFor(const DataType& type, PhysicalType pt) {
  const int in = pt == PhysicalType::kByteArray || pt == PhysicalType::kFixedLenByteArray
                     ? 0
                     : DecodedValueSize(pt);
  const bool i32 = pt == PhysicalType::kInt32;
  const bool int_phys = i32 || pt == PhysicalType::kInt64;
  switch (type.id()) {
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kDate32:
    case TypeId::kTime32:
    case TypeId::kFloat32:
      if (in == 4) return {Conv::kSame, 4, 4};
      break;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kTime64:
    case TypeId::kFloat64:
      if (in == 8) return {Conv::kSame, 8, 8};
      break;
    case TypeId::kTimestamp:
      if (in == 8 && pt != PhysicalType::kInt96) return {Conv::kSame, 8, 8};
      break;
    case TypeId::kInt8:
    case TypeId::kUInt8:
      if (i32) return {Conv::kNarrow, 4, 1};
      break;
    case TypeId::kInt16:
    case TypeId::kUInt16:
      if (i32) return {Conv::kNarrow, 4, 2};
      break;
    case TypeId::kDecimal128:
      if (int_phys) return {Conv::kDecimal, in, 16};
      break;
    case TypeId::kDecimal256:
      if (int_phys) return {Conv::kDecimal, in, 32};
      break;
    case TypeId::kBoolean:
      if (pt == PhysicalType::kBoolean) return {Conv::kBoolean, 1, 0};
      break;
    case TypeId::kUtf8:
    case TypeId::kBinary:
      if (pt == PhysicalType::kByteArray) return {Conv::kBinary, 0, 0};
      break;
    default: break;
  }
  return {};
}

// Up to 64 validity bits from bit `i` (a multiple of 64) of a `len`-byte map.
inline uint64_t Word(const uint8_t* bits, int64_t len, int64_t i) {
  uint64_t w = 0;
  const int64_t at = i >> 3;
  std::memcpy(&w, bits + at, static_cast<size_t>(std::min<int64_t>(8, len - at)));
  return w;
}

// out[k] = f(value j) for slot k holding the j-th present value; slots of
// nulls stay as allocated (zero). Whole words of present slots are a
// straight loop.
template <typename F>
void Spread(const uint8_t* bits, int64_t bits_len, int64_t n, F f) {
  if (bits == nullptr) {
    for (int64_t k = 0; k < n; ++k) f(k, k);
    return;
  }
  int64_t j = 0;
  for (int64_t i = 0; i < n; i += 64) {
    const int64_t m = std::min<int64_t>(64, n - i);
    uint64_t w = Word(bits, bits_len, i);
    if (m < 64) w &= (uint64_t{1} << m) - 1;
    if (w == ~uint64_t{0}) {
      for (int64_t k = 0; k < 64; ++k) f(i + k, j + k);
      j += 64;
      continue;
    }
    while (w != 0) {
      f(i + __builtin_ctzll(w), j++);
      w &= w - 1;
    }
  }
}

template <typename T>
inline T LoadAt(const uint8_t* p, int64_t i) {
  T v;
  std::memcpy(&v, p + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return v;
}

template <typename T>
inline void StoreAt(uint8_t* p, int64_t i, T v) {
  std::memcpy(p + i * static_cast<int64_t>(sizeof(T)), &v, sizeof(T));
}

// Decimals of kWords little-endian words from integers: the value, then its
// sign in every higher word (constant word count: the loop vectorizes).
template <int kWords, typename Src>
void WidenDecimal(const uint8_t* in, const uint8_t* bits, int64_t bits_len, int64_t n,
                  uint8_t* out) {
  Spread(bits, bits_len, n, [&](int64_t k, int64_t j) {
    const int64_t v = LoadAt<Src>(in, j);
    uint64_t w[kWords];
    w[0] = static_cast<uint64_t>(v);
    for (int i = 1; i < kWords; ++i) w[i] = static_cast<uint64_t>(v >> 63);
    std::memcpy(out + k * kWords * 8, w, sizeof(w));
  });
}

// Fixed-width output values for plan `p`.
Result<BufferPtr> FixedValues(const Plan& p, LeafData* l, const uint8_t* bits, int64_t bits_len,
                              int64_t n, int64_t nulls) {
  if (p.conv == Conv::kSame && nulls == 0) return Wrap(std::move(l->fixed));
  // Every slot is written when nothing is null: no zero fill first.
  BufferPtr buf;
  uint8_t* out;
  if (nulls == 0) {
    NoInitVector<uint8_t> v(static_cast<size_t>(n * p.out_width));
    out = v.data();
    buf = Wrap(std::move(v));  // moving keeps the data where it is
  } else {
    QUIVER_ASSIGN_OR_RAISE(buf, AllocateBuffer(n * p.out_width));
    out = buf->mutable_data();
  }
  const uint8_t* in = l->fixed.data();
  switch (p.conv) {
    case Conv::kSame:
      if (p.in_width == 4) {
        Spread(bits, bits_len, n,
               [&](int64_t k, int64_t j) { StoreAt(out, k, LoadAt<uint32_t>(in, j)); });
      } else {
        Spread(bits, bits_len, n,
               [&](int64_t k, int64_t j) { StoreAt(out, k, LoadAt<uint64_t>(in, j)); });
      }
      break;
    case Conv::kNarrow:
      if (p.out_width == 1) {
        Spread(bits, bits_len, n, [&](int64_t k, int64_t j) {
          out[k] = static_cast<uint8_t>(LoadAt<uint32_t>(in, j));
        });
      } else {
        Spread(bits, bits_len, n, [&](int64_t k, int64_t j) {
          StoreAt(out, k, static_cast<uint16_t>(LoadAt<uint32_t>(in, j)));
        });
      }
      break;
    case Conv::kDecimal:
      if (p.out_width == 16) {
        p.in_width == 4 ? WidenDecimal<2, int32_t>(in, bits, bits_len, n, out)
                        : WidenDecimal<2, int64_t>(in, bits, bits_len, n, out);
      } else {
        p.in_width == 4 ? WidenDecimal<4, int32_t>(in, bits, bits_len, n, out)
                        : WidenDecimal<4, int64_t>(in, bits, bits_len, n, out);
      }
      break;
    default: return Status::Internal("not a fixed-width conversion");
  }
  return buf;
}

Result<BufferPtr> BooleanValues(const LeafData& l, const uint8_t* bits, int64_t bits_len,
                                int64_t n) {
  QUIVER_ASSIGN_OR_RAISE(BufferPtr buf, AllocateBuffer(bit_util::BytesForBits(n)));
  uint8_t* out = buf->mutable_data();
  const uint8_t* in = l.fixed.data();
  Spread(bits, bits_len, n, [&](int64_t k, int64_t j) {
    out[k >> 3] = static_cast<uint8_t>(out[k >> 3] | ((in[j] & 1) << (k & 7)));
  });
  return buf;
}

// Utf8 / Binary: offsets rebased to int32, data taken over.
Result<std::vector<BufferPtr>> BinaryValues(LeafData* l, const uint8_t* bits, int64_t bits_len,
                                            int64_t n, int64_t nulls) {
  NoInitVector<int32_t> offsets(static_cast<size_t>(n + 1));  // every entry is written
  int32_t* o = offsets.data();
  const int64_t* src = l->bin_offsets.data();
  if (nulls == 0) {
    for (int64_t i = 0; i <= n; ++i) o[i] = static_cast<int32_t>(src[i]);
  } else {
    // A null slot repeats the end of the value before it.
    int64_t v = 0;
    for (int64_t i = 0; i < n; ++i) {
      o[i] = static_cast<int32_t>(src[v]);
      v += (bits[i >> 3] >> (i & 7)) & 1;
    }
    o[n] = static_cast<int32_t>(src[v]);
  }
  (void)bits_len;
  return std::vector<BufferPtr>{Wrap(std::move(offsets)), Wrap(std::move(l->bin_data))};
}

}  // namespace

Result<ArrayDataPtr> AssembleFlatLeaf(const DataTypePtr& type, int16_t max_def, LeafData* l) {
  const Plan p = PlanFor(*type, l->type);
  if (p.conv == Conv::kNone) return ArrayDataPtr();
  const int64_t n = l->num_levels;
  if (p.conv == Conv::kBinary) {
    if (l->bin_offsets.empty() || l->bin_offsets.back() > INT32_MAX) return ArrayDataPtr();
  } else if (static_cast<int64_t>(l->fixed.size()) != l->num_values * p.in_width) {
    return ArrayDataPtr();
  }
  // Validity: kept bits, or built from the levels byte by byte.
  BufferPtr validity;
  int64_t nulls = 0;
  if (!l->valid.empty()) {
    if (static_cast<int64_t>(l->valid.size()) < bit_util::BytesForBits(n)) {
      return Corrupt("validity shorter than its levels");
    }
    nulls = l->null_count;
    if (nulls > 0) validity = Wrap(std::move(l->valid));
  } else if (!l->def.empty()) {
    if (static_cast<int64_t>(l->def.size()) < n) return Corrupt("fewer levels than slots");
    const int16_t* d = l->def.data();
    int64_t present = 0;
    for (int64_t i = 0; i < n; ++i) present += d[i] == max_def;
    nulls = n - present;
    if (nulls > 0) {
      QUIVER_ASSIGN_OR_RAISE(validity, AllocateBuffer(bit_util::BytesForBits(n)));
      uint8_t* b = validity->mutable_data();
      for (int64_t i = 0; i < n; ++i) {
        b[i >> 3] = static_cast<uint8_t>(b[i >> 3] | ((d[i] == max_def) << (i & 7)));
      }
    }
  }
  if (n - nulls != l->num_values) return Corrupt("value count differs from the levels");
  const uint8_t* bits = validity ? validity->data() : nullptr;
  const int64_t bits_len = validity ? validity->size() : 0;
  std::vector<BufferPtr> buffers = {validity};
  if (p.conv == Conv::kBinary) {
    QUIVER_ASSIGN_OR_RAISE(auto more, BinaryValues(l, bits, bits_len, n, nulls));
    buffers.insert(buffers.end(), more.begin(), more.end());
  } else if (p.conv == Conv::kBoolean) {
    QUIVER_ASSIGN_OR_RAISE(BufferPtr values, BooleanValues(*l, bits, bits_len, n));
    buffers.push_back(std::move(values));
  } else {
    QUIVER_ASSIGN_OR_RAISE(BufferPtr values, FixedValues(p, l, bits, bits_len, n, nulls));
    buffers.push_back(std::move(values));
  }
  return ArrayData::Make(type, n, std::move(buffers), nulls);
}

void ValidityToLevels(int16_t max_def, LeafData* l) {
  if (l->valid.empty()) return;
  const int64_t n = l->num_levels;
  l->def.resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    l->def[i] = bit_util::GetBit(l->valid.data(), i) ? max_def : int16_t{0};
  }
  l->valid.clear();
  l->null_count = 0;
}

}  // namespace quiver::parquet
