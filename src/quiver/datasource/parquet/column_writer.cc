#include "quiver/datasource/parquet/column_writer.h"

#include <cmath>
#include <cstring>

#include "quiver/arrow/array.h"
#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/arrow/decimal.h"
#include "quiver/datasource/parquet/bloom_filter.h"
#include "quiver/datasource/parquet/codec.h"
#include "quiver/datasource/parquet/encoding.h"
#include "quiver/datasource/parquet/rle.h"

namespace quiver::parquet {

namespace {

template <typename T>
const T* Values(const ArrayData& a, int buffer = 1) {
  return a.buffers[buffer]->data_as<T>();
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Big-endian two's complement of `nwords` little-endian words, last `len` bytes.
void WordsToBigEndian(const uint64_t* w, int nwords, int len, uint8_t* out) {
  uint8_t le[32];
  std::memcpy(le, w, nwords * 8);
  for (int i = 0; i < len; ++i) out[i] = le[len - 1 - i];
}

// ---------------------------------------------------------------- hashing

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 33);
}

uint64_t HashBytes(const uint8_t* p, uint32_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = Mix(h ^ v);
    p += 8;
    n -= 8;
  }
  uint64_t v = 0;
  if (n) std::memcpy(&v, p, n);
  return Mix(h ^ v ^ (uint64_t{n} << 56));
}

// Open-addressing map from a value (by position) to its dictionary index.
class DictBuilder {
 public:
  explicit DictBuilder(int64_t expected) {
    int64_t cap = 1024;
    while (cap < expected * 2 && cap < (int64_t{1} << 26)) cap <<= 1;
    slots_.assign(cap, -1);
  }
  // Returns the index of the value `pos` (equality via `eq`), inserting it.
  template <typename Eq>
  uint32_t Insert(uint64_t hash, int64_t pos, Eq eq) {
    if ((static_cast<int64_t>(values_.size()) + 1) * 2 > static_cast<int64_t>(slots_.size())) {
      Grow();
    }
    size_t mask = slots_.size() - 1;
    size_t s = hash & mask;
    while (true) {
      int32_t v = slots_[s];
      if (v < 0) {
        slots_[s] = static_cast<int32_t>(values_.size());
        values_.push_back(pos);
        hashes_.push_back(hash);
        return static_cast<uint32_t>(values_.size() - 1);
      }
      if (hashes_[v] == hash && eq(values_[v], pos)) return static_cast<uint32_t>(v);
      s = (s + 1) & mask;
    }
  }
  const std::vector<int64_t>& values() const { return values_; }

 private:
  void Grow() {
    std::vector<int32_t> next(slots_.size() * 2, -1);
    size_t mask = next.size() - 1;
    for (size_t v = 0; v < values_.size(); ++v) {
      size_t s = hashes_[v] & mask;
      while (next[s] >= 0) s = (s + 1) & mask;
      next[s] = static_cast<int32_t>(v);
    }
    slots_ = std::move(next);
  }
  std::vector<int32_t> slots_;
  std::vector<int64_t> values_;  // positions of the first occurrences
  std::vector<uint64_t> hashes_;
};

// ---------------------------------------------------------------- statistics

struct MinMax {
  int64_t min = -1, max = -1;  // value positions; -1 when none
};

int CompareBytes(const ByteArray& a, const ByteArray& b, bool sign) {
  if (sign) {
    // Big-endian two's complement of equal width: flip the sign bit.
    if (a.len && b.len) {
      uint8_t x = a.ptr[0] ^ 0x80, y = b.ptr[0] ^ 0x80;
      if (x != y) return x < y ? -1 : 1;
    }
    int c = a.len > 1 ? std::memcmp(a.ptr + 1, b.ptr + 1, a.len - 1) : 0;
    return c;
  }
  uint32_t n = std::min(a.len, b.len);
  int c = n ? std::memcmp(a.ptr, b.ptr, n) : 0;
  if (c != 0) return c;
  return a.len < b.len ? -1 : (a.len > b.len ? 1 : 0);
}

template <typename T>
MinMax MinMaxOf(const T* v, int64_t b, int64_t e) {
  MinMax m;
  for (int64_t i = b; i < e; ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(v[i])) continue;
    }
    if (m.min < 0 || v[i] < v[m.min]) m.min = i;
    if (m.max < 0 || v[i] > v[m.max]) m.max = i;
  }
  return m;
}

