#include "quiver/datasource/csv/column_decoder.h"

#include <re2/re2.h>

#include <cstring>

#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/builder.h"
#include "quiver/arrow/temporal.h"
#include "quiver/datasource/csv/field_parsers.h"

namespace quiver::csv::internal {

Result<std::shared_ptr<NullMatcher>> NullMatcher::Make(const CsvReadOptions& options) {
  auto m = std::make_shared<NullMatcher>();
  m->values_ = options.null_values;
  if (!options.null_regex.empty()) {
    m->regex_ = std::make_unique<re2::RE2>(options.null_regex, re2::RE2::Quiet);
    if (!m->regex_->ok()) {
      return Status::Configuration("invalid CSV null_regex '" + options.null_regex +
                                   "': " + m->regex_->error());
    }
  }
  m->simple_ = m->values_.empty() && !m->regex_;
  return m;
}

NullMatcher::~NullMatcher() = default;

bool NullMatcher::IsNull(std::string_view text, bool quoted, bool string_column) const {
  for (const auto& v : values_) {
    if (text == v) return true;
  }
  if (regex_) return re2::RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *regex_);
  return text.empty() && !(string_column && quoted);
}

namespace {

std::string Shorten(std::string_view text) {
  if (text.size() <= 80) return std::string(text);
  return std::string(text.substr(0, 77)) + "...";
}

class DecoderBase : public ColumnDecoder {
 public:
  DecoderBase(FieldPtr field, int index, const Tokenizer* tok, const NullMatcher* nulls)
      : field_(std::move(field)), index_(index), tok_(tok), nulls_(nulls) {}

 protected:
  Status BeginValidity(int64_t capacity) {
    QUIVER_ASSIGN_OR_RAISE(validity_, AllocateBuffer(bit_util::BytesForBits(capacity)));
    std::memset(validity_->mutable_data(), 0xFF, static_cast<size_t>(validity_->size()));
    length_ = 0;
    null_count_ = 0;
    return Status::OK();
  }
  void SetNull(int64_t i) {
    bit_util::ClearBit(validity_->mutable_data(), i);
    ++null_count_;
  }
  Result<BufferPtr> FinishValidity() {
    if (null_count_ == 0) return BufferPtr();
    QUIVER_RETURN_NOT_OK(validity_->Resize(bit_util::BytesForBits(length_), false));
    return std::move(validity_);
  }
  Status ParseError(std::string_view text, int64_t line) const {
    return Status::Arrow("Parser error: Error while parsing value '" + Shorten(text) +
                         "' as type " + field_->type()->ToString() + " for column " +
                         std::to_string(index_ + 1) + " ('" + field_->name() + "') at " +
                         tok_->LineText(line));
  }

  // Calls fn(text, chunk_row, is_null) for column `col` of every row.
  template <bool kString, typename Fn>
  Status ForEach(const TokenizedRows& rows, int col, Fn&& fn) {
    const FieldSpan* sp = rows.spans.data() + col;
    const int stride = rows.num_cols;
    const char* base = rows.base;
    const bool simple = nulls_->simple();
    for (int64_t r = 0; r < rows.num_rows; ++r) {
      FieldSpan s = sp[r * stride];
      uint32_t flags = s.start & kSpanFlags;
      std::string_view text;
      bool is_null;
      if (flags == 0) {
        text = std::string_view(base + s.start, s.end - s.start);
        is_null = simple ? text.empty() : nulls_->IsNull(text, false, kString);
      } else if (flags == kSpanMissing) {
        is_null = true;
      } else {
        text = tok_->FieldText(base, s, &scratch_);
        is_null = simple ? (text.empty() && !kString) : nulls_->IsNull(text, true, kString);
      }
      QUIVER_RETURN_NOT_OK(fn(text, r, is_null));
    }
    return Status::OK();
  }

