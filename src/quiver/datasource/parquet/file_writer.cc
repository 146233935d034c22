#include "quiver/datasource/parquet/file_writer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "quiver/arrow/compute/compute.h"
#include "quiver/datasource/parquet/codec.h"
#include "quiver/datasource/parquet/write_schema.h"

namespace quiver::parquet {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Result<bool> ParseBool(const std::string& key, const std::string& v) {
  std::string l = Lower(v);
  if (l == "true" || l == "1") return true;
  if (l == "false" || l == "0") return false;
  return Status::Configuration("option " + key + ": expected true or false, got '" + v + "'");
}

Result<int64_t> ParseInt(const std::string& key, const std::string& v) {
  char* end = nullptr;
  long long x = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || x <= 0) {
    return Status::Configuration("option " + key + ": expected a positive integer, got '" + v +
                                 "'");
  }
  return static_cast<int64_t>(x);
}

// Which top-level types must be converted before shredding.
DataTypePtr PlainType(const DataTypePtr& t) {
  switch (t->id()) {
    case TypeId::kDictionary: {
      // Always decoded: null dictionary values make their rows null, which
      // the levels must see.
      DataTypePtr v = PlainType(t->value_type());
      return v ? v : t->value_type();
    }
    case TypeId::kUtf8View: return utf8();
    case TypeId::kBinaryView: return binary();
    default: return nullptr;
  }
}

}  // namespace

Status SetWriteOption(const std::string& raw_key, const std::string& value,
                      ParquetWriteOptions* o) {
  std::string key = Lower(raw_key);
  if (key.rfind("format.", 0) == 0) key = key.substr(7);
  if (key == "compression") {
    std::string v = Lower(value);
    int level = -1;
    auto paren = v.find('(');
    if (paren != std::string::npos) {
      if (v.back() != ')')
        return Status::Configuration("option compression: bad value '" + value + "'");
      QUIVER_ASSIGN_OR_RAISE(int64_t l, ParseInt(key, v.substr(paren + 1, v.size() - paren - 2)));
      level = static_cast<int>(l);
      v = v.substr(0, paren);
    }
    Compression c;
    if (v == "uncompressed")
      c = Compression::kUncompressed;
    else if (v == "snappy")
      c = Compression::kSnappy;
    else if (v == "gzip")
      c = Compression::kGzip;
    else if (v == "zstd")
      c = Compression::kZstd;
    else if (v == "lz4_raw")
      c = Compression::kLz4Raw;
    else if (v == "brotli")
      c = Compression::kBrotli;
    else
      return Status::Configuration("Unknown or unsupported parquet compression: " + value);
    o->column.codec = c;
    o->column.compression_level = level;
    return Status::OK();
  }
  if (key == "max_row_group_size") {
    QUIVER_ASSIGN_OR_RAISE(o->max_row_group_rows, ParseInt(key, value));
    return Status::OK();
  }
  if (key == "data_pagesize_limit") {
    QUIVER_ASSIGN_OR_RAISE(o->column.page_size, ParseInt(key, value));
    return Status::OK();
  }
  if (key == "data_page_row_count_limit") {
    QUIVER_ASSIGN_OR_RAISE(o->column.page_row_limit, ParseInt(key, value));
    return Status::OK();
  }
  if (key == "dictionary_page_size_limit") {
    QUIVER_ASSIGN_OR_RAISE(o->column.dictionary_size_limit, ParseInt(key, value));
    return Status::OK();
  }
  if (key == "dictionary_enabled") {
    QUIVER_ASSIGN_OR_RAISE(o->column.dictionary, ParseBool(key, value));
    return Status::OK();
  }
  if (key == "statistics_enabled") {
    o->column.statistics = Lower(value) != "none" && Lower(value) != "false";
    return Status::OK();
  }
  if (key == "bloom_filter_enabled" || key == "bloom_filter_on_write") {
    QUIVER_ASSIGN_OR_RAISE(o->column.bloom_filter, ParseBool(key, value));
    return Status::OK();
  }
  if (key == "bloom_filter_fpp") {
    char* end = nullptr;
    double f = std::strtod(value.c_str(), &end);
    if (value.empty() || *end || !(f > 0 && f < 1)) {
      return Status::Configuration("option bloom_filter_fpp: expected a number in (0, 1)");
    }
    o->column.bloom_fpp = f;
    return Status::OK();
  }
  if (key == "write_page_index") {
    QUIVER_ASSIGN_OR_RAISE(o->write_page_index, ParseBool(key, value));
    return Status::OK();
  }
  if (key == "created_by") {
    o->created_by = value;
    return Status::OK();
  }
  if (key == "encoding") {
    std::string v = Lower(value);
    if (v == "plain") {
      o->column.fallback_encoding = Encoding::kPlain;
    } else if (v == "delta_binary_packed") {
      o->column.fallback_encoding = Encoding::kDeltaBinaryPacked;
    } else {
      return Status::NotImplemented("writing Parquet encoding " + value);
    }
    return Status::OK();
  }
  // Accepted for DataFusion compatibility; they tune buffering and limits
  // our writer does not have, and change nothing in what it writes (pages
  // are always v1, statistics never truncated, bloom filters sized by fpp).
  if (key == "write_batch_size" || key == "column_index_truncate_length" ||
      key == "max_statistics_size" || key == "bloom_filter_ndv" ||
      key == "maximum_parallel_row_group_writers" ||
      key == "maximum_buffered_record_batches_per_stream") {
    return ParseInt(key, value).status();
  }
  if (key == "allow_single_file_parallelism" || key == "skip_arrow_metadata") {
    return ParseBool(key, value).status();
  }
  if (key == "writer_version") {
    if (value != "1.0" && value != "2.0") {
      return Status::Configuration("Unknown or unsupported parquet writer version " + value +
                                   " valid options are 1.0 and 2.0");
    }
    return Status::OK();
  }
  return Status::Configuration("Config value \"" + raw_key + "\" not found on ParquetOptions");
}

