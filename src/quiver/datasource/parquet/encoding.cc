#include "quiver/datasource/parquet/encoding.h"

#include <algorithm>
#include <cstring>

#include "quiver/datasource/parquet/rle.h"

namespace quiver::parquet {

namespace {

Status Corrupt(const std::string& what) { return Status::IO("corrupt Parquet page: " + what); }

Status ReadUleb(const uint8_t*& p, const uint8_t* end, uint64_t* out) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p >= end) return Corrupt("truncated varint");
    uint8_t b = *p++;
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) {
      *out = v;
      return Status::OK();
    }
  }
  return Corrupt("varint too long");
}

// ---------------------------------------------------------------- PLAIN

class PlainFixedDecoder final : public ValueDecoder {
 public:
  explicit PlainFixedDecoder(int width) : width_(width) {}
  Status SetData(int64_t num_values, const uint8_t* data, int64_t len) override {
    data_ = data;
    left_ = std::min<int64_t>(num_values, len / width_);
    return Status::OK();
  }
  Result<int64_t> Decode(void* out, int64_t n) override {
    int64_t k = std::min(n, left_);
    if (k > 0) std::memcpy(out, data_, static_cast<size_t>(k) * width_);
    data_ += k * width_;
    left_ -= k;
    return k;
  }

 private:
  int width_;
  const uint8_t* data_ = nullptr;
  int64_t left_ = 0;
};

class PlainBooleanDecoder final : public ValueDecoder {
 public:
  Status SetData(int64_t num_values, const uint8_t* data, int64_t len) override {
    data_ = data;
    bit_ = 0;
    left_ = std::min<int64_t>(num_values, len * 8);
    return Status::OK();
  }
  Result<int64_t> Decode(void* out, int64_t n) override {
    int64_t k = std::min(n, left_);
    auto* o = static_cast<uint8_t*>(out);
    for (int64_t i = 0; i < k; ++i, ++bit_) o[i] = (data_[bit_ >> 3] >> (bit_ & 7)) & 1;
    left_ -= k;
    return k;
  }

 private:
  const uint8_t* data_ = nullptr;
  int64_t bit_ = 0, left_ = 0;
};

// RLE-encoded booleans: 4-byte length, then width-1 hybrid runs.
class RleBooleanDecoder final : public ValueDecoder {
 public:
  Status SetData(int64_t num_values, const uint8_t* data, int64_t len) override {
    if (len < 4) return Corrupt("RLE boolean data without length");
    uint32_t n;
    std::memcpy(&n, data, 4);
    if (n > len - 4) return Corrupt("RLE boolean length exceeds page");
    rle_.Reset(data + 4, n, 1);
    left_ = num_values;
    return Status::OK();
  }
  Result<int64_t> Decode(void* out, int64_t n) override {
    auto* o = static_cast<uint8_t*>(out);
    uint32_t tmp[1024];
    int64_t done = 0;
    n = std::min(n, left_);
    while (done < n) {
      int k = static_cast<int>(std::min<int64_t>(n - done, 1024));
      QUIVER_ASSIGN_OR_RAISE(int got, rle_.GetBatch(tmp, k));
      for (int i = 0; i < got; ++i) o[done + i] = static_cast<uint8_t>(tmp[i]);
      done += got;
      if (got < k) break;
    }
    left_ -= done;
    return done;
  }

 private:
  RleBitPackedDecoder rle_;
  int64_t left_ = 0;
};

