// The byte-range batch reader: tokenizes blocks of rows and decodes the
// projected columns straight into Arrow buffers.
#include "quiver/datasource/csv/csv_reader.h"

#include <algorithm>
#include <cstring>

#include "quiver/datasource/csv/block_reader.h"
#include "quiver/datasource/csv/column_decoder.h"
#include "quiver/datasource/csv/tokenizer.h"

namespace quiver::csv {
namespace {

using internal::Tokenizer;

class RangeReader : public CsvBatchReader {
 public:
  RangeReader(ByteSourcePtr source, CsvReadOptions options, SchemaPtr file_schema,
              std::vector<int> projection)
      : source_(std::move(source)),
        options_(std::move(options)),
        file_schema_(std::move(file_schema)),
        projection_(std::move(projection)),
        tok_(options_, file_schema_->num_fields()) {}

  Status Open(CsvRange range) {
    if (options_.batch_size <= 0) {
      return Status::Configuration("CSV batch_size must be positive");
    }
    std::vector<FieldPtr> fields;
    for (int i : projection_) {
      if (i < 0 || i >= file_schema_->num_fields()) {
        return Status::Internal("CSV projection index " + std::to_string(i) + " out of range");
      }
      fields.push_back(file_schema_->field(i));
    }
    schema_ = quiver::schema(std::move(fields), file_schema_->metadata());
    QUIVER_ASSIGN_OR_RAISE(nulls_, internal::NullMatcher::Make(options_));
    for (size_t k = 0; k < projection_.size(); ++k) {
      QUIVER_ASSIGN_OR_RAISE(auto d, internal::MakeColumnDecoder(schema_->field(k), projection_[k],
                                                                 &tok_, nulls_.get()));
      decoders_.push_back(std::move(d));
    }

    const bool compressed = options_.compression != CsvCompression::kUncompressed;
    const int64_t size = source_->size();
    int64_t end = range.end < 0 ? size : range.end;
    if (range.start < 0 || end < range.start) {
      return Status::Internal("invalid CSV byte range [" + std::to_string(range.start) + ", " +
                              std::to_string(range.end) + ")");
    }
    if (compressed && (range.start != 0 || end < size)) {
      return Status::NotImplemented("byte ranges of compressed CSV files (" + source_->name() +
                                    ")");
    }
    stop_ = end >= size ? INT64_MAX : end;
    if (range.start >= end && !(range.start == 0 && size == 0)) {
      done_ = true;
      return Status::OK();
    }
    int64_t offset = range.start == 0 ? 0 : range.start - 1;
    QUIVER_ASSIGN_OR_RAISE(auto stream,
                           internal::OpenInputStream(source_, offset, options_.compression));
    reader_ = std::make_unique<internal::BlockReader>(std::move(stream), offset);
    QUIVER_RETURN_NOT_OK(reader_->Fill());
    if (range.start > 0) {
      // Rows of this range start after the first newline at or after start - 1.
      for (;;) {
        char* b = reader_->begin();
        auto* nl = static_cast<char*>(std::memchr(b, '\n', reader_->end() - b));
        if (nl != nullptr) {
          reader_->Consume(nl + 1 - b);
          break;
        }
        reader_->Consume(reader_->end() - b);
        if (reader_->eof()) {
          done_ = true;
          return Status::OK();
        }
        QUIVER_RETURN_NOT_OK(reader_->Fill());
      }
      tok_.set_location_note("(counted from byte " + std::to_string(reader_->position()) + ")");
    } else if (options_.has_header) {
      std::vector<std::string> header;
      QUIVER_ASSIGN_OR_RAISE(bool any, internal::ReadOneRecord(reader_.get(), &tok_, &header));
      if (!any) done_ = true;
    }
    return Status::OK();
  }

  const SchemaPtr& schema() const override { return schema_; }

  Result<RecordBatchPtr> Next() override {
    if (done_) return RecordBatchPtr();
    Status st = ReadBatch();
    if (!st.ok()) {
      done_ = true;
      return Status(st.kind(), st.message() + " in " + source_->name());
    }
    if (batch_rows_ == 0) return RecordBatchPtr();
    std::vector<ArrayPtr> columns;
    for (auto& d : decoders_) {
      QUIVER_ASSIGN_OR_RAISE(auto a, d->Finish());
      columns.push_back(std::move(a));
    }
    return RecordBatch::Make(schema_, batch_rows_, std::move(columns));
  }