  FieldPtr field_;
  int index_;
  const Tokenizer* tok_;
  const NullMatcher* nulls_;
  BufferPtr validity_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  std::string scratch_;
};

// Fixed-width values parsed by `Parse` (a functor: bool(string_view, T*)).
template <typename T, typename Parse>
class PrimitiveDecoder : public DecoderBase {
 public:
  PrimitiveDecoder(FieldPtr field, int index, const Tokenizer* tok, const NullMatcher* nulls,
                   Parse parse)
      : DecoderBase(std::move(field), index, tok, nulls), parse_(std::move(parse)) {}

  Status Begin(int64_t capacity) override {
    QUIVER_RETURN_NOT_OK(BeginValidity(capacity));
    QUIVER_ASSIGN_OR_RAISE(values_, AllocateBuffer(capacity * static_cast<int64_t>(sizeof(T))));
    return Status::OK();
  }

  Status Decode(const TokenizedRows& rows, int col) override {
    T* out = values_->mutable_data_as<T>() + length_;
    const int64_t first = length_;
    QUIVER_RETURN_NOT_OK(
        ForEach<false>(rows, col, [&](std::string_view text, int64_t r, bool is_null) -> Status {
          if (is_null) {
            out[r] = T{};
            SetNull(first + r);
          } else if (!parse_(text, &out[r])) {
            return ParseError(text, rows.lines[r]);
          }
          return Status::OK();
        }));
    length_ += rows.num_rows;
    return Status::OK();
  }

  Result<ArrayPtr> Finish() override {
    QUIVER_ASSIGN_OR_RAISE(BufferPtr validity, FinishValidity());
    QUIVER_RETURN_NOT_OK(values_->Resize(length_ * static_cast<int64_t>(sizeof(T)), false));
    return MakeArray(
        ArrayData::Make(field_->type(), length_, {validity, std::move(values_)}, null_count_));
  }

 private:
  Parse parse_;
  BufferPtr values_;
};

class BooleanDecoder : public DecoderBase {
 public:
  using DecoderBase::DecoderBase;
  Status Begin(int64_t capacity) override {
    QUIVER_RETURN_NOT_OK(BeginValidity(capacity));
    QUIVER_ASSIGN_OR_RAISE(bits_, AllocateBuffer(bit_util::BytesForBits(capacity)));
    return Status::OK();
  }
  Status Decode(const TokenizedRows& rows, int col) override {
    uint8_t* bits = bits_->mutable_data();
    const int64_t first = length_;
    QUIVER_RETURN_NOT_OK(
        ForEach<false>(rows, col, [&](std::string_view text, int64_t r, bool is_null) -> Status {
          bool v = false;
          if (is_null) {
            SetNull(first + r);
          } else if (!ParseBoolean(text, &v)) {
            return ParseError(text, rows.lines[r]);
          }
          bit_util::SetBitTo(bits, first + r, v);
          return Status::OK();
        }));
    length_ += rows.num_rows;
    return Status::OK();
  }
  Result<ArrayPtr> Finish() override {
    QUIVER_ASSIGN_OR_RAISE(BufferPtr validity, FinishValidity());
    QUIVER_RETURN_NOT_OK(bits_->Resize(bit_util::BytesForBits(length_), false));
    return MakeArray(
        ArrayData::Make(field_->type(), length_, {validity, std::move(bits_)}, null_count_));
  }

 private:
  BufferPtr bits_;
};

// Utf8/LargeUtf8 (validated) and Binary/LargeBinary.
template <typename OffsetT>
class StringDecoder : public DecoderBase {
 public:
  StringDecoder(FieldPtr field, int index, const Tokenizer* tok, const NullMatcher* nulls,
                bool validate)
      : DecoderBase(std::move(field), index, tok, nulls), validate_(validate) {}