class StatsComputer {
 public:
  StatsComputer(const LeafSpec& spec, const std::vector<uint8_t>& fixed,
                const std::vector<ByteArray>& views)
      : spec_(spec), fixed_(fixed), views_(views) {}

  // Min and max of values [b, e) as encoded statistics bytes; false when
  // there is nothing to report (no values, all NaN, no defined order).
  bool Compute(int64_t b, int64_t e, std::string* min, std::string* max) const {
    MinMax m;
    const uint8_t* f = fixed_.data();
    switch (spec_.order) {
      case StatOrder::kNone: return false;
      case StatOrder::kSigned:
        if (spec_.type == PhysicalType::kInt32) {
          m = MinMaxOf(reinterpret_cast<const int32_t*>(f), b, e);
        } else if (spec_.type == PhysicalType::kInt64) {
          m = MinMaxOf(reinterpret_cast<const int64_t*>(f), b, e);
        } else if (spec_.type == PhysicalType::kBoolean) {
          m = MinMaxOf(f, b, e);
        } else {
          return false;
        }
        break;
      case StatOrder::kUnsigned:
        if (spec_.type == PhysicalType::kInt32) {
          m = MinMaxOf(reinterpret_cast<const uint32_t*>(f), b, e);
        } else {
          m = MinMaxOf(reinterpret_cast<const uint64_t*>(f), b, e);
        }
        break;
      case StatOrder::kFloat:
        if (spec_.type == PhysicalType::kFloat) {
          m = MinMaxOf(reinterpret_cast<const float*>(f), b, e);
        } else {
          m = MinMaxOf(reinterpret_cast<const double*>(f), b, e);
        }
        break;
      case StatOrder::kBytes:
      case StatOrder::kSignedBytes: {
        const bool sign = spec_.order == StatOrder::kSignedBytes;
        for (int64_t i = b; i < e; ++i) {
          if (m.min < 0 || CompareBytes(views_[i], views_[m.min], sign) < 0) m.min = i;
          if (m.max < 0 || CompareBytes(views_[i], views_[m.max], sign) > 0) m.max = i;
        }
        break;
      }
    }
    if (m.min < 0) return false;
    *min = Encode(m.min);
    *max = Encode(m.max);
    if (spec_.order == StatOrder::kFloat) FixZeros(min, max);
    return true;
  }

 private:
  std::string Encode(int64_t i) const {
    if (spec_.type == PhysicalType::kByteArray || spec_.type == PhysicalType::kFixedLenByteArray) {
      return std::string(reinterpret_cast<const char*>(views_[i].ptr), views_[i].len);
    }
    int w = DecodedValueSize(spec_.type);
    return std::string(reinterpret_cast<const char*>(fixed_.data() + i * w), w);
  }
  // The specification asks for -0.0 as a zero minimum and +0.0 as a zero maximum.
  void FixZeros(std::string* min, std::string* max) const {
    if (spec_.type == PhysicalType::kFloat) {
      float a, b;
      std::memcpy(&a, min->data(), 4);
      std::memcpy(&b, max->data(), 4);
      if (a == 0) a = -0.0f;
      if (b == 0) b = 0.0f;
      std::memcpy(min->data(), &a, 4);
      std::memcpy(max->data(), &b, 4);
    } else {
      double a, b;
      std::memcpy(&a, min->data(), 8);
      std::memcpy(&b, max->data(), 8);
      if (a == 0) a = -0.0;
      if (b == 0) b = 0.0;
      std::memcpy(min->data(), &a, 8);
      std::memcpy(max->data(), &b, 8);
    }
  }

  const LeafSpec& spec_;
  const std::vector<uint8_t>& fixed_;
  const std::vector<ByteArray>& views_;
};

void AppendLevels(const int16_t* levels, int64_t n, int16_t max_level, std::string* out) {
  std::vector<uint32_t> v(levels, levels + n);
  size_t at = out->size();
  out->append(4, '\0');
  EncodeRleBitPacked(v.data(), n, BitWidth(static_cast<uint64_t>(max_level)), out);
  uint32_t len = static_cast<uint32_t>(out->size() - at - 4);
  std::memcpy(out->data() + at, &len, 4);
}

}  // namespace

