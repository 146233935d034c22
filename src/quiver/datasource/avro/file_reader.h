// Avro object container files: the header (magic, metadata, sync marker) and
// the index of data blocks, each of which is read and decompressed on demand.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "quiver/datasource/avro/codec.h"
#include "quiver/datasource/avro/schema.h"
#include "quiver/datasource/parquet/source.h"

namespace quiver::avro {

struct BlockInfo {
  int64_t offset = 0;  // of the (compressed) record bytes
  int64_t size = 0;    // their length
  int64_t count = 0;   // records in the block
};

class AvroFileReader {
 public:
  /// Reads the header and walks the blocks, checking every sync marker.
  static Result<std::shared_ptr<AvroFileReader>> Open(
      std::shared_ptr<parquet::RandomAccessSource> source);
  static Result<std::shared_ptr<AvroFileReader>> Open(const std::string& path);

  const std::shared_ptr<const Schema>& schema() const { return schema_; }
  const SchemaPtr& arrow_schema() const { return arrow_schema_; }
  Codec codec() const { return codec_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  const std::vector<BlockInfo>& blocks() const { return blocks_; }
  int64_t num_rows() const;
  const std::string& name() const { return source_->name(); }

  /// The decompressed records of one block into `out`.
  Status ReadBlock(const BlockInfo& block, std::string* out) const;

 private:
  AvroFileReader() = default;
  Status ReadHeader();
  Status IndexBlocks();

  std::shared_ptr<parquet::RandomAccessSource> source_;
  std::map<std::string, std::string> metadata_;
  std::string sync_;
  int64_t header_size_ = 0;
  Codec codec_ = Codec::kNull;
  std::shared_ptr<const Schema> schema_;
  SchemaPtr arrow_schema_;
  std::vector<BlockInfo> blocks_;
};

/// Blocks larger than this (compressed or not) are rejected as corrupt.
constexpr int64_t kMaxAvroBlockBytes = int64_t{1} << 30;

}  // namespace quiver::avro
