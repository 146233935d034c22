// Schema <-> flatbuffer conversion and message framing for Arrow IPC.
#include "quiver/arrow/ipc/metadata_internal.h"

#include <cstring>
#include <string>

namespace quiver::ipc::internal {

namespace {

constexpr int kMaxDepth = 64;

// ---- Writing ----

fb::TimeUnit ToFb(TimeUnit u) {
  switch (u) {
    case TimeUnit::kSecond: return fb::TimeUnit::SECOND;
    case TimeUnit::kMillisecond: return fb::TimeUnit::MILLISECOND;
    case TimeUnit::kMicrosecond: return fb::TimeUnit::MICROSECOND;
    case TimeUnit::kNanosecond: return fb::TimeUnit::NANOSECOND;
  }
  return fb::TimeUnit::SECOND;
}

flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>> MetadataToFb(
    flatbuffers::FlatBufferBuilder& fbb, const KeyValueMetadata& md) {
  if (md.empty()) return 0;
  std::vector<flatbuffers::Offset<fb::KeyValue>> kvs;
  for (const auto& [k, v] : md) {
    kvs.push_back(fb::CreateKeyValue(fbb, fbb.CreateString(k), fbb.CreateString(v)));
  }
  return fbb.CreateVector(kvs);
}

flatbuffers::Offset<fb::Int> IntToFb(flatbuffers::FlatBufferBuilder& fbb, const DataType& t) {
  return fb::CreateInt(fbb, t.bit_width(), t.is_signed_integer());
}

// The flatbuffer type (tag and table) of a non-dictionary type.
std::pair<fb::Type, flatbuffers::Offset<void>> TypeToFb(flatbuffers::FlatBufferBuilder& fbb,
                                                        const DataType& t) {
  switch (t.id()) {
    case TypeId::kNull: return {fb::Type::Null, fb::CreateNull(fbb).Union()};
    case TypeId::kBoolean: return {fb::Type::Bool, fb::CreateBool(fbb).Union()};
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: return {fb::Type::Int, IntToFb(fbb, t).Union()};
    case TypeId::kFloat16:
      return {fb::Type::FloatingPoint, fb::CreateFloatingPoint(fbb, fb::Precision::HALF).Union()};
    case TypeId::kFloat32:
      return {fb::Type::FloatingPoint, fb::CreateFloatingPoint(fbb, fb::Precision::SINGLE).Union()};
    case TypeId::kFloat64:
      return {fb::Type::FloatingPoint, fb::CreateFloatingPoint(fbb, fb::Precision::DOUBLE).Union()};
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return {fb::Type::Decimal,
              fb::CreateDecimal(fbb, t.precision(), t.scale(), t.bit_width()).Union()};
    case TypeId::kUtf8: return {fb::Type::Utf8, fb::CreateUtf8(fbb).Union()};
    case TypeId::kLargeUtf8: return {fb::Type::LargeUtf8, fb::CreateLargeUtf8(fbb).Union()};
    case TypeId::kUtf8View: return {fb::Type::Utf8View, fb::CreateUtf8View(fbb).Union()};
    case TypeId::kBinary: return {fb::Type::Binary, fb::CreateBinary(fbb).Union()};
    case TypeId::kLargeBinary: return {fb::Type::LargeBinary, fb::CreateLargeBinary(fbb).Union()};
    case TypeId::kBinaryView: return {fb::Type::BinaryView, fb::CreateBinaryView(fbb).Union()};
    case TypeId::kFixedSizeBinary:
      return {fb::Type::FixedSizeBinary, fb::CreateFixedSizeBinary(fbb, t.byte_width()).Union()};
    case TypeId::kDate32: return {fb::Type::Date, fb::CreateDate(fbb, fb::DateUnit::DAY).Union()};
    case TypeId::kDate64:
      return {fb::Type::Date, fb::CreateDate(fbb, fb::DateUnit::MILLISECOND).Union()};
    case TypeId::kTime32:
    case TypeId::kTime64:
      return {fb::Type::Time, fb::CreateTime(fbb, ToFb(t.unit()), t.bit_width()).Union()};
    case TypeId::kTimestamp: {
      auto tz = t.timezone().empty() ? 0 : fbb.CreateString(t.timezone());
      return {fb::Type::Timestamp, fb::CreateTimestamp(fbb, ToFb(t.unit()), tz).Union()};
    }
    case TypeId::kDuration:
      return {fb::Type::Duration, fb::CreateDuration(fbb, ToFb(t.unit())).Union()};
    case TypeId::kInterval: {
      fb::IntervalUnit u =
          t.interval_unit() == IntervalUnit::kYearMonth ? fb::IntervalUnit::YEAR_MONTH
          : t.interval_unit() == IntervalUnit::kDayTime ? fb::IntervalUnit::DAY_TIME
                                                        : fb::IntervalUnit::MONTH_DAY_NANO;
      return {fb::Type::Interval, fb::CreateInterval(fbb, u).Union()};
    }
    case TypeId::kList: return {fb::Type::List, fb::CreateList(fbb).Union()};
    case TypeId::kLargeList: return {fb::Type::LargeList, fb::CreateLargeList(fbb).Union()};
    case TypeId::kFixedSizeList:
      return {fb::Type::FixedSizeList, fb::CreateFixedSizeList(fbb, t.list_size()).Union()};
    case TypeId::kStruct: return {fb::Type::Struct_, fb::CreateStruct_(fbb).Union()};
    case TypeId::kMap: return {fb::Type::Map, fb::CreateMap(fbb, t.keys_sorted()).Union()};
    case TypeId::kDictionary: break;  // handled by the caller
  }
  return {fb::Type::Null, fb::CreateNull(fbb).Union()};
}

flatbuffers::Offset<fb::Field> FieldToFb(flatbuffers::FlatBufferBuilder& fbb, const Field& f,
                                         const DictIdTree& ids) {
  const DataType* type = f.type().get();
  flatbuffers::Offset<fb::DictionaryEncoding> dict = 0;
  if (type->id() == TypeId::kDictionary) {
    auto index = IntToFb(fbb, *type->index_type());
    dict = fb::CreateDictionaryEncoding(fbb, ids.id, index, type->ordered());
    type = type->value_type().get();
  }
  std::vector<flatbuffers::Offset<fb::Field>> kids;
  for (size_t i = 0; i < type->fields().size(); ++i) {
    kids.push_back(FieldToFb(fbb, *type->fields()[i], ids.children[i]));
  }
  auto children = fbb.CreateVector(kids);
  auto name = fbb.CreateString(f.name());
  auto md = MetadataToFb(fbb, f.metadata());
  auto [tag, table] = TypeToFb(fbb, *type);
  return fb::CreateField(fbb, name, f.nullable(), tag, table, dict, children, md);
}

void AssignIds(const DataType& type, int64_t* next, DictIdTree* node) {
  const DataType* t = &type;
  if (t->id() == TypeId::kDictionary) {
    node->id = (*next)++;
    t = t->value_type().get();
  }
  node->children.resize(t->fields().size());
  for (size_t i = 0; i < t->fields().size(); ++i) {
    AssignIds(*t->fields()[i]->type(), next, &node->children[i]);
  }
}

// ---- Reading ----

Status Invalid(const std::string& what) {
  return Status::IO("Invalid Arrow IPC metadata: " + what);
}

Result<TimeUnit> FromFb(fb::TimeUnit u) {
  switch (u) {
    case fb::TimeUnit::SECOND: return TimeUnit::kSecond;
    case fb::TimeUnit::MILLISECOND: return TimeUnit::kMillisecond;
    case fb::TimeUnit::MICROSECOND: return TimeUnit::kMicrosecond;
    case fb::TimeUnit::NANOSECOND: return TimeUnit::kNanosecond;
  }
  return Invalid("unknown time unit");
}

KeyValueMetadata MetadataFromFb(const flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>* kvs) {
  KeyValueMetadata md;
  if (kvs == nullptr) return md;
  for (const fb::KeyValue* kv : *kvs) {
    if (kv == nullptr) continue;
    md[kv->key() ? kv->key()->str() : ""] = kv->value() ? kv->value()->str() : "";
  }
  return md;
}

Result<DataTypePtr> IntFromFb(const fb::Int* i) {
  if (i == nullptr) return Invalid("missing Int type");
  const bool s = i->is_signed();
  switch (i->bitWidth()) {
    case 8: return s ? int8() : uint8();
    case 16: return s ? int16() : uint16();
    case 32: return s ? int32() : uint32();
    case 64: return s ? int64() : uint64();
    default: return Invalid("integer bit width " + std::to_string(i->bitWidth()));
  }
}

template <typename T>
Result<const T*> Need(const T* table, const char* what) {
  if (table == nullptr) return Invalid(std::string("missing ") + what + " type table");
  return table;
}

Result<DataTypePtr> TypeFromFb(const fb::Field* f, std::vector<FieldPtr> kids) {
  auto no_kids = [&](DataTypePtr t) -> Result<DataTypePtr> {
    if (!kids.empty()) return Invalid(t->ToString() + " field with children");
    return t;
  };
  auto one_kid = [&]() -> Status {
    if (kids.size() != 1) return Invalid("list type needs exactly one child");
    return Status::OK();
  };
  switch (f->type_type()) {
    case fb::Type::Null: return no_kids(null());
    case fb::Type::Bool: return no_kids(boolean());
    case fb::Type::Int: {
      QUIVER_ASSIGN_OR_RAISE(auto t, IntFromFb(f->type_as_Int()));
      return no_kids(t);
    }
    case fb::Type::FloatingPoint: {
      QUIVER_ASSIGN_OR_RAISE(auto fp, Need(f->type_as_FloatingPoint(), "FloatingPoint"));
      switch (fp->precision()) {
        case fb::Precision::HALF: return no_kids(float16());
        case fb::Precision::SINGLE: return no_kids(float32());
        case fb::Precision::DOUBLE: return no_kids(float64());
      }
      return Invalid("unknown float precision");
    }
    case fb::Type::Decimal: {
      QUIVER_ASSIGN_OR_RAISE(auto d, Need(f->type_as_Decimal(), "Decimal"));
      if (d->bitWidth() != 128 && d->bitWidth() != 256) {
        return Status::NotImplemented("Arrow IPC: " + std::to_string(d->bitWidth()) +
                                      "-bit decimals");
      }
      TypeId id = d->bitWidth() == 128 ? TypeId::kDecimal128 : TypeId::kDecimal256;
      QUIVER_RETURN_NOT_OK(ValidateDecimal(id, d->precision(), d->scale()));
      return no_kids(id == TypeId::kDecimal128 ? decimal128(d->precision(), d->scale())
                                               : decimal256(d->precision(), d->scale()));
    }
    case fb::Type::Utf8: return no_kids(utf8());
    case fb::Type::LargeUtf8: return no_kids(large_utf8());
    case fb::Type::Utf8View: return no_kids(utf8_view());
    case fb::Type::Binary: return no_kids(binary());
    case fb::Type::LargeBinary: return no_kids(large_binary());
    case fb::Type::BinaryView: return no_kids(binary_view());
    case fb::Type::FixedSizeBinary: {
      QUIVER_ASSIGN_OR_RAISE(auto w, Need(f->type_as_FixedSizeBinary(), "FixedSizeBinary"));
      if (w->byteWidth() < 0) return Invalid("negative byte width");
      return no_kids(fixed_size_binary(w->byteWidth()));
    }
    case fb::Type::Date: {
      QUIVER_ASSIGN_OR_RAISE(auto d, Need(f->type_as_Date(), "Date"));
      return no_kids(d->unit() == fb::DateUnit::DAY ? date32() : date64());
    }
    case fb::Type::Time: {
      QUIVER_ASSIGN_OR_RAISE(auto t, Need(f->type_as_Time(), "Time"));
      QUIVER_ASSIGN_OR_RAISE(TimeUnit u, FromFb(t->unit()));
      bool is32 = u == TimeUnit::kSecond || u == TimeUnit::kMillisecond;
      if (t->bitWidth() != (is32 ? 32 : 64)) return Invalid("time bit width does not fit its unit");
      return no_kids(is32 ? time32(u) : time64(u));
    }
    case fb::Type::Timestamp: {
      QUIVER_ASSIGN_OR_RAISE(auto t, Need(f->type_as_Timestamp(), "Timestamp"));
      QUIVER_ASSIGN_OR_RAISE(TimeUnit u, FromFb(t->unit()));
      return no_kids(timestamp(u, t->timezone() ? t->timezone()->str() : ""));
    }
    case fb::Type::Duration: {
      QUIVER_ASSIGN_OR_RAISE(auto t, Need(f->type_as_Duration(), "Duration"));
      QUIVER_ASSIGN_OR_RAISE(TimeUnit u, FromFb(t->unit()));
      return no_kids(duration(u));
    }
    case fb::Type::Interval: {
      QUIVER_ASSIGN_OR_RAISE(auto t, Need(f->type_as_Interval(), "Interval"));
      switch (t->unit()) {
        case fb::IntervalUnit::YEAR_MONTH: return no_kids(interval(IntervalUnit::kYearMonth));
        case fb::IntervalUnit::DAY_TIME: return no_kids(interval(IntervalUnit::kDayTime));
        case fb::IntervalUnit::MONTH_DAY_NANO:
          return no_kids(interval(IntervalUnit::kMonthDayNano));
      }
      return Invalid("unknown interval unit");
    }
    case fb::Type::List: QUIVER_RETURN_NOT_OK(one_kid()); return list(kids[0]);
    case fb::Type::LargeList: QUIVER_RETURN_NOT_OK(one_kid()); return large_list(kids[0]);
    case fb::Type::FixedSizeList: {
      QUIVER_ASSIGN_OR_RAISE(auto t, Need(f->type_as_FixedSizeList(), "FixedSizeList"));
      QUIVER_RETURN_NOT_OK(one_kid());
      if (t->listSize() < 0) return Invalid("negative list size");
      return fixed_size_list(kids[0], t->listSize());
    }
    case fb::Type::Struct_: return struct_(std::move(kids));
    case fb::Type::Map: {
      QUIVER_ASSIGN_OR_RAISE(auto t, Need(f->type_as_Map(), "Map"));
      QUIVER_RETURN_NOT_OK(one_kid());
      const DataType& e = *kids[0]->type();
      if (e.id() != TypeId::kStruct || e.num_fields() != 2) {
        return Invalid("map entries must be a struct of key and value");
      }
      return map(kids[0], t->keysSorted());
    }
    case fb::Type::Union:
    case fb::Type::RunEndEncoded:
    case fb::Type::ListView:
    case fb::Type::LargeListView:
      return Status::NotImplemented(std::string("Arrow IPC: ") + fb::EnumNameType(f->type_type()) +
                                    " type is not supported");
    default: return Invalid("unknown type");
  }
}

Result<FieldPtr> FieldFromFb(const fb::Field* f, DictIdTree* ids, int depth) {
  if (f == nullptr) return Invalid("null field");
  if (depth > kMaxDepth) return Invalid("fields nested too deep");
  std::vector<FieldPtr> kids;
  if (f->children() != nullptr) {
    ids->children.resize(f->children()->size());
    for (flatbuffers::uoffset_t i = 0; i < f->children()->size(); ++i) {
      QUIVER_ASSIGN_OR_RAISE(auto k,
                             FieldFromFb(f->children()->Get(i), &ids->children[i], depth + 1));
      kids.push_back(std::move(k));
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto type, TypeFromFb(f, std::move(kids)));
  if (const fb::DictionaryEncoding* d = f->dictionary()) {
    DataTypePtr index = int32();  // the specification's default index type
    if (d->indexType() != nullptr) {
      QUIVER_ASSIGN_OR_RAISE(index, IntFromFb(d->indexType()));
    }
    if (!index->is_integer()) return Invalid("dictionary index type is not an integer");
    ids->id = d->id();
    type = dictionary(index, type, d->isOrdered());
  }
  return field(f->name() ? f->name()->str() : "", std::move(type), f->nullable(),
               MetadataFromFb(f->custom_metadata()));
}

void Collect(const DataType& type, const DictIdTree& ids,
             std::vector<std::pair<int64_t, DictionaryField>>* out) {
  const DataType* t = &type;
  if (t->id() == TypeId::kDictionary) {
    out->push_back({ids.id, {t->value_type(), &ids}});
    t = t->value_type().get();
  }
  for (size_t i = 0; i < t->fields().size() && i < ids.children.size(); ++i) {
    Collect(*t->fields()[i]->type(), ids.children[i], out);
  }
}

}  // namespace

std::vector<DictIdTree> AssignDictionaryIds(const std::vector<FieldPtr>& fields) {
  std::vector<DictIdTree> out(fields.size());
  int64_t next = 0;
  for (size_t i = 0; i < fields.size(); ++i) AssignIds(*fields[i]->type(), &next, &out[i]);
  return out;
}

flatbuffers::Offset<fb::Schema> SchemaToFlatbuffer(flatbuffers::FlatBufferBuilder& fbb,
                                                   const Schema& schema,
                                                   const std::vector<DictIdTree>& ids) {
  std::vector<flatbuffers::Offset<fb::Field>> fields;
  for (int i = 0; i < schema.num_fields(); ++i) {
    fields.push_back(FieldToFb(fbb, *schema.field(i), ids[i]));
  }
  auto fv = fbb.CreateVector(fields);
  auto md = MetadataToFb(fbb, schema.metadata());
  return fb::CreateSchema(fbb, fb::Endianness::Little, fv, md);
}

Result<SchemaPtr> SchemaFromFlatbuffer(const fb::Schema* s, std::vector<DictIdTree>* ids) {
  if (s == nullptr) return Invalid("missing schema");
  if (s->endianness() != fb::Endianness::Little) {
    return Status::NotImplemented("Arrow IPC: big-endian data is not supported");
  }
  std::vector<FieldPtr> fields;
  ids->clear();
  if (s->fields() != nullptr) {
    ids->resize(s->fields()->size());
    for (flatbuffers::uoffset_t i = 0; i < s->fields()->size(); ++i) {
      QUIVER_ASSIGN_OR_RAISE(auto f, FieldFromFb(s->fields()->Get(i), &(*ids)[i], 0));
      fields.push_back(std::move(f));
    }
  }
  return schema(std::move(fields), MetadataFromFb(s->custom_metadata()));
}

Status CollectDictionaryFields(const std::vector<FieldPtr>& fields,
                               const std::vector<DictIdTree>& ids,
                               std::vector<std::pair<int64_t, DictionaryField>>* out) {
  for (size_t i = 0; i < fields.size(); ++i) Collect(*fields[i]->type(), ids[i], out);
  for (size_t i = 0; i < out->size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if ((*out)[i].first == (*out)[j].first &&
          !(*out)[i].second.value_type->Equals(*(*out)[j].second.value_type)) {
        return Invalid("dictionary id " + std::to_string((*out)[i].first) +
                       " is used with different value types");
      }
    }
  }
  return Status::OK();
}

Result<const fb::Message*> VerifyMessage(const BufferPtr& metadata) {
  if (metadata->size() <= 0 ||
      metadata->size() >= static_cast<int64_t>(FLATBUFFERS_MAX_BUFFER_SIZE)) {
    return Invalid("bad message metadata size");
  }
  flatbuffers::Verifier v(metadata->data(), static_cast<size_t>(metadata->size()));
  if (!fb::VerifyMessageBuffer(v)) return Invalid("message flatbuffer fails verification");
  const fb::Message* m = fb::GetMessage(metadata->data());
  if (m->version() < fb::MetadataVersion::V4) {
    return Status::NotImplemented("Arrow IPC: metadata versions before V4 are not supported");
  }
  if (m->bodyLength() < 0) return Invalid("negative body length");
  return m;
}

Result<Message> ReadMessage(InputStream* in) {
  Message msg;
  QUIVER_ASSIGN_OR_RAISE(auto head, in->Read(4));
  if (head->size() == 0) return msg;  // end of input
  if (head->size() < 4) return Invalid("truncated message length");
  uint32_t first;
  std::memcpy(&first, head->data(), 4);
  int32_t length;
  if (first == kContinuation) {
    QUIVER_ASSIGN_OR_RAISE(auto len, in->Read(4));
    if (len->size() < 4) return Invalid("truncated message length");
    std::memcpy(&length, len->data(), 4);
  } else {
    length = static_cast<int32_t>(first);  // format before 0.15: no continuation marker
  }
  if (length == 0) return msg;  // end-of-stream marker
  if (length < 0) return Invalid("negative metadata length");
  QUIVER_ASSIGN_OR_RAISE(msg.metadata, in->Read(length));
  if (msg.metadata->size() < length) return Invalid("truncated message metadata");
  if (reinterpret_cast<uintptr_t>(msg.metadata->data()) % 8 != 0) {
    QUIVER_ASSIGN_OR_RAISE(msg.metadata, CopyBuffer(msg.metadata->view()));
  }
  QUIVER_ASSIGN_OR_RAISE(msg.message, VerifyMessage(msg.metadata));
  QUIVER_ASSIGN_OR_RAISE(msg.body, in->Read(msg.message->bodyLength()));
  if (msg.body->size() < msg.message->bodyLength()) return Invalid("truncated message body");
  return msg;
}

Result<int64_t> WriteMessageMetadata(OutputStream* out, const flatbuffers::FlatBufferBuilder& fbb) {
  const int64_t size = fbb.GetSize();
  // Pad so that the body after the metadata starts aligned in the output.
  const int64_t pos = out->position();
  const int64_t framed = (pos + 8 + size + kIpcAlignment - 1) / kIpcAlignment * kIpcAlignment - pos;
  const int32_t length = static_cast<int32_t>(framed - 8);
  const uint32_t marker = kContinuation;
  QUIVER_RETURN_NOT_OK(out->Write(&marker, 4));
  QUIVER_RETURN_NOT_OK(out->Write(&length, 4));
  QUIVER_RETURN_NOT_OK(out->Write(fbb.GetBufferPointer(), size));
  static const uint8_t kPad[kIpcAlignment] = {};
  QUIVER_RETURN_NOT_OK(out->Write(kPad, framed - 8 - size));
  return framed;
}

}  // namespace quiver::ipc::internal
