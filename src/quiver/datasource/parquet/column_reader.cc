#include "quiver/datasource/parquet/column_reader.h"

#include <algorithm>
#include <cstring>
#include <deque>

#include "quiver/arrow/bit_util.h"
#include "quiver/datasource/parquet/bit_unpack.h"
#include "quiver/datasource/parquet/encoding.h"
#include "quiver/datasource/parquet/footer.h"
#include "quiver/datasource/parquet/page_reader.h"
#include "quiver/datasource/parquet/rle.h"

namespace quiver::parquet {

namespace {

Status Corrupt(const std::string& what) { return Status::IO("corrupt Parquet page: " + what); }

// Deprecated BIT_PACKED levels: packed from the most significant bit.
Status DecodeBitPackedLevels(const uint8_t* data, int64_t len, int bw, int64_t n, int16_t* out,
                             int64_t* used) {
  int64_t bytes = (n * bw + 7) / 8;
  if (bytes > len) return Corrupt("BIT_PACKED levels truncated");
  int64_t bit = 0;
  for (int64_t i = 0; i < n; ++i) {
    int v = 0;
    for (int b = 0; b < bw; ++b, ++bit) v = (v << 1) | ((data[bit >> 3] >> (7 - (bit & 7))) & 1);
    out[i] = static_cast<int16_t>(v);
  }
  *used = bytes;
  return Status::OK();
}

Status DecodeRleLevels(const uint8_t* data, int64_t len, int bw, int64_t n, int16_t* out) {
  RleBitPackedDecoder dec(data, len, bw);
  int64_t done = 0;
  while (done < n) {
    int k = static_cast<int>(std::min<int64_t>(n - done, 1 << 20));
    QUIVER_ASSIGN_OR_RAISE(int got, dec.GetBatch(out + done, k));
    if (got == 0) return Corrupt("level data ends early");
    done += got;
  }
  return Status::OK();
}

// V1 levels: RLE with a 4-byte length prefix, or BIT_PACKED.
// The byte length of V1 RLE levels, read from their 4-byte prefix at `p`
// (which moves past it) and checked against the page end.
Result<uint32_t> LevelLength(const uint8_t*& p, const uint8_t* end) {
  if (end - p < 4) return Corrupt("level length missing");
  uint32_t l;
  std::memcpy(&l, p, 4);
  p += 4;
  if (l > static_cast<uint64_t>(end - p)) return Corrupt("level length exceeds page");
  return l;
}

Status DecodeV1Levels(Encoding enc, const uint8_t*& p, const uint8_t* end, int16_t max_level,
                      int64_t n, int16_t* out) {
  int bw = BitWidth(static_cast<uint64_t>(max_level));
  if (enc == Encoding::kRle) {
    QUIVER_ASSIGN_OR_RAISE(const uint32_t l, LevelLength(p, end));
    QUIVER_RETURN_NOT_OK(DecodeRleLevels(p, l, bw, n, out));
    p += l;
    return Status::OK();
  }
  if (enc == Encoding::kBitPacked) {
    int64_t used = 0;
    QUIVER_RETURN_NOT_OK(DecodeBitPackedLevels(p, end - p, bw, n, out, &used));
    p += used;
    return Status::OK();
  }
  return Status::NotImplemented(std::string("Parquet level encoding ") + EncodingName(enc));
}

// Width-1 RLE definition levels straight into validity bits from bit `at`.
Status DecodeRleLevelBits(const uint8_t* data, int64_t len, int64_t n, uint8_t* bits, int64_t at,
                          int64_t* present) {
  RleBitPackedDecoder dec(data, len, 1);
  QUIVER_ASSIGN_OR_RAISE(int64_t got, dec.GetBits(bits, at, n, present));
  if (got < n) return Corrupt("level data ends early");
  return Status::OK();
}

// V1 definition levels of a flat optional column as validity bits.
Status DecodeV1LevelBits(Encoding enc, const uint8_t*& p, const uint8_t* end, int64_t n,
                         uint8_t* bits, int64_t at, int64_t* present) {
  if (enc == Encoding::kRle) {
    QUIVER_ASSIGN_OR_RAISE(const uint32_t l, LevelLength(p, end));
    QUIVER_RETURN_NOT_OK(DecodeRleLevelBits(p, l, n, bits, at, present));
    p += l;
    return Status::OK();
  }
  // Deprecated BIT_PACKED and others: through int16 levels.
  std::vector<int16_t> levels(static_cast<size_t>(n));
  QUIVER_RETURN_NOT_OK(DecodeV1Levels(enc, p, end, 1, n, levels.data()));
  for (int64_t i = 0; i < n; ++i) {
    if (levels[i] < 0 || levels[i] > 1) return Corrupt("level exceeds the column's maximum");
    bit_util::SetBitTo(bits, at + i, levels[i] == 1);
    *present += levels[i];
  }
  return Status::OK();
}

Status CheckLevels(const int16_t* l, int64_t n, int16_t max) {
  int16_t bad = 0;
  for (int64_t i = 0; i < n; ++i) bad |= static_cast<int16_t>(l[i] > max || l[i] < 0);
  return bad ? Corrupt("level exceeds the column's maximum") : Status::OK();
}

class ChunkDecoder {
 public:
  // `bits`: a top-level optional column's levels go to out->valid.
  ChunkDecoder(const LeafColumn& leaf, int64_t limit, LeafData* out, bool bits = false)
      : leaf_(leaf), limit_(limit), out_(out), bits_(bits) {}

