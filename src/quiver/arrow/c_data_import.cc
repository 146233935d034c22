// Import half of the C Data Interface: format-string parsing and zero-copy
// wrapping of foreign buffers. Buffer sizes are not part of the ABI, so they
// are derived from type, length and offset, and the result is validated.
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>

#include "quiver/arrow/bit_util.h"
#include "quiver/arrow/c_data.h"

namespace quiver {

namespace {

alignas(64) const uint8_t kZeros[64] = {};

Status BadFormat(std::string_view f, const std::string& why = "") {
  return Status::Arrow("C Data import: invalid format string '" + std::string(f) + "'" +
                       (why.empty() ? "" : ": " + why));
}

Result<int32_t> ParseInt(std::string_view s, std::string_view whole) {
  int32_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return BadFormat(whole);
  return v;
}

Result<TimeUnit> ParseUnit(char c, std::string_view whole) {
  switch (c) {
    case 's': return TimeUnit::kSecond;
    case 'm': return TimeUnit::kMillisecond;
    case 'u': return TimeUnit::kMicrosecond;
    case 'n': return TimeUnit::kNanosecond;
    default: return BadFormat(whole, "unknown time unit");
  }
}

Result<FieldPtr> ParseField(const ArrowSchema& s, int depth);

Result<std::vector<FieldPtr>> ParseChildren(const ArrowSchema& s, int depth) {
  if (s.n_children < 0 || (s.n_children > 0 && s.children == nullptr)) {
    return Status::Arrow("C Data import: bad children of schema '" +
                         std::string(s.format ? s.format : "") + "'");
  }
  std::vector<FieldPtr> out;
  for (int64_t i = 0; i < s.n_children; ++i) {
    if (s.children[i] == nullptr) return Status::Arrow("C Data import: null child schema");
    QUIVER_ASSIGN_OR_RAISE(auto f, ParseField(*s.children[i], depth + 1));
    out.push_back(std::move(f));
  }
  return out;
}

// The type described by a format string (and children), dictionary aside.
Result<DataTypePtr> ParseFormat(const ArrowSchema& s, int depth) {
  if (s.format == nullptr) return Status::Arrow("C Data import: schema without a format string");
  const std::string_view f(s.format);
  auto expect_leaf = [&](DataTypePtr t) -> Result<DataTypePtr> {
    if (s.n_children != 0) return BadFormat(f, "unexpected children");
    return t;
  };
  if (f.size() == 1) {
    switch (f[0]) {
      case 'n': return expect_leaf(null());
      case 'b': return expect_leaf(boolean());
      case 'c': return expect_leaf(int8());
      case 'C': return expect_leaf(uint8());
      case 's': return expect_leaf(int16());
      case 'S': return expect_leaf(uint16());
      case 'i': return expect_leaf(int32());
      case 'I': return expect_leaf(uint32());
      case 'l': return expect_leaf(int64());
      case 'L': return expect_leaf(uint64());
      case 'e': return expect_leaf(float16());
      case 'f': return expect_leaf(float32());
      case 'g': return expect_leaf(float64());
      case 'u': return expect_leaf(utf8());
      case 'U': return expect_leaf(large_utf8());
      case 'z': return expect_leaf(binary());
      case 'Z': return expect_leaf(large_binary());
      default: return BadFormat(f);
    }
  }
  if (f == "vu") return expect_leaf(utf8_view());
  if (f == "vz") return expect_leaf(binary_view());
  if (f.starts_with("d:")) {
    std::string_view rest = f.substr(2);
    size_t c1 = rest.find(',');
    if (c1 == std::string_view::npos) return BadFormat(f);
    size_t c2 = rest.find(',', c1 + 1);
    QUIVER_ASSIGN_OR_RAISE(int32_t precision, ParseInt(rest.substr(0, c1), f));
    QUIVER_ASSIGN_OR_RAISE(int32_t scale, ParseInt(rest.substr(c1 + 1, c2 - c1 - 1), f));
    int32_t bits = 128;
    if (c2 != std::string_view::npos) {
      QUIVER_ASSIGN_OR_RAISE(bits, ParseInt(rest.substr(c2 + 1), f));
    }
    if (bits != 128 && bits != 256) {
      return Status::NotImplemented("C Data import: " + std::to_string(bits) + "-bit decimals");
    }
    TypeId id = bits == 128 ? TypeId::kDecimal128 : TypeId::kDecimal256;
    QUIVER_RETURN_NOT_OK(ValidateDecimal(id, precision, scale));
    return expect_leaf(bits == 128 ? decimal128(precision, scale) : decimal256(precision, scale));
  }
  if (f.starts_with("w:")) {
    QUIVER_ASSIGN_OR_RAISE(int32_t w, ParseInt(f.substr(2), f));
    if (w < 0) return BadFormat(f, "negative width");
    return expect_leaf(fixed_size_binary(w));
  }
  if (f == "tdD") return expect_leaf(date32());
  if (f == "tdm") return expect_leaf(date64());
  if (f.size() == 3 && f.starts_with("tt")) {
    QUIVER_ASSIGN_OR_RAISE(TimeUnit u, ParseUnit(f[2], f));
    bool is32 = u == TimeUnit::kSecond || u == TimeUnit::kMillisecond;
    return expect_leaf(is32 ? time32(u) : time64(u));
  }
  if (f.size() >= 4 && f.starts_with("ts") && f[3] == ':') {
    QUIVER_ASSIGN_OR_RAISE(TimeUnit u, ParseUnit(f[2], f));
    return expect_leaf(timestamp(u, std::string(f.substr(4))));
  }
  if (f.size() == 3 && f.starts_with("tD")) {
    QUIVER_ASSIGN_OR_RAISE(TimeUnit u, ParseUnit(f[2], f));
    return expect_leaf(duration(u));
  }
  if (f == "tiM") return expect_leaf(interval(IntervalUnit::kYearMonth));
  if (f == "tiD") return expect_leaf(interval(IntervalUnit::kDayTime));
  if (f == "tin") return expect_leaf(interval(IntervalUnit::kMonthDayNano));
  if (f.starts_with("+")) {
    if (depth > 64) return Status::Arrow("C Data import: type nesting too deep");
    QUIVER_ASSIGN_OR_RAISE(auto kids, ParseChildren(s, depth));
    auto one_child = [&]() -> Status {
      if (kids.size() != 1) return BadFormat(f, "expected exactly one child");
      return Status::OK();
    };
    if (f == "+l") {
      QUIVER_RETURN_NOT_OK(one_child());
      return list(kids[0]);
    }
    if (f == "+L") {
      QUIVER_RETURN_NOT_OK(one_child());
      return large_list(kids[0]);
    }
    if (f.starts_with("+w:")) {
      QUIVER_RETURN_NOT_OK(one_child());
      QUIVER_ASSIGN_OR_RAISE(int32_t n, ParseInt(f.substr(3), f));
      if (n < 0) return BadFormat(f, "negative list size");
      return fixed_size_list(kids[0], n);
    }
    if (f == "+s") return struct_(std::move(kids));
    if (f == "+m") {
      QUIVER_RETURN_NOT_OK(one_child());
      const DataType& entries = *kids[0]->type();
      if (entries.id() != TypeId::kStruct || entries.num_fields() != 2) {
        return BadFormat(f, "map entries must be a struct of key and value");
      }
      return map(kids[0], (s.flags & ARROW_FLAG_MAP_KEYS_SORTED) != 0);
    }
    return Status::NotImplemented("C Data import: unsupported format string '" + std::string(f) +
                                  "'");
  }
  return BadFormat(f);
}

Result<KeyValueMetadata> ParseMetadata(const char* md) {
  KeyValueMetadata out;
  if (md == nullptr) return out;
  auto read_i32 = [&md]() {
    int32_t v;
    std::memcpy(&v, md, sizeof(v));
    md += sizeof(v);
    return v;
  };
  int32_t n = read_i32();
  if (n < 0) return Status::Arrow("C Data import: negative metadata count");
  for (int32_t i = 0; i < n; ++i) {
    int32_t klen = read_i32();
    if (klen < 0) return Status::Arrow("C Data import: negative metadata length");
    std::string key(md, klen);
    md += klen;
    int32_t vlen = read_i32();
    if (vlen < 0) return Status::Arrow("C Data import: negative metadata length");
    out[key] = std::string(md, vlen);
    md += vlen;
  }
  return out;
}

Result<DataTypePtr> ParseType(const ArrowSchema& s, int depth) {
  QUIVER_ASSIGN_OR_RAISE(auto t, ParseFormat(s, depth));
  if (s.dictionary == nullptr) return t;
  if (!t->is_integer()) return BadFormat(s.format, "dictionary indices must be integers");
  QUIVER_ASSIGN_OR_RAISE(auto value, ParseType(*s.dictionary, depth + 1));
  return dictionary(t, value, (s.flags & ARROW_FLAG_DICTIONARY_ORDERED) != 0);
}

Result<FieldPtr> ParseField(const ArrowSchema& s, int depth) {
  if (s.release == nullptr) return Status::Arrow("C Data import: schema already released");
  QUIVER_ASSIGN_OR_RAISE(auto type, ParseType(s, depth));
  QUIVER_ASSIGN_OR_RAISE(auto md, ParseMetadata(s.metadata));
  return field(s.name ? s.name : "", std::move(type), (s.flags & ARROW_FLAG_NULLABLE) != 0,
               std::move(md));
}

// Releases a consumed ArrowSchema on every path out of an import.
struct SchemaReleaser {
  ArrowSchema* s;
  ~SchemaReleaser() {
    if (s != nullptr && s->release != nullptr) s->release(s);
  }
};

// Owns a moved-in ArrowArray; the producer's release runs when the last
// Buffer viewing its memory is destroyed.
struct ImportedArrayHolder {
  ArrowArray array{};
  ~ImportedArrayHolder() {
    if (array.release != nullptr) array.release(&array);
  }
};
using Owner = std::shared_ptr<const void>;

class ArrayImporter {
 public:
  explicit ArrayImporter(Owner owner) : owner_(std::move(owner)) {}