// ---------------------------------------------------------------- appending

Result<ArrayPtr> PlainArray(const ArrayPtr& a) {
  ArrayPtr out = a;
  if (out->type()->id() == TypeId::kDictionary) {
    // Take keeps nulls of both the indices and the dictionary values.
    const auto& d = static_cast<const DictionaryArray&>(*out);
    ArrayPtr idx = d.indices();
    if (idx->type()->id() != TypeId::kInt32 && idx->type()->id() != TypeId::kInt64) {
      QUIVER_ASSIGN_OR_RAISE(idx, compute::Cast(idx, int32()));
    }
    ArrayPtr dict = d.dictionary();
    QUIVER_ASSIGN_OR_RAISE(out, compute::Take(dict, *idx));
    if (dict->null_count() > 0) {
      // Null dictionary values make their rows null too.
      const int64_t n = out->length();
      QUIVER_ASSIGN_OR_RAISE(BufferPtr bits, AllocateBuffer(bit_util::BytesForBits(n)));
      const Array& ia = *idx;
      int64_t nulls = 0;
      for (int64_t i = 0; i < n; ++i) {
        bool ok = ia.IsValid(i);
        if (ok) {
          int64_t k = idx->type()->id() == TypeId::kInt64
                          ? static_cast<const Int64Array&>(ia).Value(i)
                          : static_cast<const Int32Array&>(ia).Value(i);
          ok = dict->IsValid(k);
        }
        if (ok)
          bit_util::SetBit(bits->mutable_data(), i);
        else
          ++nulls;
      }
      auto data = std::make_shared<ArrayData>(*out->data());
      if (data->offset != 0) return Status::Internal("unexpected offset from take");
      data->buffers[0] = bits;
      data->null_count = nulls;
      out = MakeArray(data);
    }
  }
  switch (out->type()->id()) {
    case TypeId::kDictionary: return PlainArray(out);
    case TypeId::kUtf8View: return compute::Cast(out, utf8());
    case TypeId::kBinaryView: return compute::Cast(out, binary());
    default: return out;
  }
}