  Status OnDictionary(const Page& page) {
    if (dict_) return Corrupt("second dictionary page in a column chunk");
    const auto& h = *page.header.dictionary_page_header;
    if (h.encoding != Encoding::kPlain && h.encoding != Encoding::kPlainDictionary) {
      return Status::NotImplemented("dictionary page encoding " +
                                    std::string(EncodingName(h.encoding)));
    }
    QUIVER_ASSIGN_OR_RAISE(dict_, DecodeDictionaryPage(out_->type, out_->type_length, h.num_values,
                                                       page.data, page.size, page.owner));
    if (out_->type == PhysicalType::kByteArray || out_->type == PhysicalType::kFixedLenByteArray) {
      QUIVER_RETURN_NOT_OK(FlattenDictionary());
    }
    return Status::OK();
  }

  Status OnData(const Page& page) {
    const uint8_t* p = page.data;
    const uint8_t* end = page.data + page.size;
    int64_t n;
    Encoding enc;
    const int64_t at = out_->num_levels;
    const bool first_page = seen_ == 0;
    int64_t bits_present = 0;
    if (page.header.type == PageType::kDataPage) {
      const auto& h = *page.header.data_page_header;
      n = h.num_values;
      enc = h.encoding;
      QUIVER_RETURN_NOT_OK(Grow(n));
      if (leaf_.max_rep > 0) {
        QUIVER_RETURN_NOT_OK(DecodeV1Levels(h.repetition_level_encoding, p, end, leaf_.max_rep, n,
                                            out_->rep.data() + at));
      }
      if (bits_) {
        QUIVER_RETURN_NOT_OK(DecodeV1LevelBits(h.definition_level_encoding, p, end, n,
                                               out_->valid.data(), at, &bits_present));
      } else if (leaf_.max_def > 0) {
        QUIVER_RETURN_NOT_OK(DecodeV1Levels(h.definition_level_encoding, p, end, leaf_.max_def, n,
                                            out_->def.data() + at));
      }
    } else {
      const auto& h = *page.header.data_page_header_v2;
      n = h.num_values;
      enc = h.encoding;
      QUIVER_RETURN_NOT_OK(Grow(n));
      int64_t rl = h.repetition_levels_byte_length, dl = h.definition_levels_byte_length;
      if (leaf_.max_rep > 0) {
        QUIVER_RETURN_NOT_OK(
            DecodeRleLevels(p, rl, BitWidth(leaf_.max_rep), n, out_->rep.data() + at));
      }
      if (bits_) {
        QUIVER_RETURN_NOT_OK(DecodeRleLevelBits(p + rl, dl, n, out_->valid.data(), at,
                                                &bits_present));
      } else if (leaf_.max_def > 0) {
        QUIVER_RETURN_NOT_OK(
            DecodeRleLevels(p + rl, dl, BitWidth(leaf_.max_def), n, out_->def.data() + at));
      }
      p += rl + dl;
    }
    if (leaf_.max_rep > 0) {
      QUIVER_RETURN_NOT_OK(CheckLevels(out_->rep.data() + at, n, leaf_.max_rep));
      if (n > 0 && first_page && out_->rep[at] != 0) return Corrupt("first repetition level not 0");
    }
    int64_t present = bits_ ? bits_present : n;
    if (leaf_.max_def > 0 && !bits_) {
      // One pass: range check and count of present values.
      const int16_t* d = out_->def.data() + at;
      const int16_t max = leaf_.max_def;
      int16_t bad = 0;
      present = 0;
      for (int64_t i = 0; i < n; ++i) {
        bad |= static_cast<int16_t>(static_cast<uint16_t>(d[i]) > static_cast<uint16_t>(max));
        present += d[i] == max;
      }
      if (bad) return Corrupt("level exceeds the column's maximum");
    }
    out_->num_levels += n;
    seen_ += n;
    if (present > 0) {
      queue_.push_back({page.owner, enc, p, static_cast<int64_t>(end - p), present});
      queued_values_ += present;
    }
    return Status::OK();
  }