  Status Begin(int64_t capacity) override {
    QUIVER_RETURN_NOT_OK(BeginValidity(capacity));
    QUIVER_ASSIGN_OR_RAISE(offsets_,
                           AllocateBuffer((capacity + 1) * static_cast<int64_t>(sizeof(OffsetT))));
    QUIVER_ASSIGN_OR_RAISE(data_, AllocateBuffer(0));
    data_length_ = 0;
    return Status::OK();
  }

  Status Decode(const TokenizedRows& rows, int col) override {
    // Reserve the raw bytes of this chunk's fields: an upper bound for the values.
    int64_t bound = 0;
    for (int64_t r = 0; r < rows.num_rows; ++r) {
      FieldSpan s = rows.spans[r * rows.num_cols + col];
      if ((s.start & kSpanFlags) != kSpanMissing) bound += s.end - (s.start & ~kSpanFlags);
    }
    if (data_length_ + bound > static_cast<int64_t>(std::numeric_limits<OffsetT>::max())) {
      return Status::Arrow("Csv error: string data of column '" + field_->name() +
                           "' exceeds the offset range of " + field_->type()->ToString() +
                           " in one batch; use a smaller batch_size");
    }
    QUIVER_RETURN_NOT_OK(data_->Reserve(data_length_ + bound));
    OffsetT* offsets = offsets_->mutable_data_as<OffsetT>();
    char* data = data_->mutable_data_as<char>();
    const int64_t first = length_;
    offsets[0] = 0;
    QUIVER_RETURN_NOT_OK(
        ForEach<true>(rows, col, [&](std::string_view text, int64_t r, bool is_null) -> Status {
          if (is_null) {
            SetNull(first + r);
          } else {
            if (validate_ && !IsValidUtf8(text)) {
              return Status::Arrow("Csv error: invalid UTF-8 in column " +
                                   std::to_string(index_ + 1) + " ('" + field_->name() + "') at " +
                                   tok_->LineText(rows.lines[r]));
            }
            std::memcpy(data + data_length_, text.data(), text.size());
            data_length_ += static_cast<int64_t>(text.size());
          }
          offsets[first + r + 1] = static_cast<OffsetT>(data_length_);
          return Status::OK();
        }));
    length_ += rows.num_rows;
    return Status::OK();
  }

  Result<ArrayPtr> Finish() override {
    QUIVER_ASSIGN_OR_RAISE(BufferPtr validity, FinishValidity());
    if (length_ == 0) offsets_->mutable_data_as<OffsetT>()[0] = 0;
    QUIVER_RETURN_NOT_OK(
        offsets_->Resize((length_ + 1) * static_cast<int64_t>(sizeof(OffsetT)), false));
    QUIVER_RETURN_NOT_OK(data_->Resize(data_length_, false));
    return MakeArray(ArrayData::Make(
        field_->type(), length_, {validity, std::move(offsets_), std::move(data_)}, null_count_));
  }

 private:
  bool validate_;
  BufferPtr offsets_;
  BufferPtr data_;
  int64_t data_length_ = 0;
};

// Utf8View/BinaryView through the arrow builder.
class ViewDecoder : public DecoderBase {
 public:
  ViewDecoder(FieldPtr field, int index, const Tokenizer* tok, const NullMatcher* nulls)
      : DecoderBase(field, index, tok, nulls),
        validate_(field->type()->id() == TypeId::kUtf8View) {}
  Status Begin(int64_t) override {
    builder_ = std::make_unique<BinaryViewBuilder>(field_->type());
    return Status::OK();
  }
  Status Decode(const TokenizedRows& rows, int col) override {
    return ForEach<true>(rows, col, [&](std::string_view text, int64_t r, bool is_null) {
      if (is_null) return builder_->AppendNull();
      if (validate_ && !IsValidUtf8(text)) {
        return Status::Arrow("Csv error: invalid UTF-8 in column " + std::to_string(index_ + 1) +
                             " ('" + field_->name() + "') at " + tok_->LineText(rows.lines[r]));
      }
      return builder_->Append(text);
    });
  }
  Result<ArrayPtr> Finish() override { return builder_->Finish(); }