Status ColumnChunkBuilder::AppendValues(const ArrayData& a, const int64_t* idx, int64_t n) {
  if (a.type->id() == TypeId::kDictionary || a.type->id() == TypeId::kUtf8View ||
      a.type->id() == TypeId::kBinaryView) {
    // Nested dictionaries and views: decode the whole array once.
    QUIVER_ASSIGN_OR_RAISE(ArrayPtr plain, PlainArray(MakeArray(std::make_shared<ArrayData>(a))));
    return AppendValues(*plain->data(), idx, n);
  }
  const DataType& t = *a.type;
  const int64_t off = a.offset;
  auto fixed_out = [&](auto tag, auto convert) {
    using P = decltype(tag);
    size_t at = fixed_.size();
    fixed_.resize(at + n * sizeof(P));
    P* out = reinterpret_cast<P*>(fixed_.data() + at);
    for (int64_t k = 0; k < n; ++k) out[k] = convert(off + idx[k]);
  };
  auto bin_out = [&](auto get) {
    for (int64_t k = 0; k < n; ++k) {
      auto [p, len] = get(off + idx[k]);
      bin_data_.append(reinterpret_cast<const char*>(p), len);
      bin_offsets_.push_back(static_cast<int64_t>(bin_data_.size()));
    }
  };
  switch (t.id()) {
    case TypeId::kBoolean: {
      const uint8_t* bits = a.buffers[1]->data();
      fixed_out(uint8_t{}, [&](int64_t p) { return uint8_t(bit_util::GetBit(bits, p)); });
      return Status::OK();
    }
#define QUIVER_INT32_CASE(ID, T)                                                 \
  case TypeId::ID: {                                                             \
    const T* v = Values<T>(a);                                                   \
    fixed_out(int32_t{}, [&](int64_t p) { return static_cast<int32_t>(v[p]); }); \
    return Status::OK();                                                         \
  }
      QUIVER_INT32_CASE(kInt8, int8_t)
      QUIVER_INT32_CASE(kInt16, int16_t)
      QUIVER_INT32_CASE(kInt32, int32_t)
      QUIVER_INT32_CASE(kUInt8, uint8_t)
      QUIVER_INT32_CASE(kUInt16, uint16_t)
      QUIVER_INT32_CASE(kUInt32, uint32_t)
      QUIVER_INT32_CASE(kDate32, int32_t)
#undef QUIVER_INT32_CASE
    case TypeId::kTime32: {
      const int32_t* v = Values<int32_t>(a);
      const int32_t mul = t.unit() == quiver::TimeUnit::kSecond ? 1000 : 1;
      fixed_out(int32_t{}, [&](int64_t p) { return v[p] * mul; });
      return Status::OK();
    }
    case TypeId::kDate64: {
      const int64_t* v = Values<int64_t>(a);
      fixed_out(int32_t{}, [&](int64_t p) { return int32_t(FloorDiv(v[p], 86400000)); });
      return Status::OK();
    }
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kTime64:
    case TypeId::kDuration:
    case TypeId::kTimestamp: {
      const int64_t* v = Values<int64_t>(a);
      const int64_t mul =
          (t.id() == TypeId::kTimestamp && t.unit() == quiver::TimeUnit::kSecond) ? 1000 : 1;
      fixed_out(int64_t{}, [&](int64_t p) { return v[p] * mul; });
      return Status::OK();
    }
    case TypeId::kFloat32: {
      const float* v = Values<float>(a);
      fixed_out(float{}, [&](int64_t p) { return v[p]; });
      return Status::OK();
    }
    case TypeId::kFloat64: {
      const double* v = Values<double>(a);
      fixed_out(double{}, [&](int64_t p) { return v[p]; });
      return Status::OK();
    }
    case TypeId::kFloat16: {
      const uint8_t* v = a.buffers[1]->data();
      bin_out([&](int64_t p) { return std::pair(v + p * 2, size_t{2}); });
      return Status::OK();
    }
    case TypeId::kFixedSizeBinary: {
      const uint8_t* v = a.buffers[1]->data();
      const size_t w = t.byte_width();
      bin_out([&](int64_t p) { return std::pair(v + p * w, w); });
      return Status::OK();
    }
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      const int32_t* o = Values<int32_t>(a);
      const uint8_t* d = a.buffers[2] ? a.buffers[2]->data() : nullptr;
      bin_out([&](int64_t p) { return std::pair(d + o[p], size_t(o[p + 1] - o[p])); });
      return Status::OK();
    }
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      const int64_t* o = Values<int64_t>(a);
      const uint8_t* d = a.buffers[2] ? a.buffers[2]->data() : nullptr;
      bin_out([&](int64_t p) { return std::pair(d + o[p], size_t(o[p + 1] - o[p])); });
      return Status::OK();
    }
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: {
      const int nwords = t.id() == TypeId::kDecimal128 ? 2 : 4;
      const uint64_t* w = Values<uint64_t>(a);
      if (spec_.type == PhysicalType::kInt32) {
        fixed_out(int32_t{}, [&](int64_t p) { return static_cast<int32_t>(w[p * nwords]); });
      } else if (spec_.type == PhysicalType::kInt64) {
        fixed_out(int64_t{}, [&](int64_t p) { return static_cast<int64_t>(w[p * nwords]); });
      } else {
        const int len = spec_.type_length;
        uint8_t buf[32];
        bin_out([&](int64_t p) {
          WordsToBigEndian(w + p * nwords, nwords, len, buf);
          return std::pair(static_cast<const uint8_t*>(buf), size_t(len));
        });
      }
      return Status::OK();
    }
    case TypeId::kInterval: {
      if (t.interval_unit() != IntervalUnit::kMonthDayNano) break;
      const uint8_t* v = a.buffers[1]->data();
      uint8_t buf[12];
      for (int64_t k = 0; k < n; ++k) {
        IntervalMonthDayNano x;
        std::memcpy(&x, v + (off + idx[k]) * 16, 16);
        if (x.nanoseconds % 1000000 != 0 || x.months < 0 || x.days < 0 || x.nanoseconds < 0) {
          return Status::NotImplemented(
              "writing Parquet INTERVAL: only non-negative whole-millisecond intervals fit");
        }
        uint32_t m = x.months, d = x.days, ms = static_cast<uint32_t>(x.nanoseconds / 1000000);
        std::memcpy(buf, &m, 4);
        std::memcpy(buf + 4, &d, 4);
        std::memcpy(buf + 8, &ms, 4);
        bin_data_.append(reinterpret_cast<const char*>(buf), 12);
        bin_offsets_.push_back(static_cast<int64_t>(bin_data_.size()));
      }
      return Status::OK();
    }
    case TypeId::kNull: return Status::OK();
    default: break;
  }
  return Status::NotImplemented("writing Arrow " + t.ToString() + " to Parquet");
}