  /// Values of data pages whose levels were decoded but whose values were not.
  int64_t queued_values() const { return queued_values_; }

  /// Drops the next `n` queued values; pages skipped whole are never decoded.
  Status SkipValues(int64_t n) {
    if (n > queued_values_) return Corrupt("fewer values than levels require");
    while (n > 0) {
      if (active_left_ == 0 && !queue_.empty() && queue_.front().values <= n) {
        n -= queue_.front().values;
        queued_values_ -= queue_.front().values;
        queue_.pop_front();
        continue;
      }
      if (active_left_ == 0) QUIVER_RETURN_NOT_OK(StartPage());
      const int64_t k = std::min(n, active_left_);
      LeafData scratch;
      scratch.type = out_->type;
      scratch.type_length = out_->type_length;
      QUIVER_RETURN_NOT_OK(DecodeValues(k, &scratch));
      active_left_ -= k;
      queued_values_ -= k;
      n -= k;
    }
    return Status::OK();
  }

  /// Decodes the next `n` queued values, appending them to `dst`.
  Status TakeValues(int64_t n, LeafData* dst) {
    if (n > queued_values_) return Corrupt("fewer values than levels require");
    while (n > 0) {
      if (active_left_ == 0) QUIVER_RETURN_NOT_OK(StartPage());
      const int64_t k = std::min(n, active_left_);
      QUIVER_RETURN_NOT_OK(DecodeValues(k, dst));
      active_left_ -= k;
      queued_values_ -= k;
      n -= k;
    }
    return Status::OK();
  }

  /// Levels decoded so far over the whole chunk.
  int64_t seen() const { return seen_; }
  /// Counts levels of pages passed over undecoded.
  Status AddSkipped(int64_t n) {
    if (n > limit_ - seen_) return Corrupt("page claims more values than its column chunk");
    seen_ += n;
    return Status::OK();
  }

 private:
  Status Grow(int64_t n) {
    // Bounds the allocation: pages may not claim more values than the chunk.
    if (n < 0 || n > limit_ - seen_) {
      return Corrupt("page claims more values than its column chunk");
    }
    if (leaf_.max_rep > 0) out_->rep.resize(out_->num_levels + n);
    if (bits_) {
      out_->valid.resize(static_cast<size_t>(bit_util::BytesForBits(out_->num_levels + n)));
    } else if (leaf_.max_def > 0) {
      out_->def.resize(out_->num_levels + n);
    }
    return Status::OK();
  }

  // Makes the oldest queued page the one values are decoded from.
  Status StartPage() {
    if (queue_.empty()) return Corrupt("fewer values than levels require");
    ValuePage page = std::move(queue_.front());
    queue_.pop_front();
    active_is_dict_ =
        page.encoding == Encoding::kPlainDictionary || page.encoding == Encoding::kRleDictionary;
    if (active_is_dict_) {
      if (!dict_) return Corrupt("dictionary-encoded page without a dictionary page");
      if (!dict_decoder_) dict_decoder_ = MakeDictionaryDecoder(dict_);
      active_ = dict_decoder_.get();
    } else {
      auto& slot = decoders_[static_cast<int>(page.encoding) & 15];
      if (!slot) {
        QUIVER_ASSIGN_OR_RAISE(slot, MakeDecoder(page.encoding, out_->type, out_->type_length));
      }
      active_ = slot.get();
    }
    QUIVER_RETURN_NOT_OK(active_->SetData(page.values, page.data, page.size));
    active_page_ = std::move(page.owner);  // the decoder reads from it
    active_left_ = page.values;
    return Status::OK();
  }

