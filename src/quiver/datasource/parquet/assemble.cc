#include "quiver/datasource/parquet/assemble.h"

#include <cstring>

#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/decimal.h"
#include "quiver/datasource/parquet/assemble_flat.h"
#include "quiver/datasource/parquet/encoding.h"

namespace quiver::parquet {

namespace {

Status Corrupt(const std::string& what) { return Status::IO("corrupt Parquet data: " + what); }

class Assembler {
 public:
  Assembler(const SchemaPlan& plan, std::vector<LeafData>* leaves)
      : plan_(plan), leaves_(*leaves), mutable_leaves_(*leaves) {}

  Result<ArrayDataPtr> Build(const FieldPlan& p) {
    switch (p.kind) {
      case FieldPlan::kLeaf: return BuildLeaf(p);
      case FieldPlan::kStruct: return BuildStruct(p);
      case FieldPlan::kList:
      case FieldPlan::kMap: return BuildList(p);
    }
    return Status::Internal("bad field plan");
  }

 private:
  // Positions in the first leaf's level stream where `p` has a slot.
  std::vector<int64_t> Slots(const FieldPlan& p) const {
    const LeafData& l = leaves_[p.first_leaf];
    std::vector<int64_t> out;
    out.reserve(l.num_levels);
    const bool has_rep = !l.rep.empty(), has_def = !l.def.empty();
    for (int64_t i = 0; i < l.num_levels; ++i) {
      int16_t r = has_rep ? l.rep[i] : 0;
      // No def levels: nothing is null (the reader drops all-present levels).
      int16_t d = has_def ? l.def[i] : plan_.leaves[p.first_leaf].max_def;
      if (r <= p.slot_rep && d >= p.slot_def) out.push_back(i);
    }
    return out;
  }

  // Validity bitmap for slots where def >= min_def; null when all are valid.
  Result<BufferPtr> Validity(const LeafData& l, const std::vector<int64_t>& slots, int16_t min_def,
                             int64_t* null_count) {
    int64_t n = static_cast<int64_t>(slots.size());
    *null_count = 0;
    if (l.def.empty() || min_def == 0) return BufferPtr();
    QUIVER_ASSIGN_OR_RAISE(BufferPtr bits, AllocateBuffer(bit_util::BytesForBits(n)));
    uint8_t* b = bits->mutable_data();
    for (int64_t k = 0; k < n; ++k) {
      if (l.def[slots[k]] >= min_def) {
        bit_util::SetBit(b, k);
      } else {
        ++*null_count;
      }
    }
    if (*null_count == 0) return BufferPtr();
    return bits;
  }

  Result<ArrayDataPtr> BuildStruct(const FieldPlan& p) {
    const LeafData& l = leaves_[p.first_leaf];
    std::vector<int64_t> slots = Slots(p);
    int64_t nulls;
    QUIVER_ASSIGN_OR_RAISE(BufferPtr validity, Validity(l, slots, p.node_def, &nulls));
    std::vector<ArrayDataPtr> children;
    for (const FieldPlan& c : p.children) {
      QUIVER_ASSIGN_OR_RAISE(ArrayDataPtr child, Build(c));
      if (child->length != static_cast<int64_t>(slots.size())) {
        return Corrupt("struct children of different lengths in " + p.field->name());
      }
      children.push_back(std::move(child));
    }
    return ArrayData::Make(p.field->type(), static_cast<int64_t>(slots.size()), {validity}, nulls,
                           0, std::move(children));
  }

  Result<ArrayDataPtr> BuildList(const FieldPlan& p) {
    const LeafData& l = leaves_[p.first_leaf];
    const FieldPlan& elem = p.children[0];
    std::vector<int64_t> slots = Slots(p);
    std::vector<int64_t> elems = Slots(elem);
    const int64_t n = static_cast<int64_t>(slots.size());
    int64_t nulls;
    QUIVER_ASSIGN_OR_RAISE(BufferPtr validity, Validity(l, slots, p.node_def, &nulls));
    if (elems.size() > static_cast<size_t>(INT32_MAX)) {
      return Status::NotImplemented("Parquet list with over 2^31 elements in one row group");
    }
    QUIVER_ASSIGN_OR_RAISE(BufferPtr offsets, AllocateBuffer((n + 1) * 4));
    int32_t* o = offsets->mutable_data_as<int32_t>();
    size_t e = 0;
    for (int64_t k = 0; k < n; ++k) {
      o[k] = static_cast<int32_t>(e);
      const int64_t next = k + 1 < n ? slots[k + 1] : l.num_levels;
      while (e < elems.size() && elems[e] < next) {
        if (elems[e] < slots[k]) return Corrupt("list element before its list");
        ++e;
      }
    }
    o[n] = static_cast<int32_t>(e);
    if (e != elems.size()) return Corrupt("list elements outside any list");
    QUIVER_ASSIGN_OR_RAISE(ArrayDataPtr child, Build(elem));
    if (child->length != static_cast<int64_t>(elems.size())) {
      return Corrupt("list element count mismatch in " + p.field->name());
    }
    if (p.kind == FieldPlan::kMap) {
      // Entries take the map's own struct type (field names key / value).
      child->type = p.field->type()->field(0)->type();
    }
    return ArrayData::Make(p.field->type(), n, {validity, offsets}, nulls, 0, {child});
  }

