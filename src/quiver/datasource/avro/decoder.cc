#include "quiver/datasource/avro/decoder.h"

#include <algorithm>

#include "quiver/arrow/decimal.h"
#include "quiver/datasource/csv/field_parsers.h"

namespace quiver::avro {

namespace {

constexpr int kMaxNesting = 200;
// Items that take no bytes (nulls) cannot be bounded by the data left; this
// caps how many one array or map block may claim.
constexpr int64_t kMaxZeroSizeItems = int64_t{1} << 24;

}  // namespace

/// Appends one value of its node to one builder.
class ValueDecoder {
 public:
  virtual ~ValueDecoder() = default;
  virtual Status Decode(Cursor* c) = 0;
};

namespace {

Result<std::unique_ptr<ValueDecoder>> MakeDecoder(const Node& node, ArrayBuilder* b, int depth);

class NullDecoder : public ValueDecoder {
 public:
  explicit NullDecoder(ArrayBuilder* b) : b_(b) {}
  Status Decode(Cursor*) override { return b_->AppendNull(); }

 private:
  ArrayBuilder* b_;
};

class BoolDecoder : public ValueDecoder {
 public:
  explicit BoolDecoder(ArrayBuilder* b) : b_(static_cast<BooleanBuilder*>(b)) {}
  Status Decode(Cursor* c) override {
    bool v{};
    QUIVER_RETURN_NOT_OK(c->ReadBool(&v));
    return b_->Append(v);
  }

 private:
  BooleanBuilder* b_;
};

class IntDecoder : public ValueDecoder {
 public:
  explicit IntDecoder(ArrayBuilder* b) : b_(static_cast<Int32Builder*>(b)) {}
  Status Decode(Cursor* c) override {
    int32_t v{};
    QUIVER_RETURN_NOT_OK(c->ReadInt(&v));
    return b_->Append(v);
  }

 private:
  Int32Builder* b_;
};

class LongDecoder : public ValueDecoder {
 public:
  explicit LongDecoder(ArrayBuilder* b) : b_(static_cast<Int64Builder*>(b)) {}
  Status Decode(Cursor* c) override {
    int64_t v{};
    QUIVER_RETURN_NOT_OK(c->ReadLong(&v));
    return b_->Append(v);
  }

 private:
  Int64Builder* b_;
};

template <typename T>
class FloatDecoder : public ValueDecoder {
 public:
  explicit FloatDecoder(ArrayBuilder* b) : b_(static_cast<PrimitiveBuilder<T>*>(b)) {}
  Status Decode(Cursor* c) override {
    T v{};
    QUIVER_RETURN_NOT_OK(c->ReadFixedWidth(&v));
    return b_->Append(v);
  }

 private:
  PrimitiveBuilder<T>* b_;
};

class BytesDecoder : public ValueDecoder {
 public:
  explicit BytesDecoder(ArrayBuilder* b) : b_(static_cast<StringBuilder*>(b)) {}
  Status Decode(Cursor* c) override {
    std::string_view v;
    QUIVER_RETURN_NOT_OK(c->ReadBytes(&v));
    return b_->Append(v);
  }

 private:
  StringBuilder* b_;
};

// Avro strings are UTF-8; anything else is corrupt data, not a Utf8 value.
class StringDecoder : public ValueDecoder {
 public:
  explicit StringDecoder(ArrayBuilder* b) : b_(static_cast<StringBuilder*>(b)) {}
  Status Decode(Cursor* c) override {
    std::string_view v;
    QUIVER_RETURN_NOT_OK(c->ReadBytes(&v));
    if (!csv::internal::IsValidUtf8(v)) return c->Error("string is not valid UTF-8");
    return b_->Append(v);
  }

 private:
  StringBuilder* b_;
};

class FixedDecoder : public ValueDecoder {
 public:
  FixedDecoder(ArrayBuilder* b, int32_t size)
      : b_(static_cast<FixedSizeBinaryBuilder*>(b)), size_(size) {}
  Status Decode(Cursor* c) override {
    std::string_view v;
    QUIVER_RETURN_NOT_OK(c->ReadFixed(size_, &v));
    return b_->Append(v);
  }