class PlainByteArrayDecoder final : public ValueDecoder {
 public:
  Status SetData(int64_t num_values, const uint8_t* data, int64_t len) override {
    pos_ = data;
    end_ = data + len;
    left_ = num_values;
    return Status::OK();
  }
  Result<int64_t> Decode(void* out, int64_t n) override {
    auto* o = static_cast<ByteArray*>(out);
    int64_t k = std::min(n, left_);
    for (int64_t i = 0; i < k; ++i) {
      if (end_ - pos_ < 4) {
        left_ = 0;
        return i;
      }
      uint32_t l;
      std::memcpy(&l, pos_, 4);
      pos_ += 4;
      if (l > static_cast<uint64_t>(end_ - pos_)) return Corrupt("byte array length exceeds page");
      o[i] = ByteArray{pos_, l};
      pos_ += l;
    }
    left_ -= k;
    return k;
  }
  // The values lie inside the page, so its remaining bytes bound them.
  int64_t ByteBound() const override { return end_ - pos_; }
  Result<int64_t> DecodeFlat(uint8_t* data, int64_t base, int64_t* offsets, int64_t n) override {
    const int64_t k = std::min(n, left_);
    int64_t off = base;
    for (int64_t i = 0; i < k; ++i) {
      if (end_ - pos_ < 4) {
        left_ = 0;
        return i;
      }
      uint32_t l;
      std::memcpy(&l, pos_, 4);
      pos_ += 4;
      if (l > static_cast<uint64_t>(end_ - pos_)) return Corrupt("byte array length exceeds page");
      if (l <= 32 && end_ - pos_ >= 32) {
        std::memcpy(data, pos_, 32);  // one fixed-size copy; the caller gave 32 bytes of slack
      } else if (l) {
        std::memcpy(data, pos_, l);
      }
      data += l;
      pos_ += l;
      off += l;
      offsets[i] = off;
    }
    left_ -= k;
    return k;
  }

 private:
  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  int64_t left_ = 0;
};

class PlainFlbaDecoder final : public ValueDecoder {
 public:
  explicit PlainFlbaDecoder(int32_t width) : width_(width) {}
  Status SetData(int64_t num_values, const uint8_t* data, int64_t len) override {
    data_ = data;
    left_ = width_ == 0 ? num_values : std::min<int64_t>(num_values, len / width_);
    return Status::OK();
  }
  Result<int64_t> Decode(void* out, int64_t n) override {
    auto* o = static_cast<ByteArray*>(out);
    int64_t k = std::min(n, left_);
    for (int64_t i = 0; i < k; ++i) o[i] = ByteArray{data_ + i * width_, uint32_t(width_)};
    data_ += k * width_;
    left_ -= k;
    return k;
  }

 private:
  int32_t width_;
  const uint8_t* data_ = nullptr;
  int64_t left_ = 0;
};

// ---------------------------------------------------------------- DELTA

// Values decoded up front (pages are small); Decode copies them out.
class DeltaIntDecoder final : public ValueDecoder {
 public:
  explicit DeltaIntDecoder(bool is32) : is32_(is32) {}
  Status SetData(int64_t num_values, const uint8_t* data, int64_t len) override {
    int64_t used;
    values_.clear();
    pos_ = 0;
    Status st = DecodeDeltaBinaryPacked(data, len, &values_, &used);
    if (!st.ok()) return st;
    if (static_cast<int64_t>(values_.size()) > num_values) {
      return Corrupt("DELTA_BINARY_PACKED holds more values than the page");
    }
    return Status::OK();
  }
  Result<int64_t> Decode(void* out, int64_t n) override {
    int64_t k = std::min<int64_t>(n, values_.size() - pos_);
    if (is32_) {
      auto* o = static_cast<int32_t*>(out);
      for (int64_t i = 0; i < k; ++i) o[i] = static_cast<int32_t>(values_[pos_ + i]);
    } else {
      if (k > 0) std::memcpy(out, values_.data() + pos_, k * 8);
    }
    pos_ += k;
    return k;
  }

 private:
  bool is32_;
  std::vector<int64_t> values_;
  int64_t pos_ = 0;
};

// Decoders that materialize ByteArray views for the whole page.
class ByteArrayListDecoder : public ValueDecoder {
 public:
  Result<int64_t> Decode(void* out, int64_t n) override {
    int64_t k = std::min<int64_t>(n, views_.size() - pos_);
    if (k > 0) std::memcpy(out, views_.data() + pos_, k * sizeof(ByteArray));
    pos_ += k;
    return k;
  }

 protected:
  std::vector<ByteArray> views_;
  int64_t pos_ = 0;
};