Status ColumnChunkBuilder::Append(const int16_t* def, const int16_t* rep, int64_t num_levels,
                                  const ArrayData& values, const int64_t* idx, int64_t n) {
  if (spec_.max_def > 0) def_.insert(def_.end(), def, def + num_levels);
  if (spec_.max_rep > 0) rep_.insert(rep_.end(), rep, rep + num_levels);
  num_levels_ += num_levels;
  if (n == 0) return Status::OK();
  return AppendValues(values, idx, n);
}

Status ColumnChunkBuilder::AppendFlat(const ArrayData& a) {
  std::vector<int64_t> idx;
  idx.reserve(a.length);
  const uint8_t* valid = a.buffers.empty() || !a.buffers[0] ? nullptr : a.buffers[0]->data();
  if (a.type->id() == TypeId::kNull) valid = nullptr;
  const bool all_null = a.type->id() == TypeId::kNull;
  if (spec_.max_def > 0) {
    size_t at = def_.size();
    def_.resize(at + a.length);
    for (int64_t i = 0; i < a.length; ++i) {
      bool ok = !all_null && (!valid || bit_util::GetBit(valid, a.offset + i));
      def_[at + i] = ok ? 1 : 0;
      if (ok) idx.push_back(i);
    }
  } else {
    for (int64_t i = 0; i < a.length; ++i) idx.push_back(i);
  }
  num_levels_ += a.length;
  return AppendValues(a, idx.data(), static_cast<int64_t>(idx.size()));
}

// ---------------------------------------------------------------- encoding