  Result<ArrayDataPtr> BuildLeaf(const FieldPlan& p) {
    const LeafData& l = leaves_[p.leaf];
    const int16_t max_def = plan_.leaves[p.leaf].max_def;
    if (l.rep.empty() && p.slot_def == 0 && p.slot_rep == 0) {
      LeafData& ml = mutable_leaves_[p.leaf];
      QUIVER_ASSIGN_OR_RAISE(ArrayDataPtr fast, AssembleFlatLeaf(p.field->type(), max_def, &ml));
      if (fast) return fast;
      ValidityToLevels(max_def, &ml);
    }
    std::vector<int64_t> slots = Slots(p);
    const int64_t n = static_cast<int64_t>(slots.size());
    const DataTypePtr& type = p.field->type();
    if (type->id() == TypeId::kNull) return ArrayData::Make(type, n, {nullptr}, n);
    int64_t nulls;
    QUIVER_ASSIGN_OR_RAISE(BufferPtr validity, Validity(l, slots, max_def, &nulls));
    // src[k]: the dense value index of slot k, or -1 when null.
    std::vector<int64_t> src(n);
    int64_t next = 0;
    for (int64_t k = 0; k < n; ++k) {
      src[k] = (l.def.empty() || l.def[slots[k]] == max_def) ? next++ : -1;
    }
    if (next > l.num_values) return Corrupt("fewer values than levels require");
    std::vector<BufferPtr> buffers = {validity};
    QUIVER_RETURN_NOT_OK(ConvertValues(l, *type, src, &buffers));
    return ArrayData::Make(type, n, std::move(buffers), nulls);
  }

  template <typename Src, typename Dst, typename F>
  Status Fixed(const std::vector<int64_t>& src, std::vector<BufferPtr>* bufs, F convert,
               const uint8_t* values) {
    QUIVER_ASSIGN_OR_RAISE(BufferPtr buf, AllocateBuffer(src.size() * sizeof(Dst)));
    Dst* out = buf->mutable_data_as<Dst>();
    for (size_t k = 0; k < src.size(); ++k) {
      if (src[k] >= 0) {
        Src v;
        std::memcpy(&v, values + src[k] * sizeof(Src), sizeof(Src));
        out[k] = convert(v);
      }
    }
    bufs->push_back(std::move(buf));
    return Status::OK();
  }

  // Legacy INT96 timestamps: nanoseconds of the day (int64), then the Julian
  // day (int32). Spark writes microseconds m as Julian microseconds
  // m + epoch offset in wrapping 64-bit arithmetic, split into days and
  // nanoseconds, so wrapping arithmetic inverts it exactly (years far beyond
  // 2262 included); a value `unit` cannot hold is an error, never a wrapped one.
  static Status Int96Timestamps(const LeafData& l, quiver::TimeUnit unit,
                                const std::vector<int64_t>& src, std::vector<BufferPtr>* bufs) {
    constexpr int64_t kEpochJulianDay = 2440588, kMicrosPerDay = int64_t{86400} * 1000000;
    QUIVER_ASSIGN_OR_RAISE(BufferPtr buf, AllocateBuffer(src.size() * sizeof(int64_t)));
    int64_t* out = buf->mutable_data_as<int64_t>();
    for (size_t k = 0; k < src.size(); ++k) {
      if (src[k] < 0) continue;
      Int96 v;
      std::memcpy(&v, l.fixed.data() + src[k] * sizeof(Int96), sizeof(Int96));
      const int64_t nanos = static_cast<int64_t>(v.v[0] | (uint64_t{v.v[1]} << 32));
      const int64_t days = static_cast<int32_t>(v.v[2]);
      const int64_t micros = static_cast<int64_t>(
          static_cast<uint64_t>(days - kEpochJulianDay) * static_cast<uint64_t>(kMicrosPerDay) +
          static_cast<uint64_t>(nanos / 1000));
      bool overflow = false;
      switch (unit) {
        case quiver::TimeUnit::kSecond: out[k] = micros / 1000000; break;
        case quiver::TimeUnit::kMillisecond: out[k] = micros / 1000; break;
        case quiver::TimeUnit::kMicrosecond: out[k] = micros; break;
        case quiver::TimeUnit::kNanosecond:
          overflow = __builtin_mul_overflow(micros, 1000, &out[k]) ||
                     __builtin_add_overflow(out[k], nanos % 1000, &out[k]);
          break;
      }
      if (overflow) {
        return Status::IO("INT96 timestamp of " + std::to_string(micros) +
                          " microseconds since the epoch is out of range for " +
                          timestamp(unit)->ToString() +
                          "; read it with the Parquet option coerce_int96 set to 'us'");
      }
    }
    bufs->push_back(std::move(buf));
    return Status::OK();
  }