 private:
  bool validate_;
  std::unique_ptr<BinaryViewBuilder> builder_;
};

// A Null column: any value is an error rather than silently dropped.
class NullDecoder : public DecoderBase {
 public:
  using DecoderBase::DecoderBase;
  Status Begin(int64_t) override {
    length_ = 0;
    return Status::OK();
  }
  Status Decode(const TokenizedRows& rows, int col) override {
    QUIVER_RETURN_NOT_OK(
        ForEach<false>(rows, col, [&](std::string_view text, int64_t r, bool is_null) {
          return is_null ? Status::OK() : ParseError(text, rows.lines[r]);
        }));
    length_ += rows.num_rows;
    return Status::OK();
  }
  Result<ArrayPtr> Finish() override {
    return MakeArray(ArrayData::Make(field_->type(), length_, {nullptr}, length_));
  }
};

struct TimestampParse {
  TimeUnit unit;
  bool has_zone;
  temporal::TimeZone zone;
  bool operator()(std::string_view s, int64_t* out) const {
    DateTimeParts p;
    if (!ParseDateTime(s, &p)) return false;
    int64_t secs = p.days * 86400 + p.seconds_of_day;
    if (p.has_offset) {
      secs -= p.offset_seconds;
    } else if (has_zone) {
      secs -= zone.OffsetForLocal(secs);
    }
    int64_t per_sec = TimeUnitPerSecond(unit);
    int64_t v;
    if (__builtin_mul_overflow(secs, per_sec, &v)) return false;
    return !__builtin_add_overflow(v, p.nanos / (1000000000 / per_sec), out);
  }
};

template <typename T>
struct IntegerParse {
  bool operator()(std::string_view s, T* out) const { return ParseInteger<T>(s, out); }
};

template <typename T, typename Parse>
std::unique_ptr<ColumnDecoder> MakePrimitive(const FieldPtr& f, int index, const Tokenizer* tok,
                                             const NullMatcher* nulls, Parse parse) {
  return std::make_unique<PrimitiveDecoder<T, Parse>>(f, index, tok, nulls, std::move(parse));
}

}  // namespace

