#include "quiver/datasource/avro/file_reader.h"

#include <algorithm>
#include <cstring>

#include "quiver/datasource/avro/binary.h"
#include "quiver/datasource/avro/decoder.h"

namespace quiver::avro {

namespace {

constexpr char kMagic[4] = {'O', 'b', 'j', 1};
constexpr int64_t kSyncSize = 16;
constexpr int64_t kMaxVarintBytes = 10;

}  // namespace

Result<std::shared_ptr<AvroFileReader>> AvroFileReader::Open(
    std::shared_ptr<parquet::RandomAccessSource> source) {
  std::shared_ptr<AvroFileReader> r(new AvroFileReader());
  r->source_ = std::move(source);
  Status st = r->ReadHeader();
  if (st.ok()) st = r->IndexBlocks();
  if (!st.ok()) return st.WithContext("reading Avro file " + r->source_->name());
  return r;
}

Result<std::shared_ptr<AvroFileReader>> AvroFileReader::Open(const std::string& path) {
  QUIVER_ASSIGN_OR_RAISE(auto source, parquet::OpenLocalFile(path));
  return Open(std::move(source));
}

int64_t AvroFileReader::num_rows() const {
  int64_t n = 0;
  for (const auto& b : blocks_) n += b.count;
  return n;
}

Status AvroFileReader::ReadHeader() {
  const int64_t size = source_->Size();
  if (size < 4) return Status::IO("not an Avro file: shorter than the magic bytes");
  // Headers are small; read more only when the metadata does not fit.
  int64_t want = std::min<int64_t>(size, 64 * 1024);
  while (true) {
    QUIVER_ASSIGN_OR_RAISE(auto bytes, source_->ReadAt(0, want));
    if (std::memcmp(bytes.data, kMagic, 4) != 0) {
      return Status::IO("not an Avro object container file (bad magic bytes)");
    }
    Cursor c(bytes.data + 4, bytes.size - 4);
    metadata_.clear();
    Status st;
    while (st.ok()) {
      int64_t n{};
      st = c.ReadLong(&n);
      if (!st.ok() || n == 0) break;
      if (n < 0) {
        int64_t block_bytes{};
        st = c.ReadLong(&block_bytes);
        if (!st.ok()) break;
        if (n == INT64_MIN) {
          st = c.Error("invalid metadata block count");
          break;
        }
        n = -n;
      }
      if (n > c.remaining() / 2) {
        st = c.Error("metadata count exceeds the header");
        break;
      }
      for (int64_t i = 0; i < n && st.ok(); ++i) {
        std::string_view key, value;
        st = c.ReadBytes(&key);
        if (st.ok()) st = c.ReadBytes(&value);
        if (st.ok()) metadata_[std::string(key)] = std::string(value);
      }
    }
    std::string_view sync;
    if (st.ok()) st = c.ReadFixed(kSyncSize, &sync);
    if (st.ok()) {
      sync_ = std::string(sync);
      header_size_ = 4 + c.position();
      break;
    }
    // Ran out of bytes: retry with more unless the whole file was read.
    if (want == size) return st;
    want = std::min<int64_t>(size, want * 4);
  }
  auto schema_it = metadata_.find("avro.schema");
  if (schema_it == metadata_.end()) return Status::IO("Avro header without avro.schema");
  QUIVER_ASSIGN_OR_RAISE(schema_, Schema::Parse(schema_it->second));
  auto codec_it = metadata_.find("avro.codec");
  QUIVER_ASSIGN_OR_RAISE(codec_,
                         CodecFromName(codec_it == metadata_.end() ? "null" : codec_it->second));
  QUIVER_ASSIGN_OR_RAISE(arrow_schema_, ToArrowSchema(*schema_));
  return Status::OK();
}

Status AvroFileReader::IndexBlocks() {
  const int64_t size = source_->Size();
  const int64_t min_record = std::max<int64_t>(MinEncodedSize(schema_->root()), 0);
  int64_t pos = header_size_;
  while (pos < size) {
    const int64_t want = std::min<int64_t>(size - pos, 2 * kMaxVarintBytes);
    QUIVER_ASSIGN_OR_RAISE(auto head, source_->ReadAt(pos, want));
    Cursor c(head.data, head.size);
    int64_t count = 0, bytes = 0;
    Status st = c.ReadLong(&count);
    if (st.ok()) st = c.ReadLong(&bytes);
    if (!st.ok()) {
      return Status::IO("truncated Avro block header at byte " + std::to_string(pos));
    }
    const int64_t data = pos + c.position();
    if (count < 0 || bytes < 0 || bytes > kMaxAvroBlockBytes) {
      return Status::IO("corrupt Avro block header at byte " + std::to_string(pos));
    }
    if (data + bytes + kSyncSize > size) {
      return Status::IO("truncated Avro block at byte " + std::to_string(pos) + " (needs " +
                        std::to_string(bytes + kSyncSize) + " bytes, " +
                        std::to_string(size - data) + " left)");
    }
    // Uncompressed blocks bound their record count by their size.
    if (codec_ == Codec::kNull && min_record > 0 && count > bytes / min_record) {
      return Status::IO("Avro block at byte " + std::to_string(pos) + " claims " +
                        std::to_string(count) + " records in " + std::to_string(bytes) + " bytes");
    }
    QUIVER_ASSIGN_OR_RAISE(auto sync, source_->ReadAt(data + bytes, kSyncSize));
    if (std::memcmp(sync.data, sync_.data(), kSyncSize) != 0) {
      return Status::IO("Avro sync marker mismatch after the block at byte " + std::to_string(pos) +
                        " (corrupt or truncated file)");
    }
    blocks_.push_back({data, bytes, count});
    pos = data + bytes + kSyncSize;
  }
  return Status::OK();
}

Status AvroFileReader::ReadBlock(const BlockInfo& block, std::string* out) const {
  QUIVER_ASSIGN_OR_RAISE(auto bytes, source_->ReadAt(block.offset, block.size));
  Status st = DecompressBlock(codec_, bytes.data, bytes.size, out, kMaxAvroBlockBytes);
  if (!st.ok()) {
    return st.WithContext("reading Avro file " + name() + " block at byte " +
                          std::to_string(block.offset));
  }
  return Status::OK();
}

}  // namespace quiver::avro