  // Decodes `n` values of the active page into `dst`.
  Status DecodeValues(int64_t n, LeafData* dst) {
    const int width = DecodedValueSize(dst->type);
    const bool binary =
        dst->type == PhysicalType::kByteArray || dst->type == PhysicalType::kFixedLenByteArray;
    int64_t got;
    if (!binary) {
      size_t at = dst->fixed.size();
      dst->fixed.resize(at + static_cast<size_t>(n) * width);
      QUIVER_ASSIGN_OR_RAISE(got, active_->Decode(dst->fixed.data() + at, n));
    } else if (active_is_dict_) {
      QUIVER_ASSIGN_OR_RAISE(got, GatherDictionary(n, dst));
    } else if (const int64_t bound = active_->ByteBound(); bound >= 0) {
      // Copied straight from the page: no views, no length pass.
      if (dst->bin_offsets.empty()) dst->bin_offsets.push_back(0);
      const size_t at = dst->bin_data.size();
      dst->bin_data.resize(at + static_cast<size_t>(bound + kCopySlack));
      const size_t first = dst->bin_offsets.size();
      dst->bin_offsets.resize(first + static_cast<size_t>(n));
      QUIVER_ASSIGN_OR_RAISE(got, active_->DecodeFlat(dst->bin_data.data() + at,
                                                      static_cast<int64_t>(at),
                                                      dst->bin_offsets.data() + first, n));
      dst->bin_offsets.resize(first + static_cast<size_t>(got));
      dst->bin_data.resize(static_cast<size_t>(dst->bin_offsets.back()));
    } else {
      views_.resize(n);
      QUIVER_ASSIGN_OR_RAISE(got, active_->Decode(views_.data(), n));
      if (dst->bin_offsets.empty()) dst->bin_offsets.push_back(0);
      int64_t total = 0;
      for (int64_t i = 0; i < got; ++i) total += views_[i].len;
      size_t at = dst->bin_data.size();
      dst->bin_data.resize(at + total);
      uint8_t* out = dst->bin_data.data() + at;
      int64_t off = static_cast<int64_t>(at);
      const size_t first = dst->bin_offsets.size();
      dst->bin_offsets.resize(first + got);
      int64_t* offsets = dst->bin_offsets.data() + first;
      for (int64_t i = 0; i < got; ++i) {
        if (dst->type == PhysicalType::kFixedLenByteArray &&
            views_[i].len != static_cast<uint32_t>(dst->type_length)) {
          return Corrupt("FIXED_LEN_BYTE_ARRAY value of the wrong length");
        }
        if (views_[i].len) std::memcpy(out, views_[i].ptr, views_[i].len);
        out += views_[i].len;
        off += views_[i].len;
        offsets[i] = off;
      }
    }
    if (got != n) return Corrupt("page holds fewer values than its levels say");
    dst->num_values += n;
    return Status::OK();
  }

  // Byte-array dictionaries are copied once into one contiguous buffer with
  // offsets, so that gathering a page's values is a run of memcpy with no
  // per-value views or length checks (the checks happened here, once).
  Status FlattenDictionary() {
    const auto* views = reinterpret_cast<const ByteArray*>(dict_->values.data());
    const bool flba = out_->type == PhysicalType::kFixedLenByteArray;
    dict_offsets_.resize(static_cast<size_t>(dict_->size) + 1);
    int64_t total = 0;
    for (int64_t i = 0; i < dict_->size; ++i) {
      if (flba && views[i].len != static_cast<uint32_t>(out_->type_length)) {
        return Corrupt("FIXED_LEN_BYTE_ARRAY value of the wrong length");
      }
      dict_offsets_[i] = total;
      total += views[i].len;
    }
    dict_offsets_[dict_->size] = total;
    dict_max_len_ = 0;
    for (int64_t i = 0; i < dict_->size; ++i) {
      dict_max_len_ = std::max<int64_t>(dict_max_len_, views[i].len);
    }
    // Slack after the last value: short values are copied as 16 bytes.
    dict_bytes_.resize(static_cast<size_t>(total) + kCopySlack);
    for (int64_t i = 0; i < dict_->size; ++i) {
      if (views[i].len)
        std::memcpy(dict_bytes_.data() + dict_offsets_[i], views[i].ptr, views[i].len);
    }
    return Status::OK();
  }