struct ParquetFileWriter::Impl {
  std::string path, tmp_path;
  std::FILE* file = nullptr;
  SchemaPtr schema;
  ParquetWriteOptions options;
  WriteSchema ws;
  std::vector<ColumnChunkBuilder> builders;
  int64_t pos = 0;
  int64_t group_rows = 0;
  int64_t total_rows = 0;
  bool closed = false;
  FileMetaData md;
  // Per row group, per leaf: page index parts and bloom filters.
  std::vector<std::vector<std::optional<ColumnIndex>>> column_indexes;
  std::vector<std::vector<OffsetIndex>> offset_indexes;
  std::vector<std::vector<std::string>> blooms;

  ~Impl() {
    if (file) std::fclose(file);
    if (!closed && !tmp_path.empty()) ::unlink(tmp_path.c_str());
  }

  Status Put(const std::string& bytes) {
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size()) {
      return Status::IO("writing " + path + ": " + std::strerror(errno));
    }
    pos += static_cast<int64_t>(bytes.size());
    return Status::OK();
  }

  Status FlushRowGroup() {
    if (group_rows == 0) return Status::OK();
    RowGroup rg;
    rg.num_rows = group_rows;
    rg.file_offset = pos;
    rg.ordinal = static_cast<int16_t>(md.row_groups.size());
    std::vector<std::optional<ColumnIndex>> cis;
    std::vector<OffsetIndex> ois;
    std::vector<std::string> bfs;
    int64_t compressed = 0, uncompressed = 0;
    for (auto& b : builders) {
      QUIVER_ASSIGN_OR_RAISE(EncodedChunk ec, b.Finish());
      const int64_t start = pos;
      ColumnChunk cc;
      cc.file_offset = start;
      ec.meta.data_page_offset += start;
      if (ec.meta.dictionary_page_offset) *ec.meta.dictionary_page_offset += start;
      OffsetIndex oi;
      for (PageLocation pl : ec.pages) {
        pl.offset += start;
        oi.page_locations.push_back(pl);
      }
      compressed += ec.meta.total_compressed_size;
      uncompressed += ec.meta.total_uncompressed_size;
      QUIVER_RETURN_NOT_OK(Put(ec.bytes));
      cc.meta_data = std::move(ec.meta);
      rg.columns.push_back(std::move(cc));
      cis.push_back(std::move(ec.column_index));
      ois.push_back(std::move(oi));
      bfs.push_back(std::move(ec.bloom_filter));
    }
    rg.total_byte_size = uncompressed;
    rg.total_compressed_size = compressed;
    md.row_groups.push_back(std::move(rg));
    column_indexes.push_back(std::move(cis));
    offset_indexes.push_back(std::move(ois));
    blooms.push_back(std::move(bfs));
    group_rows = 0;
    return Status::OK();
  }

  Status WriteSlice(const RecordBatch& batch) {
    for (int c = 0; c < batch.num_columns(); ++c) {
      QUIVER_RETURN_NOT_OK(ShredColumn(ws.fields[c], *batch.column(c)->data(), &builders));
    }
    group_rows += batch.num_rows();
    total_rows += batch.num_rows();
    return Status::OK();
  }

  Status Finish() {
    QUIVER_RETURN_NOT_OK(FlushRowGroup());
    // Bloom filters, then column indexes, then offset indexes (the usual order).
    for (size_t g = 0; g < md.row_groups.size(); ++g) {
      for (size_t c = 0; c < builders.size(); ++c) {
        const std::string& bf = blooms[g][c];
        if (bf.empty()) continue;
        auto& cmd = *md.row_groups[g].columns[c].meta_data;
        cmd.bloom_filter_offset = pos;
        cmd.bloom_filter_length = static_cast<int32_t>(bf.size());
        QUIVER_RETURN_NOT_OK(Put(bf));
      }
    }
    if (options.write_page_index) {
      for (size_t g = 0; g < md.row_groups.size(); ++g) {
        for (size_t c = 0; c < builders.size(); ++c) {
          if (!column_indexes[g][c]) continue;
          std::string bytes = EncodeColumnIndex(*column_indexes[g][c]);
          auto& cc = md.row_groups[g].columns[c];
          cc.column_index_offset = pos;
          cc.column_index_length = static_cast<int32_t>(bytes.size());
          QUIVER_RETURN_NOT_OK(Put(bytes));
        }
      }
      for (size_t g = 0; g < md.row_groups.size(); ++g) {
        for (size_t c = 0; c < builders.size(); ++c) {
          std::string bytes = EncodeOffsetIndex(offset_indexes[g][c]);
          auto& cc = md.row_groups[g].columns[c];
          cc.offset_index_offset = pos;
          cc.offset_index_length = static_cast<int32_t>(bytes.size());
          QUIVER_RETURN_NOT_OK(Put(bytes));
        }
      }
    }
    md.num_rows = total_rows;
    std::string footer = EncodeFileMetaData(md);
    uint32_t len = static_cast<uint32_t>(footer.size());
    footer.append(reinterpret_cast<const char*>(&len), 4);
    footer += "PAR1";
    QUIVER_RETURN_NOT_OK(Put(footer));
    if (std::fflush(file) != 0 || std::fclose(file) != 0) {
      file = nullptr;
      return Status::IO("writing " + path + ": " + std::strerror(errno));
    }
    file = nullptr;
    if (std::rename(tmp_path.c_str(), path.c_str()) != 0) {
      return Status::IO("renaming " + tmp_path + " to " + path + ": " + std::strerror(errno));
    }
    closed = true;
    return Status::OK();
  }
};

