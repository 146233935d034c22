// Export half of the C Data Interface: format strings, schema trees and
// zero-copy array trees whose private data keeps our buffers alive.
#include <cstring>
#include <string>
#include <vector>

#include "quiver/arrow/c_data.h"

namespace quiver {

namespace {

// Non-validity buffers we do not hold (null pointers in our layout) are
// exported as this zeroed block, so that consumers never see a null pointer
// where the specification requires a buffer of zero length.
alignas(64) const uint8_t kZeros[64] = {};

std::string UnitChar(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond: return "s";
    case TimeUnit::kMillisecond: return "m";
    case TimeUnit::kMicrosecond: return "u";
    case TimeUnit::kNanosecond: return "n";
  }
  return "s";
}

std::string FormatOf(const DataType& t) {
  switch (t.id()) {
    case TypeId::kNull: return "n";
    case TypeId::kBoolean: return "b";
    case TypeId::kInt8: return "c";
    case TypeId::kUInt8: return "C";
    case TypeId::kInt16: return "s";
    case TypeId::kUInt16: return "S";
    case TypeId::kInt32: return "i";
    case TypeId::kUInt32: return "I";
    case TypeId::kInt64: return "l";
    case TypeId::kUInt64: return "L";
    case TypeId::kFloat16: return "e";
    case TypeId::kFloat32: return "f";
    case TypeId::kFloat64: return "g";
    case TypeId::kDecimal128:
      return "d:" + std::to_string(t.precision()) + "," + std::to_string(t.scale());
    case TypeId::kDecimal256:
      return "d:" + std::to_string(t.precision()) + "," + std::to_string(t.scale()) + ",256";
    case TypeId::kUtf8: return "u";
    case TypeId::kLargeUtf8: return "U";
    case TypeId::kUtf8View: return "vu";
    case TypeId::kBinary: return "z";
    case TypeId::kLargeBinary: return "Z";
    case TypeId::kBinaryView: return "vz";
    case TypeId::kFixedSizeBinary: return "w:" + std::to_string(t.byte_width());
    case TypeId::kDate32: return "tdD";
    case TypeId::kDate64: return "tdm";
    case TypeId::kTime32:
    case TypeId::kTime64: return "tt" + UnitChar(t.unit());
    case TypeId::kTimestamp: return "ts" + UnitChar(t.unit()) + ":" + t.timezone();
    case TypeId::kDuration: return "tD" + UnitChar(t.unit());
    case TypeId::kInterval:
      switch (t.interval_unit()) {
        case IntervalUnit::kYearMonth: return "tiM";
        case IntervalUnit::kDayTime: return "tiD";
        case IntervalUnit::kMonthDayNano: return "tin";
      }
      return "tiM";
    case TypeId::kList: return "+l";
    case TypeId::kLargeList: return "+L";
    case TypeId::kFixedSizeList: return "+w:" + std::to_string(t.list_size());
    case TypeId::kStruct: return "+s";
    case TypeId::kMap: return "+m";
    case TypeId::kDictionary: return FormatOf(*t.index_type());
  }
  return "n";
}

void AppendInt32(std::string* out, int32_t v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(v));
}

// The specification's metadata encoding: int32 count, then (int32 length,
// bytes) for each key and value, in native byte order.
std::string EncodeMetadata(const KeyValueMetadata& md) {
  std::string out;
  if (md.empty()) return out;
  AppendInt32(&out, static_cast<int32_t>(md.size()));
  for (const auto& [k, v] : md) {
    AppendInt32(&out, static_cast<int32_t>(k.size()));
    out += k;
    AppendInt32(&out, static_cast<int32_t>(v.size()));
    out += v;
  }
  return out;
}

// ---- Schema ----

struct SchemaPrivate {
  std::string format;
  std::string name;
  std::string metadata;
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_ptrs;
  ArrowSchema dictionary{};
};

void ReleaseSchema(ArrowSchema* s) {
  if (s == nullptr || s->release == nullptr) return;
  // Walk our own storage, not the public fields, which a consumer may touch.
  auto* p = static_cast<SchemaPrivate*>(s->private_data);
  for (ArrowSchema& c : p->children) {
    if (c.release != nullptr) c.release(&c);
  }
  if (p->dictionary.release != nullptr) p->dictionary.release(&p->dictionary);
  delete p;
  s->release = nullptr;
}

void FillSchema(const std::string& name, const DataType& type, bool nullable,
                const KeyValueMetadata& metadata, ArrowSchema* out) {
  auto* p = new SchemaPrivate();
  p->format = FormatOf(type);
  p->name = name;
  p->metadata = EncodeMetadata(metadata);
  int64_t flags = nullable ? ARROW_FLAG_NULLABLE : 0;
  const DataType* value_type = &type;
  if (type.id() == TypeId::kDictionary) {
    if (type.ordered()) flags |= ARROW_FLAG_DICTIONARY_ORDERED;
    value_type = type.value_type().get();
  } else if (type.id() == TypeId::kMap && type.keys_sorted()) {
    flags |= ARROW_FLAG_MAP_KEYS_SORTED;
  }
  const auto& fields = type.id() == TypeId::kDictionary ? std::vector<FieldPtr>{} : type.fields();
  p->children.resize(fields.size());
  for (auto& c : p->children) std::memset(&c, 0, sizeof(c));
  for (auto& c : p->children) p->child_ptrs.push_back(&c);

  out->format = p->format.c_str();
  out->name = p->name.c_str();
  out->metadata = p->metadata.empty() ? nullptr : p->metadata.data();
  out->flags = flags;
  out->n_children = static_cast<int64_t>(fields.size());
  out->children = p->child_ptrs.empty() ? nullptr : p->child_ptrs.data();
  out->dictionary = nullptr;
  out->release = &ReleaseSchema;
  out->private_data = p;

  for (size_t i = 0; i < fields.size(); ++i) {
    const Field& f = *fields[i];
    FillSchema(f.name(), *f.type(), f.nullable(), f.metadata(), &p->children[i]);
  }
  if (type.id() == TypeId::kDictionary) {
    FillSchema("", *value_type, true, {}, &p->dictionary);
    out->dictionary = &p->dictionary;
  }
}