Status DecodeDeltaLength(int64_t max_values, const uint8_t* data, int64_t len,
                         std::vector<ByteArray>* out) {
  std::vector<int64_t> lengths;
  int64_t used;
  QUIVER_RETURN_NOT_OK(DecodeDeltaBinaryPacked(data, len, &lengths, &used));
  if (static_cast<int64_t>(lengths.size()) > max_values) {
    return Corrupt("DELTA_LENGTH_BYTE_ARRAY holds more values than the page");
  }
  const uint8_t* p = data + used;
  int64_t left = len - used;
  out->clear();
  out->reserve(lengths.size());
  for (int64_t l : lengths) {
    if (l < 0 || l > left) return Corrupt("DELTA_LENGTH_BYTE_ARRAY length exceeds page");
    out->push_back(ByteArray{p, static_cast<uint32_t>(l)});
    p += l;
    left -= l;
  }
  return Status::OK();
}

class DeltaLengthDecoder final : public ByteArrayListDecoder {
 public:
  Status SetData(int64_t num_values, const uint8_t* data, int64_t len) override {
    pos_ = 0;
    return DecodeDeltaLength(num_values, data, len, &views_);
  }
};

class DeltaByteArrayDecoder final : public ByteArrayListDecoder {
 public:
  Status SetData(int64_t num_values, const uint8_t* data, int64_t len) override {
    pos_ = 0;
    views_.clear();
    std::vector<int64_t> prefixes;
    int64_t used;
    QUIVER_RETURN_NOT_OK(DecodeDeltaBinaryPacked(data, len, &prefixes, &used));
    if (static_cast<int64_t>(prefixes.size()) > num_values) {
      return Corrupt("DELTA_BYTE_ARRAY holds more values than the page");
    }
    std::vector<ByteArray> suffixes;
    QUIVER_RETURN_NOT_OK(DecodeDeltaLength(num_values, data + used, len - used, &suffixes));
    if (suffixes.size() != prefixes.size()) {
      return Corrupt("DELTA_BYTE_ARRAY prefix and suffix counts differ");
    }
    std::vector<int64_t> offsets;
    offsets.reserve(prefixes.size() + 1);
    storage_.clear();
    int64_t prev_start = 0, prev_len = 0;
    for (size_t i = 0; i < prefixes.size(); ++i) {
      int64_t pl = prefixes[i];
      if (pl < 0 || pl > prev_len) return Corrupt("DELTA_BYTE_ARRAY prefix longer than previous");
      int64_t start = static_cast<int64_t>(storage_.size());
      storage_.resize(start + pl + suffixes[i].len);
      if (pl) std::memmove(storage_.data() + start, storage_.data() + prev_start, pl);
      if (suffixes[i].len) {
        std::memcpy(storage_.data() + start + pl, suffixes[i].ptr, suffixes[i].len);
      }
      offsets.push_back(start);
      prev_start = start;
      prev_len = pl + suffixes[i].len;
      if (prev_len > UINT32_MAX) return Corrupt("DELTA_BYTE_ARRAY value too long");
    }
    offsets.push_back(static_cast<int64_t>(storage_.size()));
    views_.resize(prefixes.size());
    for (size_t i = 0; i < prefixes.size(); ++i) {
      views_[i] = ByteArray{storage_.data() + offsets[i],
                            static_cast<uint32_t>(offsets[i + 1] - offsets[i])};
    }
    return Status::OK();
  }

 private:
  std::vector<uint8_t> storage_;
};

// ---------------------------------------------------------------- BYTE_STREAM_SPLIT

class ByteStreamSplitDecoder final : public ValueDecoder {
 public:
  ByteStreamSplitDecoder(int width, bool as_views) : width_(width), as_views_(as_views) {}
  Status SetData(int64_t num_values, const uint8_t* data, int64_t len) override {
    if (width_ <= 0) return Corrupt("BYTE_STREAM_SPLIT with zero width");
    if (len % width_ != 0) return Corrupt("BYTE_STREAM_SPLIT size not a multiple of width");
    data_ = data;
    stride_ = len / width_;
    if (stride_ > num_values) return Corrupt("BYTE_STREAM_SPLIT holds more values than the page");
    pos_ = 0;
    if (as_views_) {
      storage_.resize(static_cast<size_t>(len));
      Gather(storage_.data(), 0, stride_);
    }
    return Status::OK();
  }
  Result<int64_t> Decode(void* out, int64_t n) override {
    int64_t k = std::min(n, stride_ - pos_);
    if (as_views_) {
      auto* o = static_cast<ByteArray*>(out);
      for (int64_t i = 0; i < k; ++i) {
        o[i] = ByteArray{storage_.data() + (pos_ + i) * width_, static_cast<uint32_t>(width_)};
      }
    } else {
      Gather(static_cast<uint8_t*>(out), pos_, k);
    }
    pos_ += k;
    return k;
  }