  Result<ArrayDataPtr> Import(const ArrowArray& a, const DataTypePtr& type, int depth) {
    if (depth > 64) return Status::Arrow("C Data import: array nesting too deep");
    if (a.release == nullptr) return Error(type, "array already released");
    if (a.length < 0 || a.offset < 0 || a.n_buffers < 0 || a.n_children < 0) {
      return Error(type, "negative length, offset or count");
    }
    if ((a.n_buffers > 0 && a.buffers == nullptr) || (a.n_children > 0 && a.children == nullptr)) {
      return Error(type, "missing buffer or child pointers");
    }
    const int64_t end = a.offset + a.length;
    if (end < a.offset) return Error(type, "length overflows");
    auto d = std::make_shared<ArrayData>();
    d->type = type;
    d->length = a.length;
    d->offset = a.offset;
    d->null_count = a.null_count < 0 ? kUnknownNullCount : a.null_count;
    const TypeId id = type->id();

    int64_t expected = 2;
    switch (id) {
      case TypeId::kNull: expected = 0; break;
      case TypeId::kStruct:
      case TypeId::kFixedSizeList: expected = 1; break;
      case TypeId::kUtf8:
      case TypeId::kBinary:
      case TypeId::kLargeUtf8:
      case TypeId::kLargeBinary: expected = 3; break;
      case TypeId::kUtf8View:
      case TypeId::kBinaryView: expected = a.n_buffers < 3 ? 3 : a.n_buffers; break;
      default: break;
    }
    if (a.n_buffers != expected) {
      return Error(type, "expected " + std::to_string(expected) + " buffers, got " +
                             std::to_string(a.n_buffers));
    }
    if (id == TypeId::kNull) {
      d->buffers = {nullptr};
      d->null_count = a.length;
    } else {
      // Validity.
      if (a.buffers[0] != nullptr) {
        d->buffers.push_back(Wrap(a.buffers[0], bit_util::BytesForBits(end)));
      } else {
        if (d->null_count > 0) return Error(type, "nulls without a validity bitmap");
        d->null_count = 0;
        d->buffers.push_back(nullptr);
      }
      QUIVER_RETURN_NOT_OK(ImportBuffers(a, *type, end, d.get()));
    }

    // Children and dictionary.
    const auto& fields = id == TypeId::kDictionary ? std::vector<FieldPtr>{} : type->fields();
    if (a.n_children != static_cast<int64_t>(fields.size())) {
      return Error(type, "expected " + std::to_string(fields.size()) + " children, got " +
                             std::to_string(a.n_children));
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      if (a.children[i] == nullptr) return Error(type, "null child");
      QUIVER_ASSIGN_OR_RAISE(auto child, Import(*a.children[i], fields[i]->type(), depth + 1));
      d->children.push_back(std::move(child));
    }
    if (id == TypeId::kDictionary) {
      if (a.dictionary == nullptr) return Error(type, "missing dictionary");
      QUIVER_ASSIGN_OR_RAISE(d->dictionary, Import(*a.dictionary, type->value_type(), depth + 1));
    } else if (a.dictionary != nullptr) {
      return Error(type, "unexpected dictionary");
    }
    return d;
  }

