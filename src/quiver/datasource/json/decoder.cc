#include "quiver/datasource/json/decoder.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "quiver/arrow/compute/compute.h"

namespace quiver::json::internal {

namespace {

// The type values are decoded into before a final cast to the column type.
DataTypePtr DecodeType(const DataTypePtr& t) {
  if (t->is_integer()) return int64();
  if (t->is_floating()) return float64();
  switch (t->id()) {
    case TypeId::kNull:
    case TypeId::kBoolean: return t;
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kFixedSizeList:
      return list(t->field(0)->WithType(DecodeType(t->field(0)->type())));
    case TypeId::kStruct: {
      std::vector<FieldPtr> fields;
      for (const auto& f : t->fields()) fields.push_back(f->WithType(DecodeType(f->type())));
      return struct_(std::move(fields));
    }
    case TypeId::kMap: return map(utf8(), DecodeType(t->field(0)->type()->field(1)->type()));
    case TypeId::kDictionary: return DecodeType(t->value_type());
    default: return utf8();
  }
}

Status TypeError(const char* expected, JsonKind found, const Scanner& s) {
  static const char* kNames[] = {"a string", "a number",  "true",     "false",
                                 "null",     "an object", "an array", "an invalid token"};
  return Status::Arrow(std::string("expected ") + expected + " but found " +
                       kNames[static_cast<int>(found)] + " at column " +
                       std::to_string(s.column()));
}

bool ParseInt(std::string_view text, int64_t* out) {
  auto r = std::from_chars(text.data(), text.data() + text.size(), *out);
  if (r.ec == std::errc() && r.ptr == text.data() + text.size()) return true;
  double d;
  auto rd = std::from_chars(text.data(), text.data() + text.size(), d);
  if (rd.ec != std::errc() || rd.ptr != text.data() + text.size() || !std::isfinite(d) ||
      d < -9.2233720368547758e18 || d >= 9.2233720368547758e18) {
    return false;
  }
  *out = static_cast<int64_t>(d);  // a fraction is truncated, like arrow-json
  return true;
}

bool ParseDouble(std::string_view text, double* out) {
  auto r = std::from_chars(text.data(), text.data() + text.size(), *out);
  return r.ec == std::errc() && r.ptr == text.data() + text.size();
}

}  // namespace

class ValueDecoder {
 public:
  virtual ~ValueDecoder() = default;
  /// Decodes the value that comes next (whitespace may precede it).
  virtual Status Decode(Scanner* s) = 0;
  virtual Status AppendNull() = 0;
};

// Member name -> index, trying the member after the previous match first
// because records usually repeat one key order.
class FieldLookup {
 public:
  explicit FieldLookup(std::vector<std::string> names) : names_(std::move(names)) {
    for (size_t i = 0; i < names_.size(); ++i) map_.emplace(names_[i], static_cast<int>(i));
  }
  /// The member after the previous match if its name comes next verbatim.
  int TryNext(Scanner* s) {
    size_t guess = static_cast<size_t>(last_ + 1);
    if (guess < names_.size() && s->TryConsumeKey(names_[guess])) {
      return last_ = static_cast<int>(guess);
    }
    return -1;
  }
  int Find(std::string_view key) {
    size_t guess = static_cast<size_t>(last_ + 1);
    if (guess < names_.size() && Same(names_[guess], key)) return last_ = static_cast<int>(guess);
    auto it = map_.find(key);
    if (it == map_.end()) return -1;
    return last_ = it->second;
  }
  void Reset() { last_ = -1; }

 private:
  // Keys are short: compare words inline rather than calling memcmp.
  static bool Same(const std::string& a, std::string_view b) {
    size_t n = a.size();
    if (n != b.size()) return false;
    const char* x = a.data();
    const char* y = b.data();
    for (; n >= 8; n -= 8, x += 8, y += 8) {
      uint64_t u, v;
      std::memcpy(&u, x, 8);
      std::memcpy(&v, y, 8);
      if (u != v) return false;
    }
    for (; n > 0; --n) {
      if (*x++ != *y++) return false;
    }
    return true;
  }

  std::vector<std::string> names_;
  std::unordered_map<std::string_view, int> map_;
  int last_ = -1;
};

namespace {

Result<std::unique_ptr<ValueDecoder>> MakeDecoder(const DataTypePtr& type, ArrayBuilder* b);

class NullDecoder : public ValueDecoder {
 public:
  explicit NullDecoder(ArrayBuilder* b) : b_(b) {}
  Status Decode(Scanner* s) override {
    JsonKind k = s->PeekKind();
    if (k != JsonKind::kNull) return TypeError("null (the column's type is Null)", k, *s);
    QUIVER_RETURN_NOT_OK(s->ParseLiteral(k));
    return b_->AppendNull();
  }
  Status AppendNull() override { return b_->AppendNull(); }