 private:
  void Gather(uint8_t* out, int64_t from, int64_t k) {
    for (int b = 0; b < width_; ++b) {
      const uint8_t* stream = data_ + b * stride_ + from;
      for (int64_t i = 0; i < k; ++i) out[i * width_ + b] = stream[i];
    }
  }

  int width_;
  bool as_views_;
  const uint8_t* data_ = nullptr;
  int64_t stride_ = 0, pos_ = 0;
  std::vector<uint8_t> storage_;
};

// ---------------------------------------------------------------- dictionary

class DictionaryDecoder final : public ValueDecoder {
 public:
  explicit DictionaryDecoder(std::shared_ptr<const Dictionary> dict)
      : dict_(std::move(dict)), width_(DecodedValueSize(dict_->type)) {}
  Status SetData(int64_t num_values, const uint8_t* data, int64_t len) override {
    if (len < 1) {
      rle_.Reset(data, 0, 0);
      left_ = 0;
      return Status::OK();
    }
    int bw = data[0];
    if (bw > 32) return Corrupt("dictionary index bit width " + std::to_string(bw));
    rle_.Reset(data + 1, len - 1, bw);
    left_ = num_values;
    return Status::OK();
  }
  Result<int64_t> DecodeIndices(uint32_t* out, int64_t n) override {
    const uint64_t size = static_cast<uint64_t>(dict_->size);
    int64_t done = 0;
    n = std::min(n, left_);
    while (done < n) {
      int k = static_cast<int>(std::min<int64_t>(n - done, 1 << 20));
      QUIVER_ASSIGN_OR_RAISE(int got, rle_.GetBatch(out + done, k));
      uint32_t bad = 0;
      for (int i = 0; i < got; ++i) bad |= static_cast<uint32_t>(out[done + i] >= size);
      if (bad) return Corrupt("dictionary index out of range");
      done += got;
      if (got < k) break;
    }
    left_ -= done;
    return done;
  }

  Result<int64_t> Decode(void* out, int64_t n) override {
    switch (width_) {
      case 1: return DecodeDirect<uint8_t>(out, n);
      case 4: return DecodeDirect<uint32_t>(out, n);
      case 8: return DecodeDirect<uint64_t>(out, n);
      default: break;
    }
    uint32_t idx[1024];
    auto* o = static_cast<uint8_t*>(out);
    const uint8_t* values = dict_->values.data();
    const uint64_t size = static_cast<uint64_t>(dict_->size);
    int64_t done = 0;
    n = std::min(n, left_);
    while (done < n) {
      int k = static_cast<int>(std::min<int64_t>(n - done, 1024));
      QUIVER_ASSIGN_OR_RAISE(int got, rle_.GetBatch(idx, k));
      uint32_t bad = 0;
      for (int i = 0; i < got; ++i) bad |= static_cast<uint32_t>(idx[i] >= size);
      if (bad) return Corrupt("dictionary index out of range");
      switch (width_) {
        case 1: Gather<uint8_t>(values, idx, got, o + done); break;
        case 4: Gather<uint32_t>(values, idx, got, o + done * 4); break;
        case 8: Gather<uint64_t>(values, idx, got, o + done * 8); break;
        case 16: Gather<ByteArray>(values, idx, got, o + done * 16); break;
        default:
          for (int i = 0; i < got; ++i) {
            std::memcpy(o + (done + i) * width_, values + idx[i] * width_, width_);
          }
      }
      done += got;
      if (got < k) break;
    }
    left_ -= done;
    return done;
  }