 private:
  static Status Error(const DataTypePtr& type, const std::string& what) {
    return Status::Arrow("C Data import of " + type->ToString() + ": " + what);
  }

  BufferPtr Wrap(const void* p, int64_t size) {
    return std::make_shared<Buffer>(static_cast<const uint8_t*>(p), size, owner_);
  }

  // A required buffer; a null pointer is accepted only where it would hold
  // no bytes (it then views a zeroed block).
  Result<BufferPtr> Required(const ArrowArray& a, int i, int64_t size, const DataTypePtr& type) {
    const void* p = a.buffers[i];
    if (p != nullptr) return Wrap(p, size);
    if (size > static_cast<int64_t>(sizeof(kZeros)) || (size > 0 && !(i == 1 && a.length == 0))) {
      return Error(type, "buffer " + std::to_string(i) + " is null");
    }
    return std::make_shared<Buffer>(kZeros, size);
  }

  template <typename OffsetT>
  Status ImportBinary(const ArrowArray& a, const DataTypePtr& type, int64_t end, ArrayData* d) {
    QUIVER_ASSIGN_OR_RAISE(auto offsets,
                           Required(a, 1, (end + 1) * static_cast<int64_t>(sizeof(OffsetT)), type));
    OffsetT last = offsets->data_as<OffsetT>()[end];
    if (last < 0) return Error(type, "negative offset");
    d->buffers.push_back(std::move(offsets));
    if (a.buffers[2] == nullptr) {
      if (last != 0) return Error(type, "data buffer is null");
      d->buffers.push_back(std::make_shared<Buffer>(kZeros, 0));
    } else {
      d->buffers.push_back(Wrap(a.buffers[2], static_cast<int64_t>(last)));
    }
    return Status::OK();
  }