  template <typename T>
  Status Same(const LeafData& l, const std::vector<int64_t>& src, std::vector<BufferPtr>* bufs) {
    return Fixed<T, T>(
        src, bufs, [](T v) { return v; }, l.fixed.data());
  }

  // Big-endian two's complement bytes -> little-endian words of `words` u64s.
  static bool BigEndianToWords(const uint8_t* p, int64_t len, uint64_t* words, int nwords) {
    const bool neg = len > 0 && (p[0] & 0x80);
    const uint8_t fill = neg ? 0xFF : 0;
    if (len > nwords * 8) {
      // Leading bytes beyond the width must be pure sign extension.
      for (int64_t i = 0; i < len - nwords * 8; ++i) {
        if (p[i] != fill) return false;
      }
      p += len - nwords * 8;
      len = nwords * 8;
    }
    uint8_t le[32];
    std::memset(le, fill, sizeof(le));
    for (int64_t i = 0; i < len; ++i) le[i] = p[len - 1 - i];
    std::memcpy(words, le, nwords * 8);
    return true;
  }

  Status ConvertValues(const LeafData& l, const DataType& type, const std::vector<int64_t>& src,
                       std::vector<BufferPtr>* bufs) {
    const uint8_t* fx = l.fixed.data();
    const PhysicalType pt = l.type;
    switch (type.id()) {
      case TypeId::kBoolean: {
        QUIVER_ASSIGN_OR_RAISE(BufferPtr buf, AllocateBuffer(bit_util::BytesForBits(src.size())));
        uint8_t* b = buf->mutable_data();
        for (size_t k = 0; k < src.size(); ++k) {
          if (src[k] >= 0 && fx[src[k]]) bit_util::SetBit(b, k);
        }
        bufs->push_back(std::move(buf));
        return Status::OK();
      }
      case TypeId::kInt8:
        return Fixed<int32_t, int8_t>(
            src, bufs, [](int32_t v) { return int8_t(v); }, fx);
      case TypeId::kUInt8:
        return Fixed<int32_t, uint8_t>(
            src, bufs, [](int32_t v) { return uint8_t(v); }, fx);
      case TypeId::kInt16:
        return Fixed<int32_t, int16_t>(
            src, bufs, [](int32_t v) { return int16_t(v); }, fx);
      case TypeId::kUInt16:
        return Fixed<int32_t, uint16_t>(
            src, bufs, [](int32_t v) { return uint16_t(v); }, fx);
      case TypeId::kInt32:
      case TypeId::kUInt32:
      case TypeId::kDate32:
      case TypeId::kTime32:
      case TypeId::kFloat32: return Same<int32_t>(l, src, bufs);
      case TypeId::kInt64:
      case TypeId::kUInt64:
      case TypeId::kTime64:
      case TypeId::kFloat64: return Same<int64_t>(l, src, bufs);
      case TypeId::kTimestamp:
        if (pt == PhysicalType::kInt96) return Int96Timestamps(l, type.unit(), src, bufs);
        return Same<int64_t>(l, src, bufs);
      case TypeId::kDecimal128:
      case TypeId::kDecimal256: {
        const int nwords = type.id() == TypeId::kDecimal128 ? 2 : 4;
        QUIVER_ASSIGN_OR_RAISE(BufferPtr buf, AllocateBuffer(src.size() * nwords * 8));
        uint64_t* out = buf->mutable_data_as<uint64_t>();
        for (size_t k = 0; k < src.size(); ++k) {
          if (src[k] < 0) continue;
          uint64_t* w = out + k * nwords;
          int64_t v;
          if (pt == PhysicalType::kInt32 || pt == PhysicalType::kInt64) {
            if (pt == PhysicalType::kInt32) {
              int32_t x;
              std::memcpy(&x, fx + src[k] * 4, 4);
              v = x;
            } else {
              std::memcpy(&v, fx + src[k] * 8, 8);
            }
            for (int i = 0; i < nwords; ++i) w[i] = i == 0 ? uint64_t(v) : (v < 0 ? ~0ull : 0);
          } else {
            const int64_t b = l.bin_offsets[src[k]], e = l.bin_offsets[src[k] + 1];
            if (!BigEndianToWords(l.bin_data.data() + b, e - b, w, nwords)) {
              return Corrupt("decimal value wider than its precision");
            }
          }
        }
        bufs->push_back(std::move(buf));
        return Status::OK();
      }
      case TypeId::kFloat16:
        return FromBinary(l, src, bufs, 2,
                          [](const uint8_t* p, uint8_t* out) { std::memcpy(out, p, 2); });
      case TypeId::kInterval:  // Parquet INTERVAL: months, days, millis (u32 LE each)
        return FromBinary(l, src, bufs, 16, [](const uint8_t* p, uint8_t* out) {
          IntervalMonthDayNano v;
          uint32_t m, d, ms;
          std::memcpy(&m, p, 4);
          std::memcpy(&d, p + 4, 4);
          std::memcpy(&ms, p + 8, 4);
          v.months = static_cast<int32_t>(m);
          v.days = static_cast<int32_t>(d);
          v.nanoseconds = int64_t{ms} * 1000000;
          std::memcpy(out, &v, 16);
        });
      case TypeId::kFixedSizeBinary: {
        const int w = type.byte_width();
        return FromBinary(l, src, bufs, w, [w](const uint8_t* p, uint8_t* out) {
          if (w) std::memcpy(out, p, w);
        });
      }
      case TypeId::kUtf8:
      case TypeId::kBinary: {
        int64_t total = 0;
        for (int64_t s : src) {
          if (s >= 0) total += l.bin_offsets[s + 1] - l.bin_offsets[s];
        }
        if (total > INT32_MAX) {
          return Status::NotImplemented("Parquet string column over 2 GB in one row group");
        }
        QUIVER_ASSIGN_OR_RAISE(BufferPtr offsets, AllocateBuffer((src.size() + 1) * 4));
        QUIVER_ASSIGN_OR_RAISE(BufferPtr data, AllocateBuffer(total));
        int32_t* o = offsets->mutable_data_as<int32_t>();
        uint8_t* d = data->mutable_data();
        int32_t pos = 0;
        for (size_t k = 0; k < src.size(); ++k) {
          o[k] = pos;
          if (src[k] < 0) continue;
          const int64_t b = l.bin_offsets[src[k]], e = l.bin_offsets[src[k] + 1];
          if (e > b) std::memcpy(d + pos, l.bin_data.data() + b, e - b);
          pos += static_cast<int32_t>(e - b);
        }
        o[src.size()] = pos;
        bufs->push_back(std::move(offsets));
        bufs->push_back(std::move(data));
        return Status::OK();
      }
      default: break;
    }
    return Status::NotImplemented("reading Parquet into Arrow " + type.ToString());
  }

  template <typename F>
  Status FromBinary(const LeafData& l, const std::vector<int64_t>& src,
                    std::vector<BufferPtr>* bufs, int width, F convert) {
    const int64_t in_width = l.type_length;
    if (l.type != PhysicalType::kFixedLenByteArray) return Corrupt("expected fixed-length data");
    QUIVER_ASSIGN_OR_RAISE(BufferPtr buf, AllocateBuffer(src.size() * width));
    uint8_t* out = buf->mutable_data();
    for (size_t k = 0; k < src.size(); ++k) {
      if (src[k] >= 0) convert(l.bin_data.data() + src[k] * in_width, out + k * width);
    }
    bufs->push_back(std::move(buf));
    return Status::OK();
  }

  const SchemaPlan& plan_;
  const std::vector<LeafData>& leaves_;
  std::vector<LeafData>& mutable_leaves_;
};

}  // namespace

Result<ArrayDataPtr> AssembleField(const SchemaPlan& plan, const FieldPlan& field,
                                   std::vector<LeafData>* leaves) {
  Assembler a(plan, leaves);
  return a.Build(field);
}

}  // namespace quiver::parquet