 private:
  ArrayBuilder* b_;
};

class BoolDecoder : public ValueDecoder {
 public:
  explicit BoolDecoder(ArrayBuilder* b) : b_(static_cast<BooleanBuilder*>(b)) {}
  Status Decode(Scanner* s) override {
    JsonKind k = s->PeekKind();
    if (k == JsonKind::kTrue || k == JsonKind::kFalse || k == JsonKind::kNull) {
      QUIVER_RETURN_NOT_OK(s->ParseLiteral(k));
      return k == JsonKind::kNull ? b_->AppendNull() : b_->Append(k == JsonKind::kTrue);
    }
    return TypeError("a boolean", k, *s);
  }
  Status AppendNull() override { return b_->AppendNull(); }

 private:
  BooleanBuilder* b_;
};

class IntDecoder : public ValueDecoder {
 public:
  explicit IntDecoder(ArrayBuilder* b) : b_(static_cast<Int64Builder*>(b)) {}
  Status Decode(Scanner* s) override {
    JsonKind k = s->PeekKind();
    std::string_view text;
    if (k == JsonKind::kNumber) {
      bool is_int;
      QUIVER_RETURN_NOT_OK(s->ParseNumber(&text, &is_int));
    } else if (k == JsonKind::kString) {
      QUIVER_RETURN_NOT_OK(s->ParseString(&text, &scratch_));
    } else if (k == JsonKind::kNull) {
      QUIVER_RETURN_NOT_OK(s->ParseLiteral(k));
      return b_->AppendNull();
    } else {
      return TypeError("an integer", k, *s);
    }
    int64_t v;
    if (!ParseInt(text, &v)) {
      return Status::Arrow("cannot parse '" + std::string(text) +
                           "' as an integer (Int64) before column " + std::to_string(s->column()));
    }
    return b_->Append(v);
  }
  Status AppendNull() override { return b_->AppendNull(); }

 private:
  Int64Builder* b_;
  std::string scratch_;
};

class FloatDecoder : public ValueDecoder {
 public:
  explicit FloatDecoder(ArrayBuilder* b) : b_(static_cast<Float64Builder*>(b)) {}
  Status Decode(Scanner* s) override {
    JsonKind k = s->PeekKind();
    std::string_view text;
    if (k == JsonKind::kNumber) {
      bool is_int;
      QUIVER_RETURN_NOT_OK(s->ParseNumber(&text, &is_int));
    } else if (k == JsonKind::kString) {
      QUIVER_RETURN_NOT_OK(s->ParseString(&text, &scratch_));
    } else if (k == JsonKind::kNull) {
      QUIVER_RETURN_NOT_OK(s->ParseLiteral(k));
      return b_->AppendNull();
    } else {
      return TypeError("a number", k, *s);
    }
    double v;
    if (!ParseDouble(text, &v)) {
      return Status::Arrow("cannot parse '" + std::string(text) +
                           "' as a number (Float64) before column " + std::to_string(s->column()));
    }
    return b_->Append(v);
  }
  Status AppendNull() override { return b_->AppendNull(); }

 private:
  Float64Builder* b_;
  std::string scratch_;
};

// Strings as they are; other values as their JSON text.
class StringDecoder : public ValueDecoder {
 public:
  explicit StringDecoder(ArrayBuilder* b) : b_(static_cast<StringBuilder*>(b)) {}
  Status Decode(Scanner* s) override {
    JsonKind k = s->PeekKind();
    std::string_view text;
    switch (k) {
      case JsonKind::kString: QUIVER_RETURN_NOT_OK(s->ParseString(&text, &scratch_)); break;
      case JsonKind::kNull: QUIVER_RETURN_NOT_OK(s->ParseLiteral(k)); return b_->AppendNull();
      case JsonKind::kBad: return s->Unexpected("a JSON value");
      default: QUIVER_RETURN_NOT_OK(s->RawValue(&text)); break;
    }
    return b_->Append(text);
  }
  Status AppendNull() override { return b_->AppendNull(); }

 private:
  StringBuilder* b_;
  std::string scratch_;
};

class ListDecoder : public ValueDecoder {
 public:
  ListDecoder(ArrayBuilder* b, std::unique_ptr<ValueDecoder> child)
      : b_(static_cast<ListBuilder*>(b)), child_(std::move(child)) {}
  Status Decode(Scanner* s) override {
    JsonKind k = s->PeekKind();
    if (k == JsonKind::kNull) {
      QUIVER_RETURN_NOT_OK(s->ParseLiteral(k));
      return b_->AppendNull();
    }
    QUIVER_RETURN_NOT_OK(b_->Append(true));
    if (k != JsonKind::kArray) return child_->Decode(s);  // a scalar: one element
    s->Consume('[');
    if (s->Consume(']')) return Status::OK();
    do {
      QUIVER_RETURN_NOT_OK(child_->Decode(s));
    } while (s->Consume(','));
    if (!s->Consume(']')) return s->Unexpected("',' or ']'");
    return Status::OK();
  }
  Status AppendNull() override { return b_->AppendNull(); }