 private:
  FixedSizeBinaryBuilder* b_;
  int32_t size_;
};

class EnumDecoder : public ValueDecoder {
 public:
  EnumDecoder(ArrayBuilder* b, const Node& node)
      : b_(static_cast<StringBuilder*>(b)), node_(node) {}
  Status Decode(Cursor* c) override {
    int32_t i{};
    QUIVER_RETURN_NOT_OK(c->ReadInt(&i));
    if (i < 0 || i >= static_cast<int32_t>(node_.symbols.size())) {
      return c->Error("enum index " + std::to_string(i) + " out of range for " + node_.name);
    }
    return b_->Append(node_.symbols[i]);
  }

 private:
  StringBuilder* b_;
  const Node& node_;
};

// Big-endian two's complement of any length into a little-endian integer of
// `words` 64-bit words; errors when it does not fit.
Status BigEndianToWords(std::string_view bytes, uint64_t* words, int nwords, const Cursor& c) {
  const size_t width = static_cast<size_t>(nwords) * 8;
  const bool negative = !bytes.empty() && (static_cast<uint8_t>(bytes[0]) & 0x80);
  const uint8_t fill = negative ? 0xFF : 0x00;
  if (bytes.size() > width) {
    const size_t extra = bytes.size() - width;
    for (size_t i = 0; i < extra; ++i) {
      if (static_cast<uint8_t>(bytes[i]) != fill) return c.Error("decimal value out of range");
    }
    // The kept part must still carry the sign.
    if (((static_cast<uint8_t>(bytes[extra]) & 0x80) != 0) != negative) {
      return c.Error("decimal value out of range");
    }
    bytes.remove_prefix(extra);
  }
  for (int w = 0; w < nwords; ++w) words[w] = negative ? ~uint64_t{0} : 0;
  // bytes[n - 1 - k] is byte k of the little-endian result.
  const size_t n = bytes.size();
  for (size_t k = 0; k < n; ++k) {
    const uint64_t byte = static_cast<uint8_t>(bytes[n - 1 - k]);
    uint64_t& word = words[k / 8];
    const int shift = static_cast<int>(k % 8) * 8;
    word = (word & ~(uint64_t{0xFF} << shift)) | (byte << shift);
  }
  return Status::OK();
}

class DecimalDecoder : public ValueDecoder {
 public:
  DecimalDecoder(ArrayBuilder* b, const Node& node, bool wide)
      : b_(b), fixed_size_(node.kind == NodeKind::kFixed ? node.size : -1), wide_(wide) {}
  Status Decode(Cursor* c) override {
    std::string_view v;
    if (fixed_size_ >= 0) {
      QUIVER_RETURN_NOT_OK(c->ReadFixed(fixed_size_, &v));
    } else {
      QUIVER_RETURN_NOT_OK(c->ReadBytes(&v));
    }
    if (wide_) {
      Int256 x;
      QUIVER_RETURN_NOT_OK(BigEndianToWords(v, x.words, 4, *c));
      return static_cast<Decimal256Builder*>(b_)->Append(x);
    }
    uint64_t w[2];
    QUIVER_RETURN_NOT_OK(BigEndianToWords(v, w, 2, *c));
    const Int128 x = static_cast<Int128>((static_cast<unsigned __int128>(w[1]) << 64) | w[0]);
    return static_cast<Decimal128Builder*>(b_)->Append(x);
  }

 private:
  ArrayBuilder* b_;
  int32_t fixed_size_;
  bool wide_;
};

// fixed(12): three little-endian unsigned 32-bit counts of months, days, ms.
class DurationDecoder : public ValueDecoder {
 public:
  explicit DurationDecoder(ArrayBuilder* b)
      : b_(static_cast<PrimitiveBuilder<IntervalMonthDayNano>*>(b)) {}
  Status Decode(Cursor* c) override {
    uint32_t parts[3] = {0, 0, 0};
    for (auto& p : parts) QUIVER_RETURN_NOT_OK(c->ReadFixedWidth(&p));
    if (parts[0] > INT32_MAX || parts[1] > INT32_MAX) {
      return c->Error("duration months or days beyond 32-bit range");
    }
    IntervalMonthDayNano v{static_cast<int32_t>(parts[0]), static_cast<int32_t>(parts[1]),
                           static_cast<int64_t>(parts[2]) * 1000000};
    return b_->Append(v);
  }