Result<std::unique_ptr<ColumnDecoder>> MakeColumnDecoder(const FieldPtr& f, int index,
                                                         const Tokenizer* tok,
                                                         const NullMatcher* nulls) {
  const DataType& type = *f->type();
  switch (type.id()) {
    case TypeId::kNull:
      return std::unique_ptr<ColumnDecoder>(new NullDecoder(f, index, tok, nulls));
    case TypeId::kBoolean:
      return std::unique_ptr<ColumnDecoder>(new BooleanDecoder(f, index, tok, nulls));
    case TypeId::kInt8: return MakePrimitive<int8_t>(f, index, tok, nulls, IntegerParse<int8_t>{});
    case TypeId::kInt16:
      return MakePrimitive<int16_t>(f, index, tok, nulls, IntegerParse<int16_t>{});
    case TypeId::kInt32:
      return MakePrimitive<int32_t>(f, index, tok, nulls, IntegerParse<int32_t>{});
    case TypeId::kInt64:
      return MakePrimitive<int64_t>(f, index, tok, nulls, IntegerParse<int64_t>{});
    case TypeId::kUInt8:
      return MakePrimitive<uint8_t>(f, index, tok, nulls, IntegerParse<uint8_t>{});
    case TypeId::kUInt16:
      return MakePrimitive<uint16_t>(f, index, tok, nulls, IntegerParse<uint16_t>{});
    case TypeId::kUInt32:
      return MakePrimitive<uint32_t>(f, index, tok, nulls, IntegerParse<uint32_t>{});
    case TypeId::kUInt64:
      return MakePrimitive<uint64_t>(f, index, tok, nulls, IntegerParse<uint64_t>{});
    case TypeId::kFloat32:
      return MakePrimitive<float>(f, index, tok, nulls, [](std::string_view s, float* out) {
        return ParseFloat32(s, out);
      });
    case TypeId::kFloat64:
      return MakePrimitive<double>(f, index, tok, nulls, [](std::string_view s, double* out) {
        return ParseFloat64(s, out);
      });
    case TypeId::kDecimal128: {
      int32_t p = type.precision(), sc = type.scale();
      return MakePrimitive<Int128>(f, index, tok, nulls, [p, sc](std::string_view s, Int128* out) {
        return ParseDecimal(s, p, sc, out);
      });
    }
    case TypeId::kDecimal256: {
      // Values up to 38 digits (the range of the 128-bit parser).
      int32_t p = std::min(type.precision(), 38), sc = type.scale();
      return MakePrimitive<Int256>(f, index, tok, nulls, [p, sc](std::string_view s, Int256* out) {
        Int128 v;
        if (!ParseDecimal(s, p, sc, &v)) return false;
        *out = Int256::FromInt128(v);
        return true;
      });
    }
    case TypeId::kDate32:
      return MakePrimitive<int32_t>(f, index, tok, nulls, [](std::string_view s, int32_t* out) {
        DateTimeParts p;
        if (!ParseDateTime(s, &p) || p.days < INT32_MIN || p.days > INT32_MAX) return false;
        *out = static_cast<int32_t>(p.days);
        return true;
      });
    case TypeId::kDate64:
      return MakePrimitive<int64_t>(f, index, tok, nulls, [](std::string_view s, int64_t* out) {
        DateTimeParts p;
        if (!ParseDateTime(s, &p)) return false;
        *out = (p.days * 86400 + p.seconds_of_day) * 1000 + p.nanos / 1000000;
        return true;
      });
    case TypeId::kTime32: {
      int64_t per_sec = TimeUnitPerSecond(type.unit());
      return MakePrimitive<int32_t>(
          f, index, tok, nulls, [per_sec](std::string_view s, int32_t* out) {
            int64_t secs, nanos;
            if (!ParseTimeOfDay(s, &secs, &nanos)) return false;
            *out = static_cast<int32_t>(secs * per_sec + nanos / (1000000000 / per_sec));
            return true;
          });
    }
    case TypeId::kTime64: {
      int64_t per_sec = TimeUnitPerSecond(type.unit());
      return MakePrimitive<int64_t>(f, index, tok, nulls,
                                    [per_sec](std::string_view s, int64_t* out) {
                                      int64_t secs, nanos;
                                      if (!ParseTimeOfDay(s, &secs, &nanos)) return false;
                                      *out = secs * per_sec + nanos / (1000000000 / per_sec);
                                      return true;
                                    });
    }
    case TypeId::kTimestamp: {
      TimestampParse parse{type.unit(), !type.timezone().empty(), {}};
      if (parse.has_zone) {
        QUIVER_ASSIGN_OR_RAISE(parse.zone, temporal::TimeZone::Parse(type.timezone()));
      }
      return MakePrimitive<int64_t>(f, index, tok, nulls, std::move(parse));
    }
    case TypeId::kUtf8:
    case TypeId::kBinary:
      return std::unique_ptr<ColumnDecoder>(
          new StringDecoder<int32_t>(f, index, tok, nulls, type.id() == TypeId::kUtf8));
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary:
      return std::unique_ptr<ColumnDecoder>(
          new StringDecoder<int64_t>(f, index, tok, nulls, type.id() == TypeId::kLargeUtf8));
    case TypeId::kUtf8View:
    case TypeId::kBinaryView:
      return std::unique_ptr<ColumnDecoder>(new ViewDecoder(f, index, tok, nulls));
    default: break;
  }
  return Status::NotImplemented("reading CSV column '" + f->name() + "' of type " +
                                type.ToString());
}

}  // namespace quiver::csv::internal