 private:
  ListBuilder* b_;
  std::unique_ptr<ValueDecoder> child_;
};

// Decodes the members of one object into `decoders` (by name; unknown or
// repeated members are skipped) and nulls for the members it lacks.
Status DecodeMembers(Scanner* s, FieldLookup* lookup, std::vector<ValueDecoder*>& decoders,
                     SeenSet* seen, std::string* key_scratch) {
  seen->NextObject();
  lookup->Reset();
  s->Consume('{');
  if (!s->Consume('}')) {
    do {
      s->SkipWs();
      if (s->Peek() != '"') return s->Unexpected("a string key");
      int i = lookup->TryNext(s);
      if (i < 0) {
        std::string_view key;
        QUIVER_RETURN_NOT_OK(s->ParseString(&key, key_scratch));
        i = lookup->Find(key);
      }
      if (!s->Consume(':')) return s->Unexpected("':'");
      if (i < 0 || !decoders[i] || seen->Test(static_cast<size_t>(i))) {
        QUIVER_RETURN_NOT_OK(s->SkipValue(1));
      } else {
        seen->Set(static_cast<size_t>(i));
        QUIVER_RETURN_NOT_OK(decoders[i]->Decode(s));
      }
    } while (s->Consume(','));
    if (!s->Consume('}')) return s->Unexpected("',' or '}'");
  }
  for (size_t i = 0; i < decoders.size(); ++i) {
    if (decoders[i] && !seen->Test(i)) QUIVER_RETURN_NOT_OK(decoders[i]->AppendNull());
  }
  return Status::OK();
}

class StructDecoder : public ValueDecoder {
 public:
  StructDecoder(ArrayBuilder* b, std::vector<std::string> names,
                std::vector<std::unique_ptr<ValueDecoder>> children)
      : b_(static_cast<StructBuilder*>(b)),
        lookup_(std::move(names)),
        children_(std::move(children)) {
    for (auto& c : children_) raw_.push_back(c.get());
    seen_.Resize(children_.size());
  }
  Status Decode(Scanner* s) override {
    JsonKind k = s->PeekKind();
    if (k == JsonKind::kNull) {
      QUIVER_RETURN_NOT_OK(s->ParseLiteral(k));
      return AppendNull();
    }
    if (k != JsonKind::kObject) return TypeError("an object", k, *s);
    QUIVER_RETURN_NOT_OK(b_->Append(true));
    return DecodeMembers(s, &lookup_, raw_, &seen_, &key_scratch_);
  }
  Status AppendNull() override { return b_->AppendNull(); }

 private:
  StructBuilder* b_;
  FieldLookup lookup_;
  std::vector<std::unique_ptr<ValueDecoder>> children_;
  std::vector<ValueDecoder*> raw_;
  SeenSet seen_;
  std::string key_scratch_;
};

class MapDecoder : public ValueDecoder {
 public:
  MapDecoder(ArrayBuilder* b, std::unique_ptr<ValueDecoder> value)
      : b_(static_cast<ListBuilder*>(b)),
        entries_(static_cast<StructBuilder*>(b_->value_builder())),
        keys_(static_cast<StringBuilder*>(entries_->field_builder(0))),
        value_(std::move(value)) {}
  Status Decode(Scanner* s) override {
    JsonKind k = s->PeekKind();
    if (k == JsonKind::kNull) {
      QUIVER_RETURN_NOT_OK(s->ParseLiteral(k));
      return b_->AppendNull();
    }
    if (k != JsonKind::kObject) return TypeError("an object", k, *s);
    QUIVER_RETURN_NOT_OK(b_->Append(true));
    s->Consume('{');
    if (s->Consume('}')) return Status::OK();
    do {
      s->SkipWs();
      if (s->Peek() != '"') return s->Unexpected("a string key");
      std::string_view key;
      QUIVER_RETURN_NOT_OK(s->ParseString(&key, &scratch_));
      if (!s->Consume(':')) return s->Unexpected("':'");
      QUIVER_RETURN_NOT_OK(entries_->Append(true));
      QUIVER_RETURN_NOT_OK(keys_->Append(key));
      QUIVER_RETURN_NOT_OK(value_->Decode(s));
    } while (s->Consume(','));
    if (!s->Consume('}')) return s->Unexpected("',' or '}'");
    return Status::OK();
  }
  Status AppendNull() override { return b_->AppendNull(); }