ParquetFileWriter::ParquetFileWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ParquetFileWriter::~ParquetFileWriter() = default;

Result<std::unique_ptr<ParquetFileWriter>> ParquetFileWriter::Open(
    const std::string& path, const SchemaPtr& schema, const ParquetWriteOptions& options) {
  if (!IsCodecSupported(options.column.codec)) {
    return Status::NotImplemented(std::string("Parquet codec ") +
                                  CompressionName(options.column.codec));
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->schema = schema;
  impl->options = options;
  if (impl->options.max_row_group_rows <= 0) impl->options.max_row_group_rows = 1024 * 1024;
  QUIVER_ASSIGN_OR_RAISE(impl->ws, BuildWriteSchema(*schema));
  for (const LeafSpec& l : impl->ws.leaves) {
    std::string path;
    for (const auto& part : l.path) path += (path.empty() ? "" : ".") + part;
    auto it = options.columns.find(path);
    impl->builders.emplace_back(l, it == options.columns.end() ? options.column : it->second);
  }
  FileMetaData& md = impl->md;
  md.version = 2;
  md.schema = impl->ws.elements;
  md.created_by = options.created_by;
  md.column_orders.assign(impl->ws.leaves.size(), true);
  for (const auto& [k, v] : schema->metadata()) md.key_value_metadata.push_back({k, v});
  for (const auto& [k, v] : options.metadata) md.key_value_metadata.push_back({k, v});
  std::string tmpl = path + ".tmp-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  int fd = ::mkstemp(buf.data());
  if (fd < 0) return Status::IO("creating " + path + ": " + std::strerror(errno));
  impl->tmp_path = buf.data();
  impl->file = ::fdopen(fd, "wb");
  if (!impl->file) {
    ::close(fd);
    return Status::IO("creating " + path + ": " + std::strerror(errno));
  }
  ::fchmod(fd, 0644);
  QUIVER_RETURN_NOT_OK(impl->Put("PAR1"));
  return std::unique_ptr<ParquetFileWriter>(new ParquetFileWriter(std::move(impl)));
}

Status ParquetFileWriter::Write(const RecordBatch& batch) {
  Impl& m = *impl_;
  if (m.closed) return Status::Execution("Parquet writer already closed");
  if (batch.num_columns() != m.schema->num_fields()) {
    return Status::Execution("batch has " + std::to_string(batch.num_columns()) +
                             " columns, the Parquet file " +
                             std::to_string(m.schema->num_fields()));
  }
  for (int c = 0; c < batch.num_columns(); ++c) {
    if (!batch.column(c)->type()->Equals(*m.schema->field(c)->type())) {
      return Status::Execution("batch column " + m.schema->field(c)->name() + " has type " +
                               batch.column(c)->type()->ToString() + ", the file " +
                               m.schema->field(c)->type()->ToString());
    }
  }
  // Dictionaries and views become plain arrays first (before any slicing).
  std::vector<ArrayPtr> cols = batch.columns();
  bool converted = false;
  for (auto& col : cols) {
    if (PlainType(col->type())) {
      QUIVER_ASSIGN_OR_RAISE(col, PlainArray(col));
      converted = true;
    }
  }
  RecordBatchPtr plain;
  if (converted) plain = RecordBatch::Make(batch.schema(), batch.num_rows(), std::move(cols));
  const RecordBatch& whole = converted ? *plain : batch;
  int64_t off = 0;
  while (off < whole.num_rows()) {
    int64_t take = std::min(whole.num_rows() - off, m.options.max_row_group_rows - m.group_rows);
    QUIVER_RETURN_NOT_OK(m.WriteSlice(*whole.Slice(off, take)));
    off += take;
    if (m.group_rows >= m.options.max_row_group_rows) QUIVER_RETURN_NOT_OK(m.FlushRowGroup());
  }
  return Status::OK();
}

Status ParquetFileWriter::Close() {
  if (impl_->closed) return Status::OK();
  return impl_->Finish();
}

int64_t ParquetFileWriter::rows_written() const { return impl_->total_rows; }

Status WriteParquetFile(const std::string& path, const SchemaPtr& schema,
                        const std::vector<RecordBatchPtr>& batches,
                        const ParquetWriteOptions& options) {
  QUIVER_ASSIGN_OR_RAISE(auto w, ParquetFileWriter::Open(path, schema, options));
  for (const auto& b : batches) QUIVER_RETURN_NOT_OK(w->Write(*b));
  return w->Close();
}

}  // namespace quiver::parquet
