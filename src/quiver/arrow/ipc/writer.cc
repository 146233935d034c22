#include "quiver/arrow/ipc/writer.h"

#include <cstring>

#include "quiver/arrow/ipc/body_internal.h"

namespace quiver::ipc {

using internal::BodyBuffer;
using internal::DictIdTree;
using internal::EncodedBody;
namespace fb = internal::fb;

struct IpcWriter::State {
  OutputStream* sink;
  SchemaPtr schema;
  IpcWriteOptions options;
  bool file;
  bool closed = false;
  std::vector<DictIdTree> ids;
  std::map<int64_t, const DictIdTree*> dict_nodes;
  std::map<int64_t, ArrayDataPtr> written_dicts;
  std::vector<fb::Block> dict_blocks;
  std::vector<fb::Block> batch_blocks;

  // Writes a message whose header `make_header` builds, followed by `body`.
  template <typename MakeHeader>
  Status WriteBodyMessage(fb::MessageHeader type, EncodedBody& body, int64_t length,
                          MakeHeader make_header, std::vector<fb::Block>* blocks);
  Status WriteDictionaries(std::vector<std::pair<int64_t, ArrayDataPtr>> dicts);
};

namespace {

constexpr int64_t kAlign = internal::kIpcAlignment;
int64_t Padded(int64_t n) { return (n + kAlign - 1) / kAlign * kAlign; }

// A body buffer as written: optional int64 length prefix, then bytes.
struct WrittenBuffer {
  bool has_prefix = false;
  int64_t prefix = 0;
  BodyBuffer bytes;
  int64_t size() const { return (has_prefix ? 8 : 0) + bytes.size; }
};

Result<std::vector<WrittenBuffer>> Prepare(std::vector<BodyBuffer>& buffers, Compression codec) {
  std::vector<WrittenBuffer> out(buffers.size());
  for (size_t i = 0; i < buffers.size(); ++i) {
    out[i].bytes = buffers[i];
    if (codec == Compression::kNone || buffers[i].size == 0) continue;
    out[i].has_prefix = true;
    QUIVER_ASSIGN_OR_RAISE(auto c, Compress(codec, buffers[i].data, buffers[i].size));
    if (c->size() < buffers[i].size) {
      out[i].prefix = buffers[i].size;
      out[i].bytes = {c->data(), c->size(), c};
    } else {
      out[i].prefix = -1;  // incompressible: stored raw
    }
  }
  return out;
}

fb::CompressionType CodecToFb(Compression c) {
  return c == Compression::kZstd ? fb::CompressionType::ZSTD : fb::CompressionType::LZ4_FRAME;
}

}  // namespace

template <typename MakeHeader>
Status IpcWriter::State::WriteBodyMessage(fb::MessageHeader type, EncodedBody& body, int64_t length,
                                          MakeHeader make_header, std::vector<fb::Block>* blocks) {
  QUIVER_ASSIGN_OR_RAISE(auto written, Prepare(body.buffers, options.compression));
  std::vector<fb::Buffer> metas;
  int64_t offset = 0;
  for (const auto& w : written) {
    metas.emplace_back(offset, w.size());
    offset += Padded(w.size());
  }
  const int64_t body_length = offset;

  flatbuffers::FlatBufferBuilder fbb(1024);
  auto nodes = fbb.CreateVectorOfStructs(body.nodes);
  auto bufs = fbb.CreateVectorOfStructs(metas);
  flatbuffers::Offset<fb::BodyCompression> compression = 0;
  if (options.compression != Compression::kNone) {
    compression = fb::CreateBodyCompression(fbb, CodecToFb(options.compression));
  }
  flatbuffers::Offset<flatbuffers::Vector<int64_t>> variadic = 0;
  if (!body.variadic_counts.empty()) variadic = fbb.CreateVector(body.variadic_counts);
  auto rb = fb::CreateRecordBatch(fbb, length, nodes, bufs, compression, variadic);
  auto header = make_header(fbb, rb);
  fbb.Finish(fb::CreateMessage(fbb, fb::MetadataVersion::V5, type, header, body_length));

  const int64_t start = sink->position();
  QUIVER_ASSIGN_OR_RAISE(int64_t meta_len, internal::WriteMessageMetadata(sink, fbb));
  static const uint8_t kPad[kAlign] = {};
  for (const auto& w : written) {
    if (w.has_prefix) QUIVER_RETURN_NOT_OK(sink->Write(&w.prefix, 8));
    QUIVER_RETURN_NOT_OK(sink->Write(w.bytes.data, w.bytes.size));
    QUIVER_RETURN_NOT_OK(sink->Write(kPad, Padded(w.size()) - w.size()));
  }
  if (blocks != nullptr) {
    blocks->emplace_back(start, static_cast<int32_t>(meta_len), body_length);
  }
  return Status::OK();
}

Status IpcWriter::State::WriteDictionaries(std::vector<std::pair<int64_t, ArrayDataPtr>> dicts) {
  for (auto& [id, dict] : dicts) {
    auto it = written_dicts.find(id);
    if (it != written_dicts.end()) {
      if (it->second == dict) continue;
      if (MakeArray(it->second)->Equals(*MakeArray(dict))) continue;
      if (file) {
        return Status::NotImplemented("Arrow IPC file format cannot replace dictionary " +
                                      std::to_string(id) + " (use the stream format)");
      }
    }
    auto node = dict_nodes.find(id);
    if (node == dict_nodes.end()) return Status::Internal("unknown dictionary id");
    EncodedBody body;
    DictIdTree value_ids;
    value_ids.children = node->second->children;
    QUIVER_RETURN_NOT_OK(internal::EncodeArray(dict, value_ids, &body));
    // Dictionaries nested in this one's values go first.
    QUIVER_RETURN_NOT_OK(WriteDictionaries(std::move(body.dictionaries)));
    const int64_t dict_id = id;
    auto make = [dict_id](flatbuffers::FlatBufferBuilder& fbb,
                          flatbuffers::Offset<fb::RecordBatch> rb) {
      return fb::CreateDictionaryBatch(fbb, dict_id, rb, false).Union();
    };
    QUIVER_RETURN_NOT_OK(WriteBodyMessage(fb::MessageHeader::DictionaryBatch, body, dict->length,
                                          make, file ? &dict_blocks : nullptr));
    written_dicts[id] = dict;
  }
  return Status::OK();
}

IpcWriter::IpcWriter(OutputStream* sink, SchemaPtr schema, IpcWriteOptions options, bool file)
    : state_(new State{sink, std::move(schema), options, file}) {}

IpcWriter::~IpcWriter() = default;

Status IpcWriter::Start() {
  State& s = *state_;
  s.ids = internal::AssignDictionaryIds(s.schema->fields());
  std::vector<std::pair<int64_t, internal::DictionaryField>> dict_fields;
  QUIVER_RETURN_NOT_OK(internal::CollectDictionaryFields(s.schema->fields(), s.ids, &dict_fields));
  for (const auto& [id, f] : dict_fields) s.dict_nodes[id] = f.ids;
  if (s.file) {
    const char magic[8] = {'A', 'R', 'R', 'O', 'W', '1', 0, 0};
    QUIVER_RETURN_NOT_OK(s.sink->Write(magic, 8));
  }
  flatbuffers::FlatBufferBuilder fbb(1024);
  auto schema = internal::SchemaToFlatbuffer(fbb, *s.schema, s.ids);
  fbb.Finish(fb::CreateMessage(fbb, fb::MetadataVersion::V5, fb::MessageHeader::Schema,
                               schema.Union(), 0));
  return internal::WriteMessageMetadata(s.sink, fbb).status();
}

Result<std::unique_ptr<IpcWriter>> IpcWriter::OpenStream(OutputStream* sink, SchemaPtr schema,
                                                         IpcWriteOptions options) {
  std::unique_ptr<IpcWriter> w(new IpcWriter(sink, std::move(schema), options, false));
  QUIVER_RETURN_NOT_OK(w->Start());
  return w;
}

Result<std::unique_ptr<IpcWriter>> IpcWriter::OpenFile(OutputStream* sink, SchemaPtr schema,
                                                       IpcWriteOptions options) {
  std::unique_ptr<IpcWriter> w(new IpcWriter(sink, std::move(schema), options, true));
  QUIVER_RETURN_NOT_OK(w->Start());
  return w;
}

Status IpcWriter::Write(const RecordBatch& batch) {
  State& s = *state_;
  if (s.closed) return Status::Internal("write to a closed IPC writer");
  if (batch.num_columns() != s.schema->num_fields()) {
    return Status::Arrow("IPC writer: batch has " + std::to_string(batch.num_columns()) +
                         " columns, schema has " + std::to_string(s.schema->num_fields()));
  }
  EncodedBody body;
  for (int i = 0; i < batch.num_columns(); ++i) {
    const auto& col = batch.column(i);
    if (!col->type()->Equals(*s.schema->field(i)->type()) || col->length() != batch.num_rows()) {
      return Status::Arrow("IPC writer: column " + s.schema->field(i)->name() +
                           " does not match the schema");
    }
    QUIVER_RETURN_NOT_OK(internal::EncodeArray(col->data(), s.ids[i], &body));
  }
  QUIVER_RETURN_NOT_OK(s.WriteDictionaries(std::move(body.dictionaries)));
  // A record batch message's header is the RecordBatch table itself.
  auto header = [](flatbuffers::FlatBufferBuilder&, flatbuffers::Offset<fb::RecordBatch> rb) {
    return rb.Union();
  };
  QUIVER_RETURN_NOT_OK(s.WriteBodyMessage(fb::MessageHeader::RecordBatch, body, batch.num_rows(),
                                          header, s.file ? &s.batch_blocks : nullptr));
  ++num_batches_;
  return Status::OK();
}

Status IpcWriter::Close() {
  State& s = *state_;
  if (s.closed) return Status::OK();
  s.closed = true;
  const uint32_t eos[2] = {internal::kContinuation, 0};
  QUIVER_RETURN_NOT_OK(s.sink->Write(eos, 8));
  if (!s.file) return Status::OK();
  flatbuffers::FlatBufferBuilder fbb(1024);
  auto schema = internal::SchemaToFlatbuffer(fbb, *s.schema, s.ids);
  auto dicts = fbb.CreateVectorOfStructs(s.dict_blocks);
  auto batches = fbb.CreateVectorOfStructs(s.batch_blocks);
  fbb.Finish(fb::CreateFooter(fbb, fb::MetadataVersion::V5, schema, dicts, batches));
  QUIVER_RETURN_NOT_OK(s.sink->Write(fbb.GetBufferPointer(), fbb.GetSize()));
  const int32_t footer_len = static_cast<int32_t>(fbb.GetSize());
  QUIVER_RETURN_NOT_OK(s.sink->Write(&footer_len, 4));
  return s.sink->Write(internal::kFileMagic, 6);
}

Result<BufferPtr> SerializeBatches(const SchemaPtr& schema,
                                   const std::vector<RecordBatchPtr>& batches, bool file_format,
                                   IpcWriteOptions options) {
  BufferOutputStream out;
  QUIVER_ASSIGN_OR_RAISE(auto writer, file_format ? IpcWriter::OpenFile(&out, schema, options)
                                                  : IpcWriter::OpenStream(&out, schema, options));
  for (const auto& b : batches) QUIVER_RETURN_NOT_OK(writer->Write(*b));
  QUIVER_RETURN_NOT_OK(writer->Close());
  return out.Finish();
}

}  // namespace quiver::ipc