// ---- Array ----

struct ArrayPrivate {
  ArrayDataPtr data;  // keeps every exported buffer alive
  std::vector<const void*> buffers;
  std::vector<int64_t> variadic_sizes;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_ptrs;
  ArrowArray dictionary{};
};

void ReleaseArray(ArrowArray* a) {
  if (a == nullptr || a->release == nullptr) return;
  auto* p = static_cast<ArrayPrivate*>(a->private_data);
  for (ArrowArray& c : p->children) {
    if (c.release != nullptr) c.release(&c);
  }
  if (p->dictionary.release != nullptr) p->dictionary.release(&p->dictionary);
  delete p;
  a->release = nullptr;
}

// Number of buffers the C layout has for a type (views: without variadics).
int CBufferCount(TypeId id) {
  switch (id) {
    case TypeId::kNull: return 0;
    case TypeId::kStruct:
    case TypeId::kFixedSizeList: return 1;
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeBinary: return 3;
    default: return 2;
  }
}

const void* BufferAddress(const ArrayData& d, size_t i) {
  if (i < d.buffers.size() && d.buffers[i]) return d.buffers[i]->data();
  return i == 0 ? nullptr : kZeros;
}

void FillArray(const ArrayDataPtr& d, ArrowArray* out) {
  auto* p = new ArrayPrivate();
  p->data = d;
  const TypeId id = d->type->id();
  const int n = CBufferCount(id);
  for (int i = 0; i < n; ++i) p->buffers.push_back(BufferAddress(*d, i));
  if (id == TypeId::kUtf8View || id == TypeId::kBinaryView) {
    // Variadic data buffers, then the sizes buffer the specification adds.
    for (size_t i = 2; i < d->buffers.size(); ++i) {
      p->buffers.push_back(BufferAddress(*d, i));
      p->variadic_sizes.push_back(d->buffers[i] ? d->buffers[i]->size() : 0);
    }
    p->buffers.push_back(p->variadic_sizes.empty() ? static_cast<const void*>(kZeros)
                                                   : p->variadic_sizes.data());
  }
  p->children.resize(d->children.size());
  for (auto& c : p->children) std::memset(&c, 0, sizeof(c));
  for (auto& c : p->children) p->child_ptrs.push_back(&c);

  out->length = d->length;
  out->null_count = id == TypeId::kNull ? d->length : d->null_count;
  out->offset = d->offset;
  out->n_buffers = static_cast<int64_t>(p->buffers.size());
  out->n_children = static_cast<int64_t>(p->children.size());
  out->buffers = p->buffers.empty() ? nullptr : p->buffers.data();
  out->children = p->child_ptrs.empty() ? nullptr : p->child_ptrs.data();
  out->dictionary = nullptr;
  out->release = &ReleaseArray;
  out->private_data = p;

  for (size_t i = 0; i < d->children.size(); ++i) FillArray(d->children[i], &p->children[i]);
  if (id == TypeId::kDictionary && d->dictionary) {
    FillArray(d->dictionary, &p->dictionary);
    out->dictionary = &p->dictionary;
  }
}

Status CheckExportable(const ArrayData& d) {
  if (!d.type) return Status::Arrow("cannot export an array without a type");
  if (d.type->id() == TypeId::kDictionary && !d.dictionary) {
    return Status::Arrow("cannot export a dictionary array without its dictionary");
  }
  for (const auto& c : d.children) {
    if (!c) return Status::Arrow("cannot export an array with a missing child");
    QUIVER_RETURN_NOT_OK(CheckExportable(*c));
  }
  if (d.dictionary) QUIVER_RETURN_NOT_OK(CheckExportable(*d.dictionary));
  return Status::OK();
}

}  // namespace

Status ExportType(const DataType& type, ArrowSchema* out) {
  FillSchema("", type, true, {}, out);
  return Status::OK();
}

Status ExportField(const Field& field, ArrowSchema* out) {
  FillSchema(field.name(), *field.type(), field.nullable(), field.metadata(), out);
  return Status::OK();
}

Status ExportSchema(const Schema& schema, ArrowSchema* out) {
  FillSchema("", *struct_(schema.fields()), false, schema.metadata(), out);
  return Status::OK();
}

Status ExportArray(const Array& array, ArrowArray* out, ArrowSchema* out_schema) {
  QUIVER_RETURN_NOT_OK(CheckExportable(*array.data()));
  if (out_schema != nullptr) QUIVER_RETURN_NOT_OK(ExportType(*array.type(), out_schema));
  FillArray(array.data(), out);
  return Status::OK();
}

Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out, ArrowSchema* out_schema) {
  std::vector<ArrayDataPtr> children;
  children.reserve(batch.columns().size());
  for (const auto& c : batch.columns()) {
    QUIVER_RETURN_NOT_OK(CheckExportable(*c->data()));
    children.push_back(c->data());
  }
  auto d = ArrayData::Make(struct_(batch.schema()->fields()), batch.num_rows(), {nullptr}, 0, 0,
                           std::move(children));
  if (out_schema != nullptr) QUIVER_RETURN_NOT_OK(ExportSchema(*batch.schema(), out_schema));
  FillArray(d, out);
  return Status::OK();
}

}  // namespace quiver
