#include "quiver/datasource/csv/block_reader.h"

#include <cstring>

#include "quiver/datasource/csv/tokenizer.h"

namespace quiver::csv::internal {

Status BlockReader::Fill() {
  if (eof_) return Status::OK();
  int64_t keep = len_ - pos_;
  int64_t want = keep + kBlockSize;
  if (want > capacity_) {
    int64_t cap = std::max<int64_t>(capacity_ * 2, want);
    if (cap >= kMaxBlockBytes) {
      return Status::Arrow("Csv error: a row is longer than " +
                           std::to_string(kMaxBlockBytes >> 20) + " MiB");
    }
    std::unique_ptr<char[]> bigger(new char[cap + 1]);
    if (keep > 0) std::memcpy(bigger.get(), buf_.get() + pos_, static_cast<size_t>(keep));
    buf_ = std::move(bigger);
    capacity_ = cap;
  } else if (pos_ > 0 && keep > 0) {
    std::memmove(buf_.get(), buf_.get() + pos_, static_cast<size_t>(keep));
  }
  abs_base_ += pos_;
  pos_ = 0;
  len_ = keep;
  // Read until a whole block arrived or the stream ended.
  while (len_ < capacity_) {
    QUIVER_ASSIGN_OR_RAISE(int64_t got, stream_->Read(reinterpret_cast<uint8_t*>(buf_.get() + len_),
                                                      capacity_ - len_));
    if (got == 0) {
      eof_ = true;
      break;
    }
    len_ += got;
    if (len_ - keep >= kBlockSize) break;
  }
  return Status::OK();
}

Result<bool> ReadOneRecord(BlockReader* reader, Tokenizer* tokenizer,
                           std::vector<std::string>* fields) {
  for (;;) {
    int64_t consumed = 0;
    QUIVER_ASSIGN_OR_RAISE(auto outcome, tokenizer->ReadRecord(reader->begin(), reader->end(),
                                                               reader->eof(), fields, &consumed));
    reader->Consume(consumed);
    if (outcome != Tokenizer::Outcome::kNeedMore) return outcome != Tokenizer::Outcome::kEnd;
    if (reader->eof()) return Status::Internal("CSV tokenizer wants data after the end");
    QUIVER_RETURN_NOT_OK(reader->Fill());
  }
}

}  // namespace quiver::csv::internal