 private:
  Status ReadBatch() {
    const int64_t batch_size = options_.batch_size;
    for (auto& d : decoders_) QUIVER_RETURN_NOT_OK(d->Begin(batch_size));
    batch_rows_ = 0;
    while (batch_rows_ < batch_size) {
      rows_.Reset(reader_->begin());
      rows_.num_cols = file_schema_->num_fields();
      int64_t stop = stop_ == INT64_MAX ? INT64_MAX : stop_ - reader_->position();
      int64_t consumed = 0;
      QUIVER_ASSIGN_OR_RAISE(auto outcome,
                             tok_.Scan(reader_->begin(), reader_->end(), reader_->eof(),
                                       batch_size - batch_rows_, stop, &rows_, &consumed));
      if (rows_.num_rows > 0) {
        for (size_t k = 0; k < decoders_.size(); ++k) {
          QUIVER_RETURN_NOT_OK(decoders_[k]->Decode(rows_, projection_[k]));
        }
        batch_rows_ += rows_.num_rows;
      }
      reader_->Consume(consumed);
      if (outcome == Tokenizer::Outcome::kEnd) {
        done_ = true;
        break;
      }
      if (outcome == Tokenizer::Outcome::kNeedMore) {
        if (reader_->eof()) return Status::Internal("CSV tokenizer wants data after the end");
        QUIVER_RETURN_NOT_OK(reader_->Fill());
      }
    }
    return Status::OK();
  }

  ByteSourcePtr source_;
  CsvReadOptions options_;
  SchemaPtr file_schema_;
  SchemaPtr schema_;
  std::vector<int> projection_;
  Tokenizer tok_;
  std::shared_ptr<internal::NullMatcher> nulls_;
  std::vector<std::unique_ptr<internal::ColumnDecoder>> decoders_;
  std::unique_ptr<internal::BlockReader> reader_;
  internal::TokenizedRows rows_;
  int64_t stop_ = INT64_MAX;
  int64_t batch_rows_ = 0;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<CsvBatchReader>> OpenCsvRange(ByteSourcePtr source,
                                                     const CsvReadOptions& options, CsvRange range,
                                                     std::vector<int> projection) {
  SchemaPtr file_schema = options.schema;
  if (!file_schema) {
    auto inferred = InferCsvSchema(source, options);
    if (!inferred.ok()) {
      const Status& st = inferred.status();
      return Status(st.kind(), st.message() + " in " + source->name());
    }
    file_schema = *inferred;
  }
  if (projection.empty()) {
    for (int i = 0; i < file_schema->num_fields(); ++i) projection.push_back(i);
  }
  auto reader = std::make_unique<RangeReader>(std::move(source), options, std::move(file_schema),
                                              std::move(projection));
  QUIVER_RETURN_NOT_OK(reader->Open(range));
  return std::unique_ptr<CsvBatchReader>(std::move(reader));
}

Result<std::unique_ptr<CsvBatchReader>> OpenCsvRange(const std::string& path,
                                                     const CsvReadOptions& options, CsvRange range,
                                                     std::vector<int> projection) {
  QUIVER_ASSIGN_OR_RAISE(auto source, OpenLocalFile(path));
  return OpenCsvRange(std::move(source), options, range, std::move(projection));
}

Result<std::vector<RecordBatchPtr>> ReadCsvFile(const std::string& path,
                                                const CsvReadOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(auto reader, OpenCsvRange(path, options));
  std::vector<RecordBatchPtr> out;
  for (;;) {
    QUIVER_ASSIGN_OR_RAISE(auto batch, reader->Next());
    if (!batch) break;
    out.push_back(std::move(batch));
  }
  return out;
}

std::vector<CsvRange> ComputeCsvRanges(int64_t file_size, int n, const CsvReadOptions& options) {
  if (n <= 1 || file_size <= 0 || options.newlines_in_values ||
      options.compression != CsvCompression::kUncompressed) {
    return {CsvRange{0, -1}};
  }
  int64_t parts = std::min<int64_t>(n, file_size);
  std::vector<CsvRange> out;
  int64_t start = 0;
  for (int64_t i = 0; i < parts; ++i) {
    int64_t end = i + 1 == parts ? file_size : file_size * (i + 1) / parts;
    out.push_back({start, end});
    start = end;
  }
  return out;
}

}  // namespace quiver::csv