  // Decodes `n` dictionary-encoded byte-array values of the active page into `dst`.
  Result<int64_t> GatherDictionary(int64_t n, LeafData* dst) {
    indices_.resize(static_cast<size_t>(n));
    QUIVER_ASSIGN_OR_RAISE(int64_t got, active_->DecodeIndices(indices_.data(), n));
    const uint32_t* idx = indices_.data();
    const int64_t* doff = dict_offsets_.data();
    // Short values: room for the longest in every slot, filled in one pass
    // (the buffer is not zero-filled, so the unused room costs nothing).
    // Otherwise a first pass sums the lengths.
    int64_t total = got * dict_max_len_;
    const bool one_pass = dict_max_len_ <= 64 || total <= (int64_t{1} << 24);
    if (!one_pass) {
      total = 0;
      for (int64_t i = 0; i < got; ++i) total += doff[idx[i] + 1] - doff[idx[i]];
    }
    if (dst->bin_offsets.empty()) dst->bin_offsets.push_back(0);
    const size_t at = dst->bin_data.size();
    dst->bin_data.resize(at + static_cast<size_t>(total) + kCopySlack);
    uint8_t* out = dst->bin_data.data() + at;
    const uint8_t* src = dict_bytes_.data();
    const size_t first = dst->bin_offsets.size();
    dst->bin_offsets.resize(first + static_cast<size_t>(got));
    int64_t* offsets = dst->bin_offsets.data() + first;
    int64_t off = static_cast<int64_t>(at);
    for (int64_t i = 0; i < got; ++i) {
      const int64_t b = doff[idx[i]];
      const int64_t len = doff[idx[i] + 1] - b;
      // Fixed-size copies inline; both buffers have the slack.
      if (len <= 16) {
        std::memcpy(out, src + b, 16);
      } else if (len <= kCopySlack) {
        std::memcpy(out, src + b, kCopySlack);
      } else {
        std::memcpy(out, src + b, static_cast<size_t>(len));
      }
      out += len;
      off += len;
      offsets[i] = off;
    }
    dst->bin_data.resize(static_cast<size_t>(off));
    return got;
  }

  static constexpr int64_t kCopySlack = 32;

  struct ValuePage {
    std::shared_ptr<const void> owner;
    Encoding encoding;
    const uint8_t* data;
    int64_t size;
    int64_t values;
  };

  const LeafColumn& leaf_;
  int64_t limit_;
  LeafData* out_;
  bool bits_;
  int64_t seen_ = 0;
  std::shared_ptr<Dictionary> dict_;
  std::unique_ptr<ValueDecoder> dict_decoder_;
  std::unique_ptr<ValueDecoder> decoders_[16];
  std::vector<ByteArray> views_;
  std::deque<ValuePage> queue_;
  int64_t queued_values_ = 0;
  ValueDecoder* active_ = nullptr;
  bool active_is_dict_ = false;
  std::vector<int64_t> dict_offsets_;  // byte-array dictionaries, flattened
  std::vector<uint8_t> dict_bytes_;
  int64_t dict_max_len_ = 0;
  std::vector<uint32_t> indices_;
  std::shared_ptr<const void> active_page_;
  int64_t active_left_ = 0;
};

}  // namespace

Result<ChunkRange> CheckedChunkRange(const ColumnChunk& chunk, const LeafColumn& leaf,
                                     int64_t file_size) {
  if (chunk.file_path) return Status::NotImplemented("Parquet column chunks in external files");
  if (!chunk.meta_data) return Status::IO("corrupt Parquet file: column chunk without metadata");
  const ColumnMetaData& md = *chunk.meta_data;
  if (md.type != *leaf.element->type) {
    return Status::IO("column chunk type differs from the schema");
  }
  if (md.num_values < 0) return Status::IO("corrupt Parquet file: negative value count");
  return ColumnChunkRange(md, file_size);
}

Result<LeafData> ReadColumnChunk(RandomAccessSource& source, const ColumnChunk& chunk,
                                 const LeafColumn& leaf) {
  QUIVER_ASSIGN_OR_RAISE(ChunkRange range, CheckedChunkRange(chunk, leaf, source.Size()));
  const ColumnMetaData& md = *chunk.meta_data;
  LeafData out;
  out.type = *leaf.element->type;
  out.type_length = leaf.element->type_length.value_or(0);
  QUIVER_ASSIGN_OR_RAISE(ByteRange bytes, source.ReadAt(range.start, range.length));
  PageReader pages(std::move(bytes), md.codec, md.num_values);
  ChunkDecoder dec(leaf, md.num_values, &out);
  while (true) {
    QUIVER_ASSIGN_OR_RAISE(std::optional<Page> page, pages.Next());
    if (!page) break;
    if (page->header.type == PageType::kDictionaryPage) {
      QUIVER_RETURN_NOT_OK(dec.OnDictionary(*page));
    } else {
      QUIVER_RETURN_NOT_OK(dec.OnData(*page));
      QUIVER_RETURN_NOT_OK(dec.TakeValues(dec.queued_values(), &out));
    }
  }
  if (out.num_levels != md.num_values) {
    return Status::IO("corrupt Parquet file: column chunk holds " + std::to_string(out.num_levels) +
                      " values, metadata says " + std::to_string(md.num_values));
  }
  if (out.bin_offsets.empty()) out.bin_offsets.push_back(0);
  return out;
}

// ------------------------------------------------------------ streaming

struct ColumnChunkStream::Impl {
  Impl(ByteRange bytes, const ColumnMetaData& md, const LeafColumn& leaf)
      : leaf(leaf),
        num_values(md.num_values),
        pages(std::move(bytes), md.codec, md.num_values),
        bits(leaf.max_def == 1 && leaf.max_rep == 0 && leaf.path.size() == 1),
        dec(leaf, md.num_values, &pending, bits) {
    pending.type = *leaf.element->type;
    pending.type_length = leaf.element->type_length.value_or(0);
    binary = pending.type == PhysicalType::kByteArray ||
             pending.type == PhysicalType::kFixedLenByteArray;
    width = binary ? 0 : DecodedValueSize(pending.type);
  }

