#include "quiver/datasource/parquet/footer.h"

#include <cstring>

namespace quiver::parquet {

namespace {

constexpr int64_t kFooterTail = 8;  // 4-byte length + 4-byte magic
// Read this much at once from the end; most footers fit, saving a read.
constexpr int64_t kSpeculativeTail = 64 * 1024;

Status EncryptionNotSupported(const std::string& name) {
  return Status::NotImplemented("reading " + name + ": Parquet encryption not supported");
}

}  // namespace

Result<ChunkRange> ColumnChunkRange(const ColumnMetaData& md, int64_t file_size) {
  // The chunk starts at its first page: the dictionary page when there is one.
  // Writers disagree on unset offsets (0, or a data_page_offset of 0 for an
  // empty chunk), so take the smallest offset that can be a page.
  int64_t start = -1;
  for (std::optional<int64_t> off :
       {std::optional<int64_t>(md.data_page_offset), md.dictionary_page_offset}) {
    if (off && *off >= 4 && (start < 0 || *off < start)) start = *off;
  }
  int64_t length = md.total_compressed_size;
  if (start < 0 && md.num_values == 0) return ChunkRange{0, 0};
  if (start < 0 || length < 0 || start > file_size || length > file_size - start) {
    return Status::IO("corrupt Parquet file: column chunk range [" + std::to_string(start) + ", +" +
                      std::to_string(length) + ") outside the file");
  }
  return ChunkRange{start, length};
}

Result<std::shared_ptr<const FileMetaData>> ReadFileMetaData(RandomAccessSource& source) {
  const int64_t size = source.Size();
  const std::string& name = source.name();
  if (size < 12) {
    return Status::IO("reading " + name + ": file of " + std::to_string(size) +
                      " bytes is too small to be Parquet");
  }
  int64_t tail_len = std::min(size, kSpeculativeTail);
  QUIVER_ASSIGN_OR_RAISE(ByteRange tail, source.ReadAt(size - tail_len, tail_len));
  const uint8_t* end = tail.data + tail.size;
  if (std::memcmp(end - 4, "PARE", 4) == 0) return EncryptionNotSupported(name);
  if (std::memcmp(end - 4, "PAR1", 4) != 0) {
    return Status::IO("reading " + name + ": not a Parquet file (missing PAR1 footer magic)");
  }
  uint32_t meta_len;
  std::memcpy(&meta_len, end - kFooterTail, 4);
  if (static_cast<int64_t>(meta_len) > size - kFooterTail - 4) {
    return Status::IO("reading " + name + ": footer length " + std::to_string(meta_len) +
                      " exceeds the file size");
  }
  ByteRange meta;
  if (meta_len + kFooterTail <= tail_len) {
    meta.owner = tail.owner;
    meta.data = end - kFooterTail - meta_len;
    meta.size = meta_len;
  } else {
    QUIVER_ASSIGN_OR_RAISE(meta, source.ReadAt(size - kFooterTail - meta_len, meta_len));
  }
  auto md = DecodeFileMetaData(meta.data, meta.size);
  if (!md.ok()) return md.status().WithContext("reading " + name);
  if (md->encrypted) return EncryptionNotSupported(name);
  if (md->schema.empty()) return Status::IO("reading " + name + ": empty schema");
  if (md->num_rows < 0) return Status::IO("reading " + name + ": negative row count");
  for (const RowGroup& rg : md->row_groups) {
    if (rg.num_rows < 0) return Status::IO("reading " + name + ": negative row group size");
    for (const ColumnChunk& cc : rg.columns) {
      if (cc.encrypted) return EncryptionNotSupported(name);
    }
  }
  return std::shared_ptr<const FileMetaData>(std::make_shared<FileMetaData>(std::move(md).value()));
}

}  // namespace quiver::parquet