 private:
  // Values written straight from the index runs into `out`.
  template <typename T>
  Result<int64_t> DecodeDirect(void* out, int64_t n) {
    const T* values = reinterpret_cast<const T*>(dict_->values.data());
    T* o = static_cast<T*>(out);
    int64_t done = 0;
    n = std::min(n, left_);
    while (done < n) {
      const int k = static_cast<int>(std::min<int64_t>(n - done, 1 << 20));
      QUIVER_ASSIGN_OR_RAISE(int got, rle_.GetBatchWithDict(values, dict_->size, o + done, k));
      done += got;
      if (got < k) break;
    }
    left_ -= done;
    return done;
  }

  template <typename T>
  static void Gather(const uint8_t* values, const uint32_t* idx, int n, uint8_t* out) {
    const T* v = reinterpret_cast<const T*>(values);
    T* o = reinterpret_cast<T*>(out);
    for (int i = 0; i < n; ++i) o[i] = v[idx[i]];
  }

  std::shared_ptr<const Dictionary> dict_;
  int width_;
  RleBitPackedDecoder rle_;
  int64_t left_ = 0;
};

}  // namespace

Result<int64_t> ValueDecoder::DecodeIndices(uint32_t*, int64_t) {
  return Status::Internal("dictionary indices asked of a non-dictionary decoder");
}

Result<int64_t> ValueDecoder::DecodeFlat(uint8_t*, int64_t, int64_t*, int64_t) {
  return Status::Internal("flat byte-array decoding asked of a decoder without it");
}

int DecodedValueSize(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBoolean: return 1;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray: return sizeof(ByteArray);
  }
  return 1;
}

Result<std::unique_ptr<ValueDecoder>> MakeDecoder(Encoding encoding, PhysicalType type,
                                                  int32_t type_length) {
  auto unsupported = [&]() {
    return Status::NotImplemented(std::string("Parquet encoding ") + EncodingName(encoding) +
                                  " for " + PhysicalTypeName(type));
  };
  std::unique_ptr<ValueDecoder> d;
  switch (encoding) {
    case Encoding::kPlain:
      switch (type) {
        case PhysicalType::kBoolean: d = std::make_unique<PlainBooleanDecoder>(); break;
        case PhysicalType::kByteArray: d = std::make_unique<PlainByteArrayDecoder>(); break;
        case PhysicalType::kFixedLenByteArray:
          if (type_length < 0) return Corrupt("negative FIXED_LEN_BYTE_ARRAY length");
          d = std::make_unique<PlainFlbaDecoder>(type_length);
          break;
        default: d = std::make_unique<PlainFixedDecoder>(DecodedValueSize(type)); break;
      }
      break;
    case Encoding::kRle:
      if (type != PhysicalType::kBoolean) return unsupported();
      d = std::make_unique<RleBooleanDecoder>();
      break;
    case Encoding::kDeltaBinaryPacked:
      if (type != PhysicalType::kInt32 && type != PhysicalType::kInt64) return unsupported();
      d = std::make_unique<DeltaIntDecoder>(type == PhysicalType::kInt32);
      break;
    case Encoding::kDeltaLengthByteArray:
      if (type != PhysicalType::kByteArray) return unsupported();
      d = std::make_unique<DeltaLengthDecoder>();
      break;
    case Encoding::kDeltaByteArray:
      if (type != PhysicalType::kByteArray && type != PhysicalType::kFixedLenByteArray) {
        return unsupported();
      }
      d = std::make_unique<DeltaByteArrayDecoder>();
      break;
    case Encoding::kByteStreamSplit:
      switch (type) {
        case PhysicalType::kInt32:
        case PhysicalType::kFloat: d = std::make_unique<ByteStreamSplitDecoder>(4, false); break;
        case PhysicalType::kInt64:
        case PhysicalType::kDouble: d = std::make_unique<ByteStreamSplitDecoder>(8, false); break;
        case PhysicalType::kFixedLenByteArray:
          d = std::make_unique<ByteStreamSplitDecoder>(type_length, true);
          break;
        default: return unsupported();
      }
      break;
    default: return unsupported();
  }
  return d;
}

