// Avro object container files as a FileFormat: the schema from the file
// headers (merged across files), and a scan whose morsels are runs of blocks.
#pragma once

#include "quiver/datasource/avro/codec.h"
#include "quiver/datasource/file_format.h"

namespace quiver {

class AvroFormat : public FileFormat {
 public:
  /// `write_codec` compresses the blocks of files written.
  explicit AvroFormat(avro::Codec write_codec = avro::Codec::kNull) : write_codec_(write_codec) {}
  std::string name() const override { return "avro"; }
  std::string extension() const override { return ".avro"; }
  Result<SchemaPtr> InferSchema(const std::vector<FileInfo>& files) override;
  /// Columns are matched by name; a column a file lacks reads as nulls and a
  /// file type other than the table's is cast to it.
  Result<ExecutionPlanPtr> CreateScan(const std::vector<FileInfo>& files, const SchemaPtr& schema,
                                      const ScanArgs& args) override;
  Status WriteFile(const std::string& path, const SchemaPtr& schema,
                   const std::vector<RecordBatchPtr>& batches) const override;

 private:
  avro::Codec write_codec_;
};

/// "avro" (.avro). The one option, compression, picks the codec of written
/// files: uncompressed (default), deflate, snappy or zstd.
class AvroFormatFactory : public FileFormatFactory {
 public:
  std::string name() const override { return "avro"; }
  std::vector<std::string> extensions() const override { return {".avro"}; }
  Result<FileFormatPtr> Create(const FormatOptions& options,
                               const ConfigOptions& config) const override;
};

}  // namespace quiver