  // Decodes pages until `rows` whole rows are buffered or the chunk ends;
  // returns the number of levels those rows span.
  Result<int64_t> Buffer(int64_t rows) {
    while (true) {
      const int64_t avail = pending.num_levels - pos;
      if (leaf.max_rep == 0) {
        if (avail >= rows || exhausted) return std::min(avail, rows);
      } else {
        // A row ends where the next one (rep == 0) starts.
        int64_t found = 0;
        for (int64_t i = pos + 1; i < pending.num_levels; ++i) {
          if (pending.rep[i] == 0 && ++found == rows) return i - pos;
        }
        if (exhausted) return avail;
      }
      QUIVER_RETURN_NOT_OK(NextPage());
    }
  }

  // Decodes the next data page's levels (after passing over up to `budget`
  // values of whole pages, counted in `*skipped`).
  Status NextPage(int64_t budget = 0, int64_t* skipped = nullptr) {
    Compact();
    while (true) {
      int64_t passed = 0;
      QUIVER_ASSIGN_OR_RAISE(std::optional<Page> page,
                             skipped ? pages.NextSkipping(budget, &passed) : pages.Next());
      if (passed > 0) {
        QUIVER_RETURN_NOT_OK(dec.AddSkipped(passed));
        *skipped += passed;
        budget -= passed;
      }
      if (!page) {
        exhausted = true;
        if (whole_chunk && dec.seen() != num_values) {
          return Status::IO("corrupt Parquet file: column chunk holds " +
                            std::to_string(dec.seen()) + " values, metadata says " +
                            std::to_string(num_values));
        }
        return Status::OK();
      }
      if (page->header.type == PageType::kDictionaryPage) {
        QUIVER_RETURN_NOT_OK(dec.OnDictionary(*page));
        continue;
      }
      return dec.OnData(*page);
    }
  }

  // Drops the consumed prefix of the level buffer.
  void Compact() {
    if (pos == 0) return;
    if (leaf.max_rep > 0) pending.rep.erase(pending.rep.begin(), pending.rep.begin() + pos);
    if (bits) {
      const int64_t left = pending.num_levels - pos;
      std::vector<uint8_t> rest(static_cast<size_t>(bit_util::BytesForBits(left)));
      CopyBits(pending.valid.data(), static_cast<int64_t>(pending.valid.size()), pos, left,
               rest.data(), 0);
      pending.valid.swap(rest);
    } else if (leaf.max_def > 0) {
      pending.def.erase(pending.def.begin(), pending.def.begin() + pos);
    }
    pending.num_levels -= pos;
    pos = 0;
  }

  // Top-level columns: rows are levels, so pages wholly inside the skipped
  // rows are passed over without decompressing them.
  Status SkipRows(int64_t rows) {
    while (rows > 0) {
      const int64_t take = std::min(rows, pending.num_levels - pos);
      QUIVER_RETURN_NOT_OK(Skip(take));
      rows -= take;
      if (rows == 0) break;
      if (exhausted) return Status::IO("corrupt Parquet file: column chunk ends early");
      Compact();
      int64_t skipped = 0;
      QUIVER_RETURN_NOT_OK(NextPage(rows, &skipped));
      rows -= skipped;
    }
    return Status::OK();
  }

  // Present values among the next `levels` buffered levels.
  int64_t PresentValues(int64_t levels) const {
    if (bits) return bit_util::CountSetBits(pending.valid.data(), pos, levels);
    if (leaf.max_def == 0) return levels;
    int64_t values = 0;
    const int16_t* d = pending.def.data() + pos;
    for (int64_t i = 0; i < levels; ++i) values += d[i] == leaf.max_def;
    return values;
  }

  Status Skip(int64_t levels) {
    const int64_t values = PresentValues(levels);
    pos += levels;
    return dec.SkipValues(values);
  }