Result<std::shared_ptr<Dictionary>> DecodeDictionaryPage(PhysicalType type, int32_t type_length,
                                                         int64_t num_values, const uint8_t* data,
                                                         int64_t len,
                                                         std::shared_ptr<const void> page) {
  if (num_values < 0) return Corrupt("negative dictionary size");
  if (type == PhysicalType::kBoolean) return Corrupt("BOOLEAN columns have no dictionary");
  // Every value takes at least one byte except zero-width FLBA; bound the allocation.
  if (num_values > len && !(type == PhysicalType::kFixedLenByteArray && type_length == 0)) {
    return Corrupt("dictionary page holds fewer bytes than values");
  }
  QUIVER_ASSIGN_OR_RAISE(auto dec, MakeDecoder(Encoding::kPlain, type, type_length));
  QUIVER_RETURN_NOT_OK(dec->SetData(num_values, data, len));
  auto dict = std::make_shared<Dictionary>();
  dict->type = type;
  dict->values.resize(static_cast<size_t>(num_values) * DecodedValueSize(type));
  QUIVER_ASSIGN_OR_RAISE(int64_t got, dec->Decode(dict->values.data(), num_values));
  if (got != num_values) return Corrupt("dictionary page truncated");
  dict->size = num_values;
  dict->page = std::move(page);
  return dict;
}

std::unique_ptr<ValueDecoder> MakeDictionaryDecoder(std::shared_ptr<const Dictionary> dict) {
  return std::make_unique<DictionaryDecoder>(std::move(dict));
}

Status DecodeDeltaBinaryPacked(const uint8_t* data, int64_t len, std::vector<int64_t>* out,
                               int64_t* consumed) {
  const uint8_t* p = data;
  const uint8_t* end = data + len;
  uint64_t block_size, minis, total, first_zz;
  QUIVER_RETURN_NOT_OK(ReadUleb(p, end, &block_size));
  QUIVER_RETURN_NOT_OK(ReadUleb(p, end, &minis));
  QUIVER_RETURN_NOT_OK(ReadUleb(p, end, &total));
  QUIVER_RETURN_NOT_OK(ReadUleb(p, end, &first_zz));
  if (block_size == 0 || minis == 0 || block_size % minis != 0 || block_size > (1u << 20) ||
      (block_size / minis) % 8 != 0) {
    return Corrupt("invalid DELTA_BINARY_PACKED block header");
  }
  // Zero-width miniblocks cost no bytes, so bound the count by something sane.
  if (total > (1ull << 31)) return Corrupt("DELTA_BINARY_PACKED value count too large");
  const int64_t per_mini = static_cast<int64_t>(block_size / minis);
  out->clear();
  if (total == 0) {
    *consumed = p - data;
    return Status::OK();
  }
  out->reserve(std::min<uint64_t>(total, 1 << 20));
  uint64_t last = (first_zz >> 1) ^ (~(first_zz & 1) + 1);
  out->push_back(static_cast<int64_t>(last));
  int64_t remaining = static_cast<int64_t>(total) - 1;
  std::vector<uint64_t> deltas(per_mini);
  while (remaining > 0) {
    uint64_t md_zz;
    QUIVER_RETURN_NOT_OK(ReadUleb(p, end, &md_zz));
    uint64_t min_delta = (md_zz >> 1) ^ (~(md_zz & 1) + 1);
    if (static_cast<uint64_t>(end - p) < minis) return Corrupt("truncated miniblock widths");
    const uint8_t* widths = p;
    p += minis;
    for (uint64_t m = 0; m < minis && remaining > 0; ++m) {
      int bw = widths[m];
      if (bw > 64) return Corrupt("miniblock bit width over 64");
      int64_t take = std::min(remaining, per_mini);
      int64_t bytes = per_mini * bw / 8;
      int64_t avail = end - p;
      if (take * bw > avail * 8) return Corrupt("truncated miniblock");
      UnpackBits64(p, std::min(bytes, avail), 0, bw, static_cast<int>(take), deltas.data());
      for (int64_t i = 0; i < take; ++i) {
        last += min_delta + deltas[i];
        out->push_back(static_cast<int64_t>(last));
      }
      p += std::min(bytes, avail);
      remaining -= take;
    }
  }
  *consumed = p - data;
  return Status::OK();
}