  Status ImportBuffers(const ArrowArray& a, const DataType& t, int64_t end, ArrayData* d) {
    const DataTypePtr& type = d->type;
    switch (t.id()) {
      case TypeId::kStruct:
      case TypeId::kFixedSizeList: return Status::OK();
      case TypeId::kBoolean: {
        QUIVER_ASSIGN_OR_RAISE(auto b, Required(a, 1, bit_util::BytesForBits(end), type));
        d->buffers.push_back(std::move(b));
        return Status::OK();
      }
      case TypeId::kUtf8:
      case TypeId::kBinary: return ImportBinary<int32_t>(a, type, end, d);
      case TypeId::kLargeUtf8:
      case TypeId::kLargeBinary: return ImportBinary<int64_t>(a, type, end, d);
      case TypeId::kList:
      case TypeId::kMap: {
        QUIVER_ASSIGN_OR_RAISE(auto b, Required(a, 1, (end + 1) * 4, type));
        d->buffers.push_back(std::move(b));
        return Status::OK();
      }
      case TypeId::kLargeList: {
        QUIVER_ASSIGN_OR_RAISE(auto b, Required(a, 1, (end + 1) * 8, type));
        d->buffers.push_back(std::move(b));
        return Status::OK();
      }
      case TypeId::kUtf8View:
      case TypeId::kBinaryView: {
        QUIVER_ASSIGN_OR_RAISE(auto views, Required(a, 1, end * 16, type));
        d->buffers.push_back(std::move(views));
        const int64_t n_variadic = a.n_buffers - 3;
        const auto* sizes = static_cast<const int64_t*>(a.buffers[a.n_buffers - 1]);
        if (n_variadic > 0 && sizes == nullptr) return Error(type, "variadic sizes buffer is null");
        for (int64_t i = 0; i < n_variadic; ++i) {
          if (sizes[i] < 0) return Error(type, "negative variadic buffer size");
          const void* p = a.buffers[2 + i];
          if (p == nullptr && sizes[i] != 0) return Error(type, "variadic buffer is null");
          d->buffers.push_back(p ? Wrap(p, sizes[i]) : std::make_shared<Buffer>(kZeros, 0));
        }
        return Status::OK();
      }
      case TypeId::kDictionary: {
        int64_t w = t.index_type()->bit_width() / 8;
        QUIVER_ASSIGN_OR_RAISE(auto b, Required(a, 1, end * w, type));
        d->buffers.push_back(std::move(b));
        return Status::OK();
      }
      default: {
        int64_t bits = t.bit_width();
        if (bits <= 0 || bits % 8 != 0) return Error(type, "not a fixed-width type");
        QUIVER_ASSIGN_OR_RAISE(auto b, Required(a, 1, end * (bits / 8), type));
        d->buffers.push_back(std::move(b));
        return Status::OK();
      }
    }
  }