 private:
  ListBuilder* b_;
  StructBuilder* entries_;
  StringBuilder* keys_;
  std::unique_ptr<ValueDecoder> value_;
  std::string scratch_;
};

Result<std::unique_ptr<ValueDecoder>> MakeDecoder(const DataTypePtr& type, ArrayBuilder* b) {
  std::unique_ptr<ValueDecoder> out;
  switch (type->id()) {
    case TypeId::kNull: out = std::make_unique<NullDecoder>(b); break;
    case TypeId::kBoolean: out = std::make_unique<BoolDecoder>(b); break;
    case TypeId::kInt64: out = std::make_unique<IntDecoder>(b); break;
    case TypeId::kFloat64: out = std::make_unique<FloatDecoder>(b); break;
    case TypeId::kUtf8: out = std::make_unique<StringDecoder>(b); break;
    case TypeId::kList: {
      auto* lb = static_cast<ListBuilder*>(b);
      QUIVER_ASSIGN_OR_RAISE(auto child, MakeDecoder(type->field(0)->type(), lb->value_builder()));
      out = std::make_unique<ListDecoder>(b, std::move(child));
      break;
    }
    case TypeId::kStruct: {
      auto* sb = static_cast<StructBuilder*>(b);
      std::vector<std::string> names;
      std::vector<std::unique_ptr<ValueDecoder>> kids;
      for (int i = 0; i < type->num_fields(); ++i) {
        names.push_back(type->field(i)->name());
        QUIVER_ASSIGN_OR_RAISE(auto kid, MakeDecoder(type->field(i)->type(), sb->field_builder(i)));
        kids.push_back(std::move(kid));
      }
      out = std::make_unique<StructDecoder>(b, std::move(names), std::move(kids));
      break;
    }
    case TypeId::kMap: {
      auto* entries = static_cast<StructBuilder*>(static_cast<ListBuilder*>(b)->value_builder());
      QUIVER_ASSIGN_OR_RAISE(auto value, MakeDecoder(type->field(0)->type()->field(1)->type(),
                                                     entries->field_builder(1)));
      out = std::make_unique<MapDecoder>(b, std::move(value));
      break;
    }
    default: return Status::Internal("no JSON decoder for " + type->ToString());
  }
  return out;
}

}  // namespace

RowDecoder::~RowDecoder() = default;

Result<std::unique_ptr<RowDecoder>> RowDecoder::Make(const SchemaPtr& file_schema,
                                                     const std::vector<int>& projection) {
  std::unique_ptr<RowDecoder> d(new RowDecoder());
  std::vector<FieldPtr> out_fields;
  std::vector<std::string> names;
  for (const auto& f : file_schema->fields()) names.push_back(f->name());
  d->decoders_.resize(names.size());
  d->builders_.resize(names.size());
  for (int i : projection) {
    const FieldPtr& f = file_schema->field(i);
    out_fields.push_back(f);
    QUIVER_ASSIGN_OR_RAISE(d->builders_[i], MakeBuilder(DecodeType(f->type())));
    QUIVER_ASSIGN_OR_RAISE(d->decoders_[i],
                           MakeDecoder(d->builders_[i]->type(), d->builders_[i].get()));
    d->order_.push_back(i);
  }
  d->out_schema_ = schema(std::move(out_fields));
  d->lookup_ = std::make_unique<FieldLookup>(std::move(names));
  d->seen_.Resize(d->decoders_.size());
  for (auto& dec : d->decoders_) d->raw_.push_back(dec.get());
  return d;
}

Status RowDecoder::DecodeLine(const char* begin, const char* end) {
  Scanner s(begin, end);
  JsonKind k = s.PeekKind();
  if (s.AtEnd()) return Status::OK();
  if (k != JsonKind::kObject) return TypeError("an object (one per line)", k, s);
  QUIVER_RETURN_NOT_OK(DecodeMembers(&s, lookup_.get(), raw_, &seen_, &key_scratch_));
  s.SkipWs();
  if (!s.AtEnd()) return s.Unexpected("the end of the line after the object");
  ++num_rows_;
  return Status::OK();
}

Result<RecordBatchPtr> RowDecoder::Flush() {
  std::vector<ArrayPtr> cols;
  for (int i : order_) {
    QUIVER_ASSIGN_OR_RAISE(auto a, builders_[i]->Finish());
    const DataTypePtr& want = out_schema_->field(static_cast<int>(cols.size()))->type();
    if (!a->type()->Equals(*want)) {
      QUIVER_ASSIGN_OR_RAISE(a, compute::Cast(a, want));
    }
    cols.push_back(std::move(a));
  }
  int64_t n = num_rows_;
  num_rows_ = 0;
  return RecordBatch::Make(out_schema_, n, std::move(cols));
}

}  // namespace quiver::json::internal
