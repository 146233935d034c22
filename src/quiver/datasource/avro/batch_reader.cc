#include "quiver/datasource/avro/batch_reader.h"

#include <algorithm>

namespace quiver::avro {

Result<std::unique_ptr<AvroBatchReader>> AvroBatchReader::Make(std::shared_ptr<AvroFileReader> file,
                                                               SchemaPtr columns, size_t begin,
                                                               size_t end, int64_t batch_size) {
  std::unique_ptr<AvroBatchReader> r(new AvroBatchReader());
  if (columns->num_fields() > 0) {
    QUIVER_ASSIGN_OR_RAISE(r->decoder_, RecordDecoder::Make(file->schema(), columns));
  }
  r->file_ = std::move(file);
  r->columns_ = std::move(columns);
  r->next_block_ = begin;
  r->end_block_ = std::min(end, r->file_->blocks().size());
  r->batch_size_ = std::max<int64_t>(batch_size, 1);
  return r;
}

Status AvroBatchReader::LoadBlock() {
  const BlockInfo& b = file_->blocks()[next_block_++];
  QUIVER_RETURN_NOT_OK(file_->ReadBlock(b, &block_));
  cursor_ = std::make_unique<Cursor>(reinterpret_cast<const uint8_t*>(block_.data()),
                                     static_cast<int64_t>(block_.size()));
  left_in_block_ = b.count;
  return Status::OK();
}

Result<RecordBatchPtr> AvroBatchReader::Next() {
  if (!decoder_) {
    // No column wanted: whole blocks become row counts, undecoded.
    int64_t rows = 0;
    while (next_block_ < end_block_ && rows < batch_size_) {
      rows += file_->blocks()[next_block_++].count;
    }
    if (rows == 0 && next_block_ >= end_block_) return RecordBatchPtr();
    return RecordBatch::Make(columns_, rows, {});
  }
  while (decoder_->rows() < batch_size_) {
    if (left_in_block_ == 0) {
      if (cursor_ && !cursor_->at_end()) {
        return Status::IO("corrupt Avro block in " + file_->name() + ": " +
                          std::to_string(cursor_->remaining()) +
                          " bytes left after its last record");
      }
      cursor_.reset();
      if (next_block_ >= end_block_) break;
      QUIVER_RETURN_NOT_OK(LoadBlock());
      continue;
    }
    Status st = decoder_->DecodeRecord(cursor_.get());
    if (!st.ok()) {
      return st.WithContext("reading Avro file " + file_->name() + " block " +
                            std::to_string(next_block_ - 1));
    }
    --left_in_block_;
  }
  if (decoder_->rows() == 0) return RecordBatchPtr();
  return decoder_->Finish();
}

Result<std::vector<RecordBatchPtr>> ReadAvroFile(const std::string& path, int64_t batch_size) {
  QUIVER_ASSIGN_OR_RAISE(auto file, AvroFileReader::Open(path));
  QUIVER_ASSIGN_OR_RAISE(auto reader, AvroBatchReader::Make(file, file->arrow_schema(), 0,
                                                            file->blocks().size(), batch_size));
  std::vector<RecordBatchPtr> out;
  while (true) {
    QUIVER_ASSIGN_OR_RAISE(auto batch, reader->Next());
    if (!batch) break;
    out.push_back(std::move(batch));
  }
  return out;
}

}  // namespace quiver::avro
