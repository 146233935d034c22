#include "quiver/arrow/c_stream.h"

#include <cerrno>
#include <cstring>

namespace quiver {

namespace {

struct StreamPrivate {
  SchemaPtr schema;
  BatchProducer next;
  std::string last_error;
  bool finished = false;
};

StreamPrivate* PrivateOf(ArrowArrayStream* s) {
  return static_cast<StreamPrivate*>(s->private_data);
}

int ErrnoFor(const Status& st) {
  switch (st.kind()) {
    case ErrorKind::kResourcesExhausted: return ENOMEM;
    case ErrorKind::kIO: return EIO;
    case ErrorKind::kNotImplemented: return ENOSYS;
    default: return EINVAL;
  }
}

int Fail(StreamPrivate* p, const Status& st) {
  p->last_error = st.ToString();
  return ErrnoFor(st);
}

int GetSchema(ArrowArrayStream* s, ArrowSchema* out) {
  StreamPrivate* p = PrivateOf(s);
  Status st = ExportSchema(*p->schema, out);
  return st.ok() ? 0 : Fail(p, st);
}

int GetNext(ArrowArrayStream* s, ArrowArray* out) {
  StreamPrivate* p = PrivateOf(s);
  std::memset(out, 0, sizeof(*out));  // release == NULL marks the end
  if (p->finished) return 0;
  Result<RecordBatchPtr> batch = p->next();
  if (!batch.ok()) return Fail(p, batch.status());
  if (*batch == nullptr) {
    p->finished = true;
    p->next = nullptr;  // drop what the producer holds as soon as it is done
    return 0;
  }
  const RecordBatch& b = **batch;
  if (!b.schema()->Equals(*p->schema)) {
    return Fail(p, Status::Arrow("stream batch does not match the stream schema"));
  }
  Status st = ExportRecordBatch(b, out);
  return st.ok() ? 0 : Fail(p, st);
}

const char* GetLastError(ArrowArrayStream* s) {
  StreamPrivate* p = PrivateOf(s);
  return p->last_error.empty() ? nullptr : p->last_error.c_str();
}

void ReleaseStream(ArrowArrayStream* s) {
  if (s == nullptr || s->release == nullptr) return;
  delete PrivateOf(s);
  s->release = nullptr;
}

}  // namespace

Status ExportRecordBatchStream(SchemaPtr schema, BatchProducer next, ArrowArrayStream* out) {
  if (!schema || !next)
    return Status::Internal("ExportRecordBatchStream needs a schema and producer");
  auto* p = new StreamPrivate();
  p->schema = std::move(schema);
  p->next = std::move(next);
  out->get_schema = &GetSchema;
  out->get_next = &GetNext;
  out->get_last_error = &GetLastError;
  out->release = &ReleaseStream;
  out->private_data = p;
  return Status::OK();
}

Status ExportRecordBatchStream(SchemaPtr schema, std::vector<RecordBatchPtr> batches,
                               ArrowArrayStream* out) {
  size_t pos = 0;
  auto producer = [batches = std::move(batches), pos]() mutable -> Result<RecordBatchPtr> {
    if (pos >= batches.size()) return RecordBatchPtr();
    return batches[pos++];
  };
  return ExportRecordBatchStream(std::move(schema), std::move(producer), out);
}

// ---- Import ----

Result<std::unique_ptr<ImportedStreamReader>> ImportedStreamReader::Make(ArrowArrayStream* stream) {
  if (stream == nullptr || stream->release == nullptr) {
    return Status::Arrow("C Stream import: stream is null or already released");
  }
  std::unique_ptr<ImportedStreamReader> reader(new ImportedStreamReader());
  reader->stream_ = *stream;
  stream->release = nullptr;
  ArrowSchema c_schema{};
  int rc = reader->stream_.get_schema(&reader->stream_, &c_schema);
  if (rc != 0) return reader->StreamError(rc, "get_schema");
  QUIVER_ASSIGN_OR_RAISE(reader->schema_, ImportSchema(&c_schema));
  return reader;
}

ImportedStreamReader::~ImportedStreamReader() {
  if (stream_.release != nullptr) stream_.release(&stream_);
}

Status ImportedStreamReader::StreamError(int code, const char* what) {
  const char* msg = stream_.get_last_error ? stream_.get_last_error(&stream_) : nullptr;
  return Status::Execution(std::string("C Stream ") + what + " failed (" + std::strerror(code) +
                           ")" + (msg ? std::string(": ") + msg : std::string()));
}

Result<RecordBatchPtr> ImportedStreamReader::Next() {
  if (done_) return RecordBatchPtr();
  ArrowArray array{};
  int rc = stream_.get_next(&stream_, &array);
  if (rc != 0) return StreamError(rc, "get_next");
  if (array.release == nullptr) {
    done_ = true;
    return RecordBatchPtr();
  }
  return ImportRecordBatch(&array, schema_);
}

}  // namespace quiver