// ---------------------------------------------------------------- encoders

void EncodePlain(PhysicalType type, int32_t type_length, const void* values, int64_t n,
                 std::string* out) {
  switch (type) {
    case PhysicalType::kBoolean: {
      const auto* v = static_cast<const uint8_t*>(values);
      size_t start = out->size();
      out->resize(start + (n + 7) / 8, 0);
      for (int64_t i = 0; i < n; ++i) {
        if (v[i]) (*out)[start + i / 8] |= static_cast<char>(1 << (i % 8));
      }
      return;
    }
    case PhysicalType::kByteArray: {
      const auto* v = static_cast<const ByteArray*>(values);
      for (int64_t i = 0; i < n; ++i) {
        uint32_t l = v[i].len;
        out->append(reinterpret_cast<const char*>(&l), 4);
        out->append(reinterpret_cast<const char*>(v[i].ptr), l);
      }
      return;
    }
    case PhysicalType::kFixedLenByteArray: {
      const auto* v = static_cast<const ByteArray*>(values);
      for (int64_t i = 0; i < n; ++i) {
        out->append(reinterpret_cast<const char*>(v[i].ptr), type_length);
      }
      return;
    }
    default: out->append(static_cast<const char*>(values), n * DecodedValueSize(type)); return;
  }
}

namespace {
void PutUleb(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
}  // namespace

void EncodeDeltaBinaryPacked(const int64_t* values, int64_t n, std::string* out) {
  constexpr int kBlock = 128, kMinis = 4, kPerMini = kBlock / kMinis;
  PutUleb(kBlock, out);
  PutUleb(kMinis, out);
  PutUleb(static_cast<uint64_t>(n), out);
  PutUleb(ZigZag(n > 0 ? values[0] : 0), out);
  for (int64_t start = 1; start < n; start += kBlock) {
    int64_t count = std::min<int64_t>(kBlock, n - start);
    uint64_t deltas[kBlock];
    int64_t min_delta = INT64_MAX;
    for (int64_t i = 0; i < count; ++i) {
      int64_t d = static_cast<int64_t>(static_cast<uint64_t>(values[start + i]) -
                                       static_cast<uint64_t>(values[start + i - 1]));
      deltas[i] = static_cast<uint64_t>(d);
      min_delta = std::min(min_delta, d);
    }
    PutUleb(ZigZag(min_delta), out);
    int widths[kMinis] = {0, 0, 0, 0};
    for (int m = 0; m < kMinis; ++m) {
      uint64_t mx = 0;
      for (int64_t i = m * kPerMini; i < std::min<int64_t>(count, (m + 1) * kPerMini); ++i) {
        deltas[i] -= static_cast<uint64_t>(min_delta);
        mx = std::max(mx, deltas[i]);
      }
      widths[m] = BitWidth(mx);
    }
    for (int m = 0; m < kMinis; ++m) out->push_back(static_cast<char>(widths[m]));
    for (int m = 0; m < kMinis && m * kPerMini < count; ++m) {
      int bw = widths[m];
      size_t at = out->size();
      out->resize(at + kPerMini * bw / 8, 0);
      auto* dst = reinterpret_cast<uint8_t*>(out->data() + at);
      for (int i = 0; i < kPerMini; ++i) {
        int64_t idx = m * kPerMini + i;
        uint64_t v = idx < count ? deltas[idx] : 0;
        int64_t bit = static_cast<int64_t>(i) * bw;
        for (int b = 0; b < bw; ++b, ++bit) {
          if ((v >> b) & 1) dst[bit >> 3] |= static_cast<uint8_t>(1 << (bit & 7));
        }
      }
    }
  }
}

void EncodeDictionaryIndices(const uint32_t* indices, int64_t n, int64_t dict_size,
                             std::string* out) {
  int bw = BitWidth(dict_size > 0 ? static_cast<uint64_t>(dict_size - 1) : 0);
  out->push_back(static_cast<char>(bw));
  EncodeRleBitPacked(indices, n, bw, out);
}

}  // namespace quiver::parquet