Result<EncodedChunk> ColumnChunkBuilder::Finish() {
  EncodedChunk out;
  out.dictionary_size = 0;
  const PhysicalType pt = spec_.type;
  const bool binary = pt == PhysicalType::kByteArray || pt == PhysicalType::kFixedLenByteArray;
  const int width = binary ? 0 : DecodedValueSize(pt);
  const int64_t nvalues =
      binary ? static_cast<int64_t>(bin_offsets_.size()) - 1 : fixed_.size() / std::max(width, 1);
  std::vector<ByteArray> views;
  if (binary) {
    views.resize(nvalues);
    const auto* base = reinterpret_cast<const uint8_t*>(bin_data_.data());
    for (int64_t i = 0; i < nvalues; ++i) {
      views[i] = {base + bin_offsets_[i],
                  static_cast<uint32_t>(bin_offsets_[i + 1] - bin_offsets_[i])};
    }
  }

  // Dictionary, given up once it outgrows its limit.
  std::vector<uint32_t> indices;
  std::vector<int64_t> dict_values;
  bool use_dict = options_.dictionary && pt != PhysicalType::kBoolean && nvalues > 0;
  if (use_dict) {
    DictBuilder dict(std::min<int64_t>(nvalues, 1 << 16));
    indices.resize(nvalues);
    int64_t dict_bytes = 0;
    if (binary) {
      auto eq = [&](int64_t x, int64_t y) {
        return views[x].len == views[y].len &&
               (views[x].len == 0 || std::memcmp(views[x].ptr, views[y].ptr, views[x].len) == 0);
      };
      for (int64_t i = 0; i < nvalues && use_dict; ++i) {
        size_t before = dict.values().size();
        indices[i] = dict.Insert(HashBytes(views[i].ptr, views[i].len), i, eq);
        if (dict.values().size() != before) {
          dict_bytes += views[i].len + (pt == PhysicalType::kByteArray ? 4 : 0);
          use_dict = dict_bytes <= options_.dictionary_size_limit;
        }
      }
    } else {
      const uint8_t* f = fixed_.data();
      auto key = [&](int64_t i) {
        uint64_t k = 0;
        std::memcpy(&k, f + i * width, width);
        return k;
      };
      auto eq = [&](int64_t x, int64_t y) { return key(x) == key(y); };
      for (int64_t i = 0; i < nvalues && use_dict; ++i) {
        size_t before = dict.values().size();
        indices[i] = dict.Insert(Mix(key(i)), i, eq);
        if (dict.values().size() != before) {
          dict_bytes += width;
          use_dict = dict_bytes <= options_.dictionary_size_limit;
        }
      }
    }
    if (use_dict)
      dict_values = dict.values();
    else
      indices.clear();
  }

  ColumnMetaData& md = out.meta;
  md.type = pt;
  md.path_in_schema = spec_.path;
  md.codec = options_.codec;
  md.num_values = num_levels_;
  int64_t uncompressed_total = 0;

  auto emit_page = [&](PageHeader h, const std::string& body) -> Status {
    h.uncompressed_page_size = static_cast<int32_t>(body.size());
    std::string compressed;
    const std::string* payload = &body;
    if (options_.codec != Compression::kUncompressed) {
      QUIVER_ASSIGN_OR_RAISE(
          compressed, Compress(options_.codec, reinterpret_cast<const uint8_t*>(body.data()),
                               static_cast<int64_t>(body.size()), options_.compression_level));
      payload = &compressed;
    }
    if (payload->size() > INT32_MAX) return Status::ResourcesExhausted("Parquet page over 2 GB");
    h.compressed_page_size = static_cast<int32_t>(payload->size());
    std::string header = EncodePageHeader(h);
    uncompressed_total += static_cast<int64_t>(header.size() + body.size());
    out.bytes += header;
    out.bytes += *payload;
    return Status::OK();
  };

  std::vector<Encoding> encodings = {Encoding::kRle};
  const bool use_delta = !use_dict &&
                         options_.fallback_encoding == Encoding::kDeltaBinaryPacked &&
                         (pt == PhysicalType::kInt32 || pt == PhysicalType::kInt64);
  std::vector<int64_t> delta_values;
  if (use_dict) {
    std::string body;
    const int64_t nd = static_cast<int64_t>(dict_values.size());
    if (binary) {
      std::vector<ByteArray> dv(nd);
      for (int64_t i = 0; i < nd; ++i) dv[i] = views[dict_values[i]];
      EncodePlain(pt, spec_.type_length, dv.data(), nd, &body);
    } else {
      std::string raw(nd * width, '\0');
      for (int64_t i = 0; i < nd; ++i) {
        std::memcpy(raw.data() + i * width, fixed_.data() + dict_values[i] * width, width);
      }
      EncodePlain(pt, spec_.type_length, raw.data(), nd, &body);
    }
    PageHeader h;
    h.type = PageType::kDictionaryPage;
    h.dictionary_page_header = DictionaryPageHeader{static_cast<int32_t>(nd), Encoding::kPlain, {}};
    QUIVER_RETURN_NOT_OK(emit_page(h, body));
    out.dictionary_size = static_cast<int64_t>(out.bytes.size());
    md.dictionary_page_offset = 0;
    encodings.push_back(Encoding::kPlain);
    encodings.push_back(Encoding::kRleDictionary);
  } else {
    encodings.push_back(use_delta ? Encoding::kDeltaBinaryPacked : Encoding::kPlain);
  }
  md.encodings = encodings;
  md.data_page_offset = out.dictionary_size;

  // Pages start at row boundaries (rep == 0) so the offset index can name rows.
  const int bw = use_dict ? BitWidth(dict_values.empty() ? 0 : dict_values.size() - 1) : 0;
  auto value_bytes = [&](int64_t v) -> double {
    if (use_dict) return bw / 8.0 + 0.01;
    if (binary) return 4.0 + views[v].len;
    return pt == PhysicalType::kBoolean ? 0.125 : width;
  };
  StatsComputer stats(spec_, fixed_, views);
  ColumnIndex ci;
  bool index_ok = options_.statistics && spec_.order != StatOrder::kNone;
  int64_t total_nulls = 0;
  int64_t level = 0, value = 0, row = 0;
  const bool has_def = spec_.max_def > 0, has_rep = spec_.max_rep > 0;
  while (level < num_levels_) {
    const int64_t lb = level, vb = value, first_row = row;
    double bytes = 0;
    int64_t rows = 0;
    while (level < num_levels_) {
      const bool row_start = !has_rep || rep_[level] == 0;
      if (row_start) {
        if (level > lb && (rows >= options_.page_row_limit || bytes >= options_.page_size)) break;
        ++rows;
      }
      if (!has_def || def_[level] == spec_.max_def) bytes += value_bytes(value++);
      bytes += has_def ? 0.25 : 0;
      ++level;
    }
    row += rows;
    const int64_t nlev = level - lb, nval = value - vb;
    std::string body;
    if (has_rep) AppendLevels(rep_.data() + lb, nlev, spec_.max_rep, &body);
    if (has_def) AppendLevels(def_.data() + lb, nlev, spec_.max_def, &body);
    if (use_dict) {
      EncodeDictionaryIndices(indices.data() + vb, nval, static_cast<int64_t>(dict_values.size()),
                              &body);
    } else if (binary) {
      EncodePlain(pt, spec_.type_length, views.data() + vb, nval, &body);
    } else if (use_delta) {
      delta_values.resize(nval);
      for (int64_t i = 0; i < nval; ++i) {
        if (pt == PhysicalType::kInt32) {
          int32_t v;
          std::memcpy(&v, fixed_.data() + (vb + i) * width, 4);
          delta_values[i] = v;
        } else {
          std::memcpy(&delta_values[i], fixed_.data() + (vb + i) * width, 8);
        }
      }
      EncodeDeltaBinaryPacked(delta_values.data(), nval, &body);
    } else {
      EncodePlain(pt, spec_.type_length, fixed_.data() + vb * width, nval, &body);
    }
    PageHeader h;
    h.type = PageType::kDataPage;
    DataPageHeader dh;
    dh.num_values = static_cast<int32_t>(nlev);
    dh.encoding = use_dict    ? Encoding::kRleDictionary
                  : use_delta ? Encoding::kDeltaBinaryPacked
                              : Encoding::kPlain;
    h.data_page_header = dh;
    const int64_t page_offset = static_cast<int64_t>(out.bytes.size());
    QUIVER_RETURN_NOT_OK(emit_page(h, body));
    out.pages.push_back(
        {page_offset, static_cast<int32_t>(out.bytes.size() - page_offset), first_row});
    // Page index entry.
    const int64_t nulls = nlev - nval;  // levels without a leaf value (null or empty)
    total_nulls += nulls;
    std::string mn, mx;
    bool has = options_.statistics && stats.Compute(vb, value, &mn, &mx);
    ci.null_pages.push_back(nval == 0);
    ci.null_counts.push_back(nulls);
    if (!has && nval > 0) index_ok = false;
    ci.min_values.push_back(has ? mn : std::string());
    ci.max_values.push_back(has ? mx : std::string());
  }
  if (options_.statistics) {
    Statistics st;
    st.null_count = total_nulls;
    std::string mn, mx;
    if (stats.Compute(0, nvalues, &mn, &mx)) {
      st.min_value = mn;
      st.max_value = mx;
    }
    md.statistics = st;
  }
  if (index_ok && !out.pages.empty()) {
    ci.boundary_order = BoundaryOrder::kUnordered;
    out.column_index = std::move(ci);
  }
  if (options_.bloom_filter && pt != PhysicalType::kBoolean && nvalues > 0) {
    const int64_t ndv = use_dict ? static_cast<int64_t>(dict_values.size()) : nvalues;
    SplitBlockBloomFilter bf(SplitBlockBloomFilter::OptimalBytes(ndv, options_.bloom_fpp));
    auto add = [&](int64_t i) {
      if (binary) {
        bf.Insert(XxHash64(views[i].ptr, views[i].len));
      } else {
        bf.Insert(XxHash64(fixed_.data() + i * width, width));
      }
    };
    if (use_dict) {
      for (int64_t v : dict_values) add(v);
    } else {
      for (int64_t i = 0; i < nvalues; ++i) add(i);
    }
    out.bloom_filter = bf.Serialize();
  }
  md.total_uncompressed_size = uncompressed_total;
  md.total_compressed_size = static_cast<int64_t>(out.bytes.size());

  // Clear for the next row group.
  num_levels_ = 0;
  def_.clear();
  rep_.clear();
  fixed_.clear();
  bin_data_.clear();
  bin_offsets_.assign(1, 0);
  return out;
}

}  // namespace quiver::parquet