 private:
  PrimitiveBuilder<IntervalMonthDayNano>* b_;
};

class NullableDecoder : public ValueDecoder {
 public:
  NullableDecoder(ArrayBuilder* b, int branch, std::unique_ptr<ValueDecoder> inner)
      : b_(b), branch_(branch), inner_(std::move(inner)) {}
  Status Decode(Cursor* c) override {
    int64_t i{};
    QUIVER_RETURN_NOT_OK(c->ReadLong(&i));
    if (i == branch_) return inner_->Decode(c);
    if (i == 1 - branch_) return b_->AppendNull();
    return c->Error("union branch " + std::to_string(i) + " out of range");
  }

 private:
  ArrayBuilder* b_;
  int branch_;
  std::unique_ptr<ValueDecoder> inner_;
};

class RecordValueDecoder : public ValueDecoder {
 public:
  RecordValueDecoder(ArrayBuilder* b, std::vector<std::unique_ptr<ValueDecoder>> fields)
      : b_(static_cast<StructBuilder*>(b)), fields_(std::move(fields)) {}
  Status Decode(Cursor* c) override {
    QUIVER_RETURN_NOT_OK(b_->Append(true));
    for (auto& f : fields_) QUIVER_RETURN_NOT_OK(f->Decode(c));
    return Status::OK();
  }

 private:
  StructBuilder* b_;
  std::vector<std::unique_ptr<ValueDecoder>> fields_;
};

// Reads the block counts of an array or map, calling `item` per element.
template <typename F>
Status ForEachBlockItem(Cursor* c, int64_t min_item_size, F&& item) {
  while (true) {
    int64_t n{};
    QUIVER_RETURN_NOT_OK(c->ReadLong(&n));
    if (n == 0) return Status::OK();
    if (n < 0) {
      if (n == INT64_MIN) return c->Error("invalid block count");
      n = -n;
      int64_t bytes{};
      QUIVER_RETURN_NOT_OK(c->ReadLong(&bytes));
      if (bytes < 0 || bytes > c->remaining()) return c->Error("invalid block size");
    }
    if (min_item_size > 0 ? n > c->remaining() / min_item_size : n > kMaxZeroSizeItems) {
      return c->Error("block count " + std::to_string(n) + " exceeds the data left");
    }
    for (int64_t i = 0; i < n; ++i) QUIVER_RETURN_NOT_OK(item());
  }
}

class ArrayDecoder : public ValueDecoder {
 public:
  ArrayDecoder(ArrayBuilder* b, std::unique_ptr<ValueDecoder> items, int64_t min_item_size)
      : b_(static_cast<ListBuilder*>(b)), items_(std::move(items)), min_(min_item_size) {}
  Status Decode(Cursor* c) override {
    QUIVER_RETURN_NOT_OK(b_->Append(true));
    return ForEachBlockItem(c, min_, [&] { return items_->Decode(c); });
  }

 private:
  ListBuilder* b_;
  std::unique_ptr<ValueDecoder> items_;
  int64_t min_;
};

class MapDecoder : public ValueDecoder {
 public:
  MapDecoder(ArrayBuilder* b, std::unique_ptr<ValueDecoder> values, int64_t min_value_size)
      : b_(static_cast<ListBuilder*>(b)),
        entries_(static_cast<StructBuilder*>(b_->value_builder())),
        keys_(static_cast<StringBuilder*>(entries_->field_builder(0))),
        values_(std::move(values)),
        min_(min_value_size + 1) {}
  Status Decode(Cursor* c) override {
    QUIVER_RETURN_NOT_OK(b_->Append(true));
    return ForEachBlockItem(c, min_, [&] {
      std::string_view key;
      QUIVER_RETURN_NOT_OK(c->ReadBytes(&key));
      QUIVER_RETURN_NOT_OK(entries_->Append(true));
      QUIVER_RETURN_NOT_OK(keys_->Append(key));
      return values_->Decode(c);
    });
  }