  Owner owner_;
};

// Moves `array` into a holder shared by every imported buffer.
std::shared_ptr<ImportedArrayHolder> TakeArray(ArrowArray* array) {
  auto holder = std::make_shared<ImportedArrayHolder>();
  holder->array = *array;
  array->release = nullptr;
  return holder;
}

Result<ArrayDataPtr> ImportData(ArrowArray* array, const DataTypePtr& type) {
  if (array == nullptr) return Status::Arrow("C Data import: null ArrowArray");
  if (array->release == nullptr) return Status::Arrow("C Data import: array already released");
  auto holder = TakeArray(array);
  ArrayImporter importer(holder);
  QUIVER_ASSIGN_OR_RAISE(auto data, importer.Import(holder->array, type, 0));
  QUIVER_RETURN_NOT_OK(data->Validate());
  return data;
}

}  // namespace

Result<DataTypePtr> ImportType(ArrowSchema* schema) {
  if (schema == nullptr) return Status::Arrow("C Data import: null ArrowSchema");
  SchemaReleaser guard{schema};
  if (schema->release == nullptr) return Status::Arrow("C Data import: schema already released");
  return ParseType(*schema, 0);
}

Result<FieldPtr> ImportField(ArrowSchema* schema) {
  if (schema == nullptr) return Status::Arrow("C Data import: null ArrowSchema");
  SchemaReleaser guard{schema};
  return ParseField(*schema, 0);
}

Result<SchemaPtr> ImportSchema(ArrowSchema* schema) {
  if (schema == nullptr) return Status::Arrow("C Data import: null ArrowSchema");
  SchemaReleaser guard{schema};
  QUIVER_ASSIGN_OR_RAISE(auto f, ParseField(*schema, 0));
  if (f->type()->id() != TypeId::kStruct) {
    return Status::Arrow("C Data import: a schema must be a struct, got " + f->type()->ToString());
  }
  return quiver::schema(f->type()->fields(), f->metadata());
}

Result<ArrayPtr> ImportArray(ArrowArray* array, const DataTypePtr& type) {
  auto r = ImportData(array, type);
  if (!r.ok()) {
    if (array != nullptr && array->release != nullptr) array->release(array);
    return std::move(r).status();
  }
  return MakeArray(std::move(r).value());
}

Result<ArrayPtr> ImportArray(ArrowArray* array, ArrowSchema* schema) {
  auto type = ImportType(schema);
  if (!type.ok()) {
    if (array != nullptr && array->release != nullptr) array->release(array);
    return std::move(type).status();
  }
  return ImportArray(array, *type);
}

Result<RecordBatchPtr> ImportRecordBatch(ArrowArray* array, const SchemaPtr& schema) {
  QUIVER_ASSIGN_OR_RAISE(auto arr, ImportArray(array, struct_(schema->fields())));
  const ArrayData& d = *arr->data();
  if (arr->null_count() != 0) {
    return Status::Arrow("C Data import: a record batch's struct array must not have nulls");
  }
  std::vector<ArrayPtr> columns;
  columns.reserve(d.children.size());
  for (const auto& c : d.children) {
    bool whole = d.offset == 0 && c->length == d.length;
    columns.push_back(MakeArray(whole ? c : c->Slice(d.offset, d.length)));
  }
  return RecordBatch::Make(schema, d.length, std::move(columns));
}

Result<RecordBatchPtr> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema) {
  auto s = ImportSchema(schema);
  if (!s.ok()) {
    if (array != nullptr && array->release != nullptr) array->release(array);
    return std::move(s).status();
  }
  return ImportRecordBatch(array, *s);
}

}  // namespace quiver
