// Internal to the IPC reader and writer: conversion between our schema and
// the flatbuffer metadata, dictionary ids, and encapsulated message framing.
#pragma once

#include <File_generated.h>
#include <Message_generated.h>
#include <Schema_generated.h>

#include <cstdint>
#include <vector>

#include "quiver/arrow/ipc/io.h"
#include "quiver/arrow/record_batch.h"

namespace quiver::ipc::internal {

namespace fb = org::apache::arrow::flatbuf;

/// Dictionary ids laid over a field tree: `id` is set on dictionary-encoded
/// fields; `children` mirror the field's children (for a dictionary field,
/// those of its value type).
struct DictIdTree {
  int64_t id = -1;
  std::vector<DictIdTree> children;
};

/// Assigns ids 0, 1, ... to the dictionary fields of `fields`, depth first.
std::vector<DictIdTree> AssignDictionaryIds(const std::vector<FieldPtr>& fields);

/// Builds the flatbuffer Schema of `schema` (ids from `ids`).
flatbuffers::Offset<fb::Schema> SchemaToFlatbuffer(flatbuffers::FlatBufferBuilder& fbb,
                                                   const Schema& schema,
                                                   const std::vector<DictIdTree>& ids);

/// Reads a flatbuffer Schema, filling the dictionary ids of its fields.
Result<SchemaPtr> SchemaFromFlatbuffer(const fb::Schema* schema, std::vector<DictIdTree>* ids);

/// Value type and id tree of every dictionary id in a schema.
struct DictionaryField {
  DataTypePtr value_type;
  const DictIdTree* ids;  // the dictionary field's node (children: value type's)
};
Status CollectDictionaryFields(const std::vector<FieldPtr>& fields,
                               const std::vector<DictIdTree>& ids,
                               std::vector<std::pair<int64_t, DictionaryField>>* out);

/// One encapsulated message: verified flatbuffer metadata plus its body.
struct Message {
  BufferPtr metadata;  // keeps `message` alive
  const fb::Message* message = nullptr;
  BufferPtr body;
};

/// Verifies a Message flatbuffer held in `metadata`.
Result<const fb::Message*> VerifyMessage(const BufferPtr& metadata);

/// Reads the next message from a stream; a null `message` marks the end
/// (end-of-stream marker or end of input).
Result<Message> ReadMessage(InputStream* in);

/// Writes `fbb`'s finished flatbuffer framed as an encapsulated message
/// (continuation marker, padded length); returns the framed metadata size.
Result<int64_t> WriteMessageMetadata(OutputStream* out, const flatbuffers::FlatBufferBuilder& fbb);

constexpr uint32_t kContinuation = 0xFFFFFFFFu;
constexpr char kFileMagic[] = "ARROW1";
/// Alignment of body buffers and message starts in what we write.
constexpr int64_t kIpcAlignment = 64;

}  // namespace quiver::ipc::internal
