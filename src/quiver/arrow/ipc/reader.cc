#include "quiver/arrow/ipc/reader.h"

#include <cstring>
#include <map>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/ipc/body_internal.h"

namespace quiver::ipc {

namespace fb = internal::fb;

namespace {
Status Invalid(const std::string& what) { return Status::IO("Invalid Arrow IPC data: " + what); }

// Appends `delta` to `base` (a dictionary delta batch).
Result<ArrayDataPtr> Concatenate(const ArrayDataPtr& base, const ArrayDataPtr& delta) {
  QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(base->type));
  QUIVER_RETURN_NOT_OK(builder->AppendArraySlice(*base, 0, base->length));
  QUIVER_RETURN_NOT_OK(builder->AppendArraySlice(*delta, 0, delta->length));
  return builder->FinishData();
}
}  // namespace

/// The schema and the current dictionaries of one stream or file.
class DictionaryState {
 public:
  Status SetSchema(const fb::Schema* s) {
    QUIVER_ASSIGN_OR_RAISE(schema_, internal::SchemaFromFlatbuffer(s, &ids_));
    std::vector<std::pair<int64_t, internal::DictionaryField>> fields;
    QUIVER_RETURN_NOT_OK(internal::CollectDictionaryFields(schema_->fields(), ids_, &fields));
    for (auto& [id, f] : fields) fields_[id] = f;
    return Status::OK();
  }
  const SchemaPtr& schema() const { return schema_; }

  Status ReadDictionary(const fb::Message* m, const BufferPtr& body) {
    const fb::DictionaryBatch* db = m->header_as_DictionaryBatch();
    if (db == nullptr) return Invalid("dictionary batch without a header");
    auto it = fields_.find(db->id());
    if (it == fields_.end())
      return Invalid("dictionary id " + std::to_string(db->id()) + " unknown");
    internal::DictIdTree value_ids;
    value_ids.children = it->second.ids->children;
    internal::BodyDecoder decoder(db->data(), body, Lookup());
    QUIVER_RETURN_NOT_OK(decoder.Init());
    QUIVER_ASSIGN_OR_RAISE(auto values, decoder.Decode(it->second.value_type, value_ids));
    QUIVER_RETURN_NOT_OK(decoder.Finish());
    QUIVER_RETURN_NOT_OK(values->Validate());
    auto& slot = dictionaries_[db->id()];
    if (db->isDelta() && slot) {
      QUIVER_ASSIGN_OR_RAISE(slot, Concatenate(slot, values));
    } else {
      slot = std::move(values);
    }
    return Status::OK();
  }

  Result<RecordBatchPtr> ReadBatch(const fb::Message* m, const BufferPtr& body) {
    const fb::RecordBatch* rb = m->header_as_RecordBatch();
    if (rb == nullptr) return Invalid("record batch without a header");
    internal::BodyDecoder decoder(rb, body, Lookup());
    QUIVER_RETURN_NOT_OK(decoder.Init());
    std::vector<ArrayPtr> columns;
    for (int i = 0; i < schema_->num_fields(); ++i) {
      QUIVER_ASSIGN_OR_RAISE(auto d, decoder.Decode(schema_->field(i)->type(), ids_[i]));
      if (d->length != rb->length()) {
        return Invalid("column " + schema_->field(i)->name() + " has " + std::to_string(d->length) +
                       " rows, batch has " + std::to_string(rb->length()));
      }
      columns.push_back(MakeArray(std::move(d)));
    }
    QUIVER_RETURN_NOT_OK(decoder.Finish());
    QUIVER_ASSIGN_OR_RAISE(auto batch,
                           RecordBatch::MakeValidated(schema_, rb->length(), std::move(columns)));
    return batch;
  }

 private:
  internal::DictionaryLookup Lookup() {
    return [this](int64_t id) -> ArrayDataPtr {
      auto it = dictionaries_.find(id);
      return it == dictionaries_.end() ? nullptr : it->second;
    };
  }

  SchemaPtr schema_;
  std::vector<internal::DictIdTree> ids_;
  std::map<int64_t, internal::DictionaryField> fields_;
  std::map<int64_t, ArrayDataPtr> dictionaries_;
};

// ---- Stream ----

IpcStreamReader::~IpcStreamReader() = default;

Result<std::unique_ptr<IpcStreamReader>> IpcStreamReader::Open(std::unique_ptr<InputStream> in) {
  std::unique_ptr<IpcStreamReader> r(new IpcStreamReader());
  r->in_ = std::move(in);
  r->state_ = std::make_unique<DictionaryState>();
  QUIVER_ASSIGN_OR_RAISE(auto msg, internal::ReadMessage(r->in_.get()));
  if (msg.message == nullptr) return Invalid("empty stream: no schema message");
  if (msg.message->header_type() != fb::MessageHeader::Schema) {
    return Invalid("the stream does not start with a schema message");
  }
  QUIVER_RETURN_NOT_OK(r->state_->SetSchema(msg.message->header_as_Schema()));
  return r;
}

Result<std::unique_ptr<IpcStreamReader>> IpcStreamReader::Open(BufferPtr data) {
  return Open(std::make_unique<BufferInputStream>(std::move(data)));
}

const SchemaPtr& IpcStreamReader::schema() const { return state_->schema(); }

Result<RecordBatchPtr> IpcStreamReader::Next() {
  while (!done_) {
    QUIVER_ASSIGN_OR_RAISE(auto msg, internal::ReadMessage(in_.get()));
    if (msg.message == nullptr) {
      done_ = true;
      break;
    }
    switch (msg.message->header_type()) {
      case fb::MessageHeader::DictionaryBatch:
        QUIVER_RETURN_NOT_OK(state_->ReadDictionary(msg.message, msg.body));
        break;
      case fb::MessageHeader::RecordBatch: return state_->ReadBatch(msg.message, msg.body);
      case fb::MessageHeader::Schema: return Invalid("a second schema message in the stream");
      default: return Status::NotImplemented("Arrow IPC: tensor messages are not supported");
    }
  }
  return RecordBatchPtr();
}