 private:
  ListBuilder* b_;
  StructBuilder* entries_;
  StringBuilder* keys_;
  std::unique_ptr<ValueDecoder> values_;
  int64_t min_;
};

Result<std::unique_ptr<ValueDecoder>> MakeDecoder(const Node& node, ArrayBuilder* b, int depth) {
  if (depth > kMaxNesting) return Status::NotImplemented("Avro schema nested too deeply");
  using Ptr = std::unique_ptr<ValueDecoder>;
  const TypeId id = b->type()->id();
  switch (node.kind) {
    case NodeKind::kNull: return Ptr(std::make_unique<NullDecoder>(b));
    case NodeKind::kBoolean: return Ptr(std::make_unique<BoolDecoder>(b));
    case NodeKind::kInt: return Ptr(std::make_unique<IntDecoder>(b));
    case NodeKind::kLong: return Ptr(std::make_unique<LongDecoder>(b));
    case NodeKind::kFloat: return Ptr(std::make_unique<FloatDecoder<float>>(b));
    case NodeKind::kDouble: return Ptr(std::make_unique<FloatDecoder<double>>(b));
    case NodeKind::kBytes:
    case NodeKind::kString:
    case NodeKind::kFixed:
      if (id == TypeId::kDecimal128 || id == TypeId::kDecimal256) {
        return Ptr(std::make_unique<DecimalDecoder>(b, node, id == TypeId::kDecimal256));
      }
      if (id == TypeId::kInterval) return Ptr(std::make_unique<DurationDecoder>(b));
      if (node.kind == NodeKind::kFixed) return Ptr(std::make_unique<FixedDecoder>(b, node.size));
      if (node.kind == NodeKind::kString) return Ptr(std::make_unique<StringDecoder>(b));
      return Ptr(std::make_unique<BytesDecoder>(b));
    case NodeKind::kEnum: return Ptr(std::make_unique<EnumDecoder>(b, node));
    case NodeKind::kRecord: {
      auto* sb = static_cast<StructBuilder*>(b);
      std::vector<Ptr> fields;
      for (size_t i = 0; i < node.children.size(); ++i) {
        QUIVER_ASSIGN_OR_RAISE(
            Ptr f,
            MakeDecoder(*node.children[i], sb->field_builder(static_cast<int>(i)), depth + 1));
        fields.push_back(std::move(f));
      }
      return Ptr(std::make_unique<RecordValueDecoder>(b, std::move(fields)));
    }
    case NodeKind::kArray: {
      auto* lb = static_cast<ListBuilder*>(b);
      QUIVER_ASSIGN_OR_RAISE(Ptr items,
                             MakeDecoder(*node.children[0], lb->value_builder(), depth + 1));
      return Ptr(
          std::make_unique<ArrayDecoder>(b, std::move(items), MinEncodedSize(*node.children[0])));
    }
    case NodeKind::kMap: {
      auto* entries = static_cast<StructBuilder*>(static_cast<ListBuilder*>(b)->value_builder());
      QUIVER_ASSIGN_OR_RAISE(Ptr values,
                             MakeDecoder(*node.children[0], entries->field_builder(1), depth + 1));
      return Ptr(
          std::make_unique<MapDecoder>(b, std::move(values), MinEncodedSize(*node.children[0])));
    }
    case NodeKind::kUnion: {
      const int branch = NullableBranch(node);
      if (branch < 0) return Status::NotImplemented("Avro unions other than [\"null\", T]");
      QUIVER_ASSIGN_OR_RAISE(Ptr inner, MakeDecoder(*node.children[branch], b, depth + 1));
      return Ptr(std::make_unique<NullableDecoder>(b, branch, std::move(inner)));
    }
  }
  return Status::Internal("unknown Avro node kind");
}

}  // namespace

int64_t MinEncodedSize(const Node& node, int depth) {
  if (depth > kMaxNesting) return 0;
  switch (node.kind) {
    case NodeKind::kNull: return 0;
    case NodeKind::kFloat: return 4;
    case NodeKind::kDouble: return 8;
    case NodeKind::kFixed: return node.size;
    case NodeKind::kRecord: {
      int64_t sum = 0;
      for (const Node* c : node.children) sum += MinEncodedSize(*c, depth + 1);
      return std::min<int64_t>(sum, int64_t{1} << 30);
    }
    default: return 1;  // varints, lengths, block counts, union branches
  }
}

Status SkipValue(const Node& node, Cursor* c, int depth) {
  if (depth > kMaxNesting) return c->Error("values nested too deeply");
  switch (node.kind) {
    case NodeKind::kNull: return Status::OK();
    case NodeKind::kBoolean: return c->Skip(1);
    case NodeKind::kInt:
    case NodeKind::kLong:
    case NodeKind::kEnum: return c->SkipVarint();
    case NodeKind::kFloat: return c->Skip(4);
    case NodeKind::kDouble: return c->Skip(8);
    case NodeKind::kBytes:
    case NodeKind::kString: {
      std::string_view v;
      return c->ReadBytes(&v);
    }
    case NodeKind::kFixed: return c->Skip(node.size);
    case NodeKind::kRecord:
      for (const Node* f : node.children) QUIVER_RETURN_NOT_OK(SkipValue(*f, c, depth + 1));
      return Status::OK();
    case NodeKind::kArray:
    case NodeKind::kMap: {
      const Node& item = *node.children[0];
      const bool is_map = node.kind == NodeKind::kMap;
      while (true) {
        int64_t n{};
        QUIVER_RETURN_NOT_OK(c->ReadLong(&n));
        if (n == 0) return Status::OK();
        if (n < 0) {
          // A block with its byte size: skipped whole.
          int64_t bytes{};
          QUIVER_RETURN_NOT_OK(c->ReadLong(&bytes));
          QUIVER_RETURN_NOT_OK(c->Skip(bytes));
          continue;
        }
        const int64_t min = MinEncodedSize(item) + (is_map ? 1 : 0);
        if (min > 0 ? n > c->remaining() / min : n > kMaxZeroSizeItems) {
          return c->Error("block count " + std::to_string(n) + " exceeds the data left");
        }
        for (int64_t i = 0; i < n; ++i) {
          if (is_map) {
            std::string_view key;
            QUIVER_RETURN_NOT_OK(c->ReadBytes(&key));
          }
          QUIVER_RETURN_NOT_OK(SkipValue(item, c, depth + 1));
        }
      }
    }
    case NodeKind::kUnion: {
      int64_t i{};
      QUIVER_RETURN_NOT_OK(c->ReadLong(&i));
      if (i < 0 || i >= static_cast<int64_t>(node.children.size())) {
        return c->Error("union branch " + std::to_string(i) + " out of range");
      }
      return SkipValue(*node.children[i], c, depth + 1);
    }
  }
  return Status::Internal("unknown Avro node kind");
}

RecordDecoder::~RecordDecoder() = default;

Result<std::unique_ptr<RecordDecoder>> RecordDecoder::Make(std::shared_ptr<const Schema> schema,
                                                           SchemaPtr out_schema) {
  const Node& root = schema->root();
  if (root.kind != NodeKind::kRecord) {
    return Status::NotImplemented("Avro files whose top-level schema is not a record");
  }
  std::unique_ptr<RecordDecoder> d(new RecordDecoder());
  d->steps_.resize(root.children.size());
  for (const auto& f : out_schema->fields()) {
    auto it = std::find(root.field_names.begin(), root.field_names.end(), f->name());
    if (it == root.field_names.end()) {
      return Status::Schema("column " + f->name() + " is not in the Avro file");
    }
    const size_t i = static_cast<size_t>(it - root.field_names.begin());
    if (d->steps_[i]) return Status::Schema("column " + f->name() + " requested twice");
    QUIVER_ASSIGN_OR_RAISE(FieldPtr actual, ToArrowField(f->name(), *root.children[i]));
    if (!actual->type()->Equals(*f->type())) {
      return Status::Schema("column " + f->name() + " has type " + actual->type()->ToString() +
                            " in the Avro file, not " + f->type()->ToString());
    }
    QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(f->type()));
    QUIVER_ASSIGN_OR_RAISE(d->steps_[i], MakeDecoder(*root.children[i], builder.get(), 0));
    d->builders_.push_back(std::move(builder));
  }
  d->schema_ = std::move(schema);
  d->out_schema_ = std::move(out_schema);
  return d;
}

Status RecordDecoder::DecodeRecord(Cursor* c) {
  const Node& root = schema_->root();
  for (size_t i = 0; i < steps_.size(); ++i) {
    if (steps_[i]) {
      QUIVER_RETURN_NOT_OK(steps_[i]->Decode(c));
    } else {
      QUIVER_RETURN_NOT_OK(SkipValue(*root.children[i], c));
    }
  }
  ++rows_;
  return Status::OK();
}

Result<RecordBatchPtr> RecordDecoder::Finish() {
  std::vector<ArrayPtr> columns;
  for (auto& b : builders_) {
    QUIVER_ASSIGN_OR_RAISE(ArrayPtr a, b->Finish());
    columns.push_back(std::move(a));
  }
  const int64_t rows = rows_;
  rows_ = 0;
  return RecordBatch::Make(out_schema_, rows, std::move(columns));
}

}  // namespace quiver::avro