  // Moves `levels` buffered levels into `out` and decodes their values
  // straight from the pages into it.
  Status Take(int64_t levels, LeafData* out) {
    const int64_t values = PresentValues(levels);
    *out = LeafData();
    out->type = pending.type;
    out->type_length = pending.type_length;
    out->num_levels = levels;
    if (leaf.max_rep == 0 && values == levels) {
      // No nulls at any depth: levels carry nothing the assembler needs.
      pos += levels;
    } else if (bits) {
      out->null_count = levels - values;
      if (pos == 0 && levels == pending.num_levels) {
        out->valid.swap(pending.valid);
        pending.valid.clear();
        pending.num_levels = 0;
      } else {
        out->valid.resize(static_cast<size_t>(bit_util::BytesForBits(levels)));
        CopyBits(pending.valid.data(), static_cast<int64_t>(pending.valid.size()), pos, levels,
                 out->valid.data(), 0);
        pos += levels;
      }
    } else if (pos == 0 && levels == pending.num_levels) {
      // Everything buffered: hand the levels over.
      out->def.swap(pending.def);
      out->rep.swap(pending.rep);
      pending.def.clear();
      pending.rep.clear();
      pending.num_levels = 0;
    } else {
      if (leaf.max_def > 0) {
        out->def.assign(pending.def.begin() + pos, pending.def.begin() + pos + levels);
      }
      if (leaf.max_rep > 0) {
        out->rep.assign(pending.rep.begin() + pos, pending.rep.begin() + pos + levels);
      }
      pos += levels;
    }
    if (binary) {
      out->bin_offsets.reserve(values + 1);
      out->bin_offsets.push_back(0);
    } else {
      out->fixed.reserve(values * width);
    }
    return dec.TakeValues(values, out);
  }