// ---- File ----

bool IsIpcFile(const Buffer& data) {
  return data.size() >= 6 && std::memcmp(data.data(), internal::kFileMagic, 6) == 0;
}

IpcFileReader::~IpcFileReader() = default;

Result<std::unique_ptr<IpcFileReader>> IpcFileReader::Open(const std::string& path) {
  QUIVER_ASSIGN_OR_RAISE(auto data, MapFile(path));
  auto r = Open(std::move(data));
  if (!r.ok()) return r.status().WithContext(path);
  return r;
}

Result<std::unique_ptr<IpcFileReader>> IpcFileReader::Open(BufferPtr file) {
  const int64_t size = file->size();
  if (size < 6 + 2 + 4 + 6 || !IsIpcFile(*file) ||
      std::memcmp(file->data() + size - 6, internal::kFileMagic, 6) != 0) {
    return Invalid("not an Arrow IPC file (magic bytes missing)");
  }
  int32_t footer_len;
  std::memcpy(&footer_len, file->data() + size - 10, 4);
  if (footer_len <= 0 || footer_len > size - 18) return Invalid("bad footer length");
  auto footer_buf = Buffer::Slice(file, size - 10 - footer_len, footer_len);
  if (reinterpret_cast<uintptr_t>(footer_buf->data()) % 8 != 0) {
    QUIVER_ASSIGN_OR_RAISE(footer_buf, CopyBuffer(footer_buf->view()));
  }
  flatbuffers::Verifier v(footer_buf->data(), static_cast<size_t>(footer_len));
  if (!fb::VerifyFooterBuffer(v)) return Invalid("footer flatbuffer fails verification");
  const fb::Footer* footer = fb::GetFooter(footer_buf->data());

  std::unique_ptr<IpcFileReader> r(new IpcFileReader());
  r->file_ = std::move(file);
  r->state_ = std::make_unique<DictionaryState>();
  QUIVER_RETURN_NOT_OK(r->state_->SetSchema(footer->schema()));
  auto blocks = [](const flatbuffers::Vector<const fb::Block*>* in, std::vector<Block>* out) {
    if (in == nullptr) return;
    for (const fb::Block* b : *in)
      out->push_back({b->offset(), b->metaDataLength(), b->bodyLength()});
  };
  blocks(footer->dictionaries(), &r->dict_blocks_);
  blocks(footer->recordBatches(), &r->batch_blocks_);
  for (const Block& b : r->dict_blocks_) QUIVER_RETURN_NOT_OK(r->ReadBlock(b, true).status());
  return r;
}

const SchemaPtr& IpcFileReader::schema() const { return state_->schema(); }

Result<RecordBatchPtr> IpcFileReader::ReadBlock(const Block& b, bool dictionary) {
  const int64_t size = file_->size();
  if (b.offset < 0 || b.metadata_length < 8 || b.body_length < 0 || b.offset > size ||
      b.metadata_length > size - b.offset || b.body_length > size - b.offset - b.metadata_length) {
    return Invalid("block outside the file");
  }
  BufferInputStream in(Buffer::Slice(file_, b.offset, b.metadata_length + b.body_length));
  QUIVER_ASSIGN_OR_RAISE(auto msg, internal::ReadMessage(&in));
  if (msg.message == nullptr) return Invalid("empty block");
  const auto type = msg.message->header_type();
  if (dictionary) {
    if (type != fb::MessageHeader::DictionaryBatch)
      return Invalid("dictionary block holds no dictionary");
    QUIVER_RETURN_NOT_OK(state_->ReadDictionary(msg.message, msg.body));
    return RecordBatchPtr();
  }
  if (type != fb::MessageHeader::RecordBatch) return Invalid("record batch block holds no batch");
  return state_->ReadBatch(msg.message, msg.body);
}

Result<RecordBatchPtr> IpcFileReader::ReadRecordBatch(int i) {
  if (i < 0 || i >= num_record_batches())
    return Status::Internal("record batch index out of range");
  return ReadBlock(batch_blocks_[i], false);
}

// ---- Whole inputs ----

Result<std::vector<RecordBatchPtr>> ReadAllBatches(BufferPtr data, SchemaPtr* schema) {
  std::vector<RecordBatchPtr> out;
  if (IsIpcFile(*data)) {
    QUIVER_ASSIGN_OR_RAISE(auto r, IpcFileReader::Open(std::move(data)));
    for (int i = 0; i < r->num_record_batches(); ++i) {
      QUIVER_ASSIGN_OR_RAISE(auto b, r->ReadRecordBatch(i));
      out.push_back(std::move(b));
    }
    if (schema) *schema = r->schema();
    return out;
  }
  QUIVER_ASSIGN_OR_RAISE(auto r, IpcStreamReader::Open(std::move(data)));
  while (true) {
    QUIVER_ASSIGN_OR_RAISE(auto b, r->Next());
    if (!b) break;
    out.push_back(std::move(b));
  }
  if (schema) *schema = r->schema();
  return out;
}

Result<std::vector<RecordBatchPtr>> ReadAllBatches(const std::string& path, SchemaPtr* schema) {
  QUIVER_ASSIGN_OR_RAISE(auto data, MapFile(path));
  auto r = ReadAllBatches(std::move(data), schema);
  if (!r.ok()) return r.status().WithContext(path);
  return r;
}

}  // namespace quiver::ipc
