#include "quiver/datasource/json/json_reader.h"

#include <numeric>

#include "quiver/datasource/json/decoder.h"
#include "quiver/datasource/json/line_reader.h"

namespace quiver::json {

using internal::LineReader;
using internal::RowDecoder;

CsvCompression JsonCompression(const std::string& path, const JsonReadOptions& options) {
  return options.compression ? *options.compression : csv::CompressionFromPath(path);
}

namespace {

std::string_view StripBom(std::string_view line) {
  if (line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  return line;
}

// Prefixes a decode error with the file and line.
Status AtLine(LineReader* lines, const Status& st) {
  auto n = lines->LineNumber();
  std::string where = lines->name() + (n.ok() ? " line " + std::to_string(*n) : "");
  std::string msg = st.message();
  return Status::Arrow("Json error: " + where + ": " + msg);
}

class RangeReader : public JsonBatchReader {
 public:
  RangeReader(std::unique_ptr<LineReader> lines, std::unique_ptr<RowDecoder> decoder,
              SchemaPtr schema, int64_t batch_size)
      : lines_(std::move(lines)),
        decoder_(std::move(decoder)),
        schema_(std::move(schema)),
        batch_size_(batch_size) {}
  const SchemaPtr& schema() const override { return schema_; }
  Result<RecordBatchPtr> Next() override {
    if (done_) return RecordBatchPtr();
    std::string_view line;
    while (decoder_->num_rows() < batch_size_) {
      QUIVER_ASSIGN_OR_RAISE(bool more, lines_->NextLine(&line));
      if (!more) {
        done_ = true;
        break;
      }
      if (first_) line = StripBom(line);
      first_ = false;
      Status st = decoder_->DecodeLine(line.data(), line.data() + line.size());
      if (!st.ok()) {
        done_ = true;
        return AtLine(lines_.get(), st);
      }
    }
    if (decoder_->num_rows() == 0) return RecordBatchPtr();
    auto batch = decoder_->Flush();
    // Values cast to declared types (dates, decimals, ...) fail here.
    if (!batch.ok()) return batch.status().WithContext("reading " + lines_->name());
    return (*batch)->WithSchema(schema_);
  }

 private:
  std::unique_ptr<LineReader> lines_;
  std::unique_ptr<RowDecoder> decoder_;
  SchemaPtr schema_;
  int64_t batch_size_;
  bool done_ = false;
  bool first_ = true;
};

}  // namespace

Result<std::unique_ptr<JsonBatchReader>> OpenJsonRange(ByteSourcePtr source,
                                                       const JsonReadOptions& options,
                                                       CsvCompression compression,
                                                       csv::CsvRange range,
                                                       std::optional<std::vector<int>> projection) {
  SchemaPtr file_schema = options.schema;
  if (!file_schema) {
    QUIVER_ASSIGN_OR_RAISE(file_schema, InferJsonSchema(source, options, compression));
  }
  std::vector<int> cols;
  if (projection) {
    cols = *projection;
    for (int i : cols) {
      if (i < 0 || i >= file_schema->num_fields()) {
        return Status::Internal("JSON projection index out of range");
      }
    }
  } else {
    cols.resize(static_cast<size_t>(file_schema->num_fields()));
    std::iota(cols.begin(), cols.end(), 0);
  }
  QUIVER_ASSIGN_OR_RAISE(auto decoder, RowDecoder::Make(file_schema, cols));
  std::vector<FieldPtr> fields;
  for (int i : cols) fields.push_back(file_schema->field(i));
  QUIVER_ASSIGN_OR_RAISE(auto lines, LineReader::Open(source, compression, range));
  return std::unique_ptr<JsonBatchReader>(std::make_unique<RangeReader>(
      std::move(lines), std::move(decoder), quiver::schema(std::move(fields)),
      std::max<int64_t>(1, options.batch_size)));
}

Result<SchemaPtr> InferJsonSchema(const ByteSourcePtr& source, const JsonReadOptions& options,
                                  CsvCompression compression) {
  JsonSchemaInferrer inferrer;
  int64_t n = options.schema_infer_max_records;
  QUIVER_RETURN_NOT_OK(inferrer.Update(source, compression, &n));
  return inferrer.Finish();
}

Result<std::vector<RecordBatchPtr>> ReadJsonFile(const std::string& path,
                                                 const JsonReadOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(auto source, csv::OpenLocalFile(path));
  QUIVER_ASSIGN_OR_RAISE(auto reader,
                         OpenJsonRange(source, options, JsonCompression(path, options)));
  std::vector<RecordBatchPtr> out;
  for (;;) {
    QUIVER_ASSIGN_OR_RAISE(auto b, reader->Next());
    if (!b) break;
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<csv::CsvRange> ComputeJsonRanges(int64_t file_size, int n, bool compressed) {
  if (compressed || n <= 1 || file_size <= 0) return {csv::CsvRange{0, -1}};
  std::vector<csv::CsvRange> out;
  int64_t step = (file_size + n - 1) / n;
  for (int64_t s = 0; s < file_size; s += step) {
    out.push_back({s, std::min(file_size, s + step)});
  }
  out.back().end = -1;
  return out;
}

}  // namespace quiver::json