  const LeafColumn& leaf;
  int64_t num_values;
  PageReader pages;
  LeafData pending;
  bool bits;  // levels as validity bits (pending.valid)
  ChunkDecoder dec;
  bool binary = false;
  int width = 0;
  bool exhausted = false;
  bool whole_chunk = true;  // false: the pages start inside the chunk
  int64_t pos = 0;          // first unconsumed level in `pending`
};

ColumnChunkStream::ColumnChunkStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ColumnChunkStream::~ColumnChunkStream() = default;

Result<std::unique_ptr<ColumnChunkStream>> ColumnChunkStream::Open(ByteRange bytes,
                                                                   const ColumnChunk& chunk,
                                                                   const LeafColumn& leaf) {
  if (!chunk.meta_data) return Status::IO("corrupt Parquet file: column chunk without metadata");
  return std::unique_ptr<ColumnChunkStream>(
      new ColumnChunkStream(std::make_unique<Impl>(std::move(bytes), *chunk.meta_data, leaf)));
}

Result<std::unique_ptr<ColumnChunkStream>> ColumnChunkStream::OpenFrom(ByteRange dictionary,
                                                                       ByteRange data_pages,
                                                                       const ColumnChunk& chunk,
                                                                       const LeafColumn& leaf) {
  if (!chunk.meta_data) return Status::IO("corrupt Parquet file: column chunk without metadata");
  auto impl = std::make_unique<Impl>(std::move(data_pages), *chunk.meta_data, leaf);
  impl->whole_chunk = false;
  if (dictionary.size > 0) {
    PageReader pages(std::move(dictionary), chunk.meta_data->codec, chunk.meta_data->num_values);
    QUIVER_ASSIGN_OR_RAISE(std::optional<Page> page, pages.Next());
    if (!page || page->header.type != PageType::kDictionaryPage) {
      return Status::IO("corrupt Parquet file: no dictionary page where the column chunk starts");
    }
    QUIVER_RETURN_NOT_OK(impl->dec.OnDictionary(*page));
  }
  return std::unique_ptr<ColumnChunkStream>(new ColumnChunkStream(std::move(impl)));
}

Status ColumnChunkStream::Skip(int64_t rows) {
  if (held_rows_ > 0) {
    LeafData dropped;
    const int64_t n = std::min(rows, held_rows_);
    TakeHeld(n, &dropped);
    rows -= n;
    if (rows == 0) return Status::OK();
  }
  if (impl_->leaf.max_rep == 0) return impl_->SkipRows(rows);
  QUIVER_ASSIGN_OR_RAISE(int64_t levels, impl_->Buffer(rows));
  return impl_->Skip(levels);
}

Status ColumnChunkStream::Next(int64_t rows, LeafData* out) {
  if (held_rows_ == 0) {
    QUIVER_ASSIGN_OR_RAISE(int64_t levels, impl_->Buffer(rows));
    return impl_->Take(levels, out);
  }
  if (rows < held_rows_) {
    TakeHeld(rows, out);
    return Status::OK();
  }
  // The held rows and then any more from the pages.
  const int64_t held = held_rows_;
  TakeHeld(held_rows_, out);
  if (rows == held || out->num_levels == 0) return Status::OK();
  return Status::Internal("ColumnChunkStream::Next asked for " + std::to_string(rows) +
                          " rows, more than the " + std::to_string(held) + " it held");
}

namespace {

// Row boundaries of `d`'s levels: the level index each row starts at, plus
// the level count at the end.
std::vector<int64_t> RowStarts(const LeafData& d, int16_t max_rep) {
  std::vector<int64_t> starts;
  for (int64_t i = 0; i < d.num_levels; ++i) {
    if (max_rep == 0 || d.rep[i] == 0) starts.push_back(i);
  }
  starts.push_back(d.num_levels);
  return starts;
}

// Values in levels [from, to) of `d`.
int64_t ValuesIn(const LeafData& d, int64_t from, int64_t to, int16_t max_def) {
  if (!d.valid.empty()) return bit_util::CountSetBits(d.valid.data(), from, to - from);
  if (d.def.empty()) return to - from;
  return std::count(d.def.begin() + from, d.def.begin() + to, max_def);
}

// Moves the first `n` bits of `from` (of `total`) to `to`.
void SplitBits(std::vector<uint8_t>& from, int64_t n, int64_t total, std::vector<uint8_t>* to) {
  to->assign(bit_util::BytesForBits(n), 0);
  bit_util::CopyBitmap(from.data(), 0, n, to->data(), 0);
  std::vector<uint8_t> rest(bit_util::BytesForBits(total - n), 0);
  bit_util::CopyBitmap(from.data(), n, total - n, rest.data(), 0);
  from.swap(rest);
}

}  // namespace

Result<int64_t> ColumnChunkStream::Hold(int64_t rows, int64_t max_bytes) {
  if (held_rows_ == 0) {
    QUIVER_ASSIGN_OR_RAISE(int64_t levels, impl_->Buffer(rows));
    QUIVER_RETURN_NOT_OK(impl_->Take(levels, &held_));
    // Buffer() spans exactly `rows` rows unless the chunk ended first.
    held_rows_ = impl_->leaf.max_rep == 0 ? levels
                 : !impl_->exhausted
                     ? rows
                     : static_cast<int64_t>(RowStarts(held_, impl_->leaf.max_rep).size()) - 1;
  }
  const int64_t n = std::min(rows, held_rows_);
  if (held_.bin_offsets.empty() || held_.bin_offsets.back() <= max_bytes) return n;
  const std::vector<int64_t> starts = RowStarts(held_, impl_->leaf.max_rep);
  const int16_t max_def = impl_->leaf.max_def;
  int64_t fit = 1, values = ValuesIn(held_, 0, starts[1], max_def);
  while (fit < n) {
    const int64_t next = values + ValuesIn(held_, starts[fit], starts[fit + 1], max_def);
    if (held_.bin_offsets[next] > max_bytes) break;
    values = next;
    ++fit;
  }
  return fit;
}

void ColumnChunkStream::TakeHeld(int64_t rows, LeafData* out) {
  if (rows >= held_rows_) {
    *out = std::move(held_);
    held_ = LeafData();
    held_rows_ = 0;
    return;
  }
  const int16_t max_rep = impl_->leaf.max_rep, max_def = impl_->leaf.max_def;
  const int64_t levels = max_rep == 0 ? rows : RowStarts(held_, max_rep)[rows];
  const int64_t values = ValuesIn(held_, 0, levels, max_def);
  LeafData& h = held_;
  *out = LeafData();
  out->type = h.type;
  out->type_length = h.type_length;
  out->num_levels = levels;
  out->num_values = values;
  auto split = [](auto& from, int64_t n, auto& to) {
    to.assign(from.begin(), from.begin() + n);
    from.erase(from.begin(), from.begin() + n);
  };
  if (!h.def.empty()) split(h.def, levels, out->def);
  if (!h.valid.empty()) {
    SplitBits(h.valid, levels, h.num_levels, &out->valid);
    out->null_count = levels - values;
    h.null_count -= out->null_count;
  }
  if (!h.rep.empty()) split(h.rep, levels, out->rep);
  if (!h.bin_offsets.empty()) {
    const int64_t bytes = h.bin_offsets[values];
    split(h.bin_data, bytes, out->bin_data);
    split(h.bin_offsets, values, out->bin_offsets);
    out->bin_offsets.push_back(bytes);
    for (int64_t& o : h.bin_offsets) o -= bytes;
  } else {
    split(h.fixed, values * DecodedValueSize(h.type), out->fixed);
  }
  h.num_levels -= levels;
  h.num_values -= values;
  held_rows_ -= rows;
}

}  // namespace quiver::parquet
