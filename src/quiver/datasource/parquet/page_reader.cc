#include "quiver/datasource/parquet/page_reader.h"

#include <zlib.h>

#include <cstring>
#include <new>

#include "quiver/datasource/parquet/codec.h"

namespace quiver::parquet {

namespace {

Status Corrupt(const std::string& what) { return Status::IO("corrupt Parquet page: " + what); }

// Largest page we agree to allocate; larger sizes are corrupt headers.
constexpr int64_t kMaxPageSize = int64_t{1} << 31;

}  // namespace

PageReader::PageReader(ByteRange chunk, Compression codec, int64_t num_values, bool verify_crc)
    : chunk_(std::move(chunk)), codec_(codec), num_values_(num_values), verify_crc_(verify_crc) {}

Result<std::optional<Page>> PageReader::Next() { return NextImpl(true); }

Result<std::optional<PageHeader>> PageReader::NextHeader() {
  QUIVER_ASSIGN_OR_RAISE(auto page, NextImpl(false));
  if (!page) return std::optional<PageHeader>();
  return std::optional<PageHeader>(std::move(page->header));
}

Result<std::optional<Page>> PageReader::NextSkipping(int64_t budget, int64_t* skipped) {
  *skipped = 0;
  return NextImpl(true, budget, skipped);
}

Result<std::optional<Page>> PageReader::NextImpl(bool decompress, int64_t budget,
                                                 int64_t* skipped) {
  while (true) {
    if (pos_ >= chunk_.size || values_seen_ >= num_values_) return std::optional<Page>();
    int64_t header_len = 0;
    auto hdr = DecodePageHeader(chunk_.data + pos_, chunk_.size - pos_, &header_len);
    if (!hdr.ok()) return hdr.status().WithContext("page header");
    PageHeader& h = *hdr;
    if (h.compressed_page_size < 0 || h.uncompressed_page_size < 0) {
      return Corrupt("negative page size");
    }
    const int64_t body_start = pos_ + header_len;
    if (h.compressed_page_size > chunk_.size - body_start) {
      return Corrupt("page of " + std::to_string(h.compressed_page_size) +
                     " bytes runs past the column chunk");
    }
    const uint8_t* body = chunk_.data + body_start;
    pos_ = body_start + h.compressed_page_size;

    if (h.type == PageType::kDataPage) {
      if (!h.data_page_header) return Corrupt("DATA_PAGE without data_page_header");
      if (h.data_page_header->num_values < 0) return Corrupt("negative value count");
      values_seen_ += h.data_page_header->num_values;
    } else if (h.type == PageType::kDataPageV2) {
      if (!h.data_page_header_v2) return Corrupt("DATA_PAGE_V2 without data_page_header_v2");
      if (h.data_page_header_v2->num_values < 0) return Corrupt("negative value count");
      values_seen_ += h.data_page_header_v2->num_values;
    } else if (h.type == PageType::kDictionaryPage) {
      if (!h.dictionary_page_header) return Corrupt("DICTIONARY_PAGE without its header");
    } else {
      continue;  // index pages and future page types carry nothing we read
    }
    if (skipped && h.type != PageType::kDictionaryPage) {
      const int64_t n = h.type == PageType::kDataPage ? h.data_page_header->num_values
                                                      : h.data_page_header_v2->num_values;
      if (n <= budget) {
        budget -= n;
        *skipped += n;
        continue;
      }
    }

    Page page;
    page.header = std::move(h);
    if (!decompress) return std::optional<Page>(std::move(page));
    const PageHeader& ph = page.header;

    if (verify_crc_ && ph.crc) {
      uint32_t crc = static_cast<uint32_t>(
          crc32(crc32(0L, Z_NULL, 0), body, static_cast<uInt>(ph.compressed_page_size)));
      if (crc != static_cast<uint32_t>(*ph.crc)) return Corrupt("CRC checksum mismatch");
    }

    // V2 pages keep their levels uncompressed ahead of the values.
    int64_t levels = 0;
    bool compressed = codec_ != Compression::kUncompressed;
    if (ph.type == PageType::kDataPageV2) {
      const auto& v2 = *ph.data_page_header_v2;
      if (v2.definition_levels_byte_length < 0 || v2.repetition_levels_byte_length < 0) {
        return Corrupt("negative level length");
      }
      levels = int64_t{v2.definition_levels_byte_length} + v2.repetition_levels_byte_length;
      if (levels > ph.compressed_page_size || levels > ph.uncompressed_page_size) {
        return Corrupt("level sections exceed the page");
      }
      compressed = compressed && v2.is_compressed;
    }
    const int64_t comp_values = ph.compressed_page_size - levels;
    const int64_t raw_values = ph.uncompressed_page_size - levels;
    if (!compressed || (comp_values == 0 && raw_values == 0)) {
      if (ph.compressed_page_size != ph.uncompressed_page_size && !compressed) {
        return Corrupt("uncompressed page with differing sizes");
      }
      page.owner = chunk_.owner;
      page.data = body;
      page.size = ph.compressed_page_size;
      return std::optional<Page>(std::move(page));
    }
    if (ph.uncompressed_page_size > kMaxPageSize) return Corrupt("page too large");
    std::shared_ptr<uint8_t> buf(new (std::nothrow) uint8_t[ph.uncompressed_page_size + 1],
                                 std::default_delete<uint8_t[]>());
    if (!buf) return Status::ResourcesExhausted("cannot allocate a Parquet page buffer");
    if (levels > 0) std::memcpy(buf.get(), body, levels);
    Status st = Decompress(codec_, body + levels, comp_values, buf.get() + levels, raw_values);
    if (!st.ok()) return st;
    page.data = buf.get();
    page.size = ph.uncompressed_page_size;
    page.owner = std::move(buf);
    return std::optional<Page>(std::move(page));
  }
}

}  // namespace quiver::parquet
