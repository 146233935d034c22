#include "tpchgen/table_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "tpchgen/chunk_pipeline.h"

namespace quiver::tpchgen {
namespace {

// Parent rows per chunk: a few MB of text each, small enough to keep every
// thread busy and memory bounded, large enough to amortize the RNG skip-ahead.
int64_t ChunkRows(TpchTable table) {
  switch (table) {
    case TpchTable::kLineitem: return 8192;  // ~4 lines of ~130 bytes per order
    case TpchTable::kPartSupp: return 8192;  // 4 rows of ~150 bytes per part
    case TpchTable::kOrders: return 32768;
    default: return 32768;
  }
}

void GenerateChunk(const TableWriteRequest& req, int64_t first, int64_t count, TextBuffer* out) {
  auto gen = RowGenerator::MakeRange(req.table, req.scale, first, count);
  auto columns = TableColumns(req.table);
  Field fields[16];
  while (gen->Next(fields)) AppendRow(req.format, columns, fields, out);
}

Status WriteAll(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IO("writing " + path + ": " + std::strerror(errno));
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::OK();
}

}  // namespace

Status WriteTable(const TableWriteRequest& req) {
  std::string tmp = req.path + ".tmp" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IO("cannot create " + tmp + ": " + std::strerror(errno));

  Status st;
  if (req.header) {
    TextBuffer header;
    AppendCsvHeader(TableColumns(req.table), &header);
    st = WriteAll(fd, header.data(), header.size(), req.path);
  }
  if (st.ok() && req.count > 0) {
    ChunkPipeline<TextBuffer> pipeline(
        req.first, req.count, ChunkRows(req.table), req.threads,
        [&req](int64_t first, int64_t count, TextBuffer* out) {
          out->Clear();
          GenerateChunk(req, first, count, out);
          return Status::OK();
        });
    st = pipeline.Start();
    for (int64_t c = 0; c < pipeline.num_chunks() && st.ok(); ++c) {
      st = pipeline.Consume(c, [&](TextBuffer& text) {
        return WriteAll(fd, text.data(), text.size(), req.path);
      });
    }
    pipeline.Stop();
  }
  if (::close(fd) != 0 && st.ok()) {
    st = Status::IO("closing " + req.path + ": " + std::strerror(errno));
  }
  if (st.ok() && std::rename(tmp.c_str(), req.path.c_str()) != 0) {
    st = Status::IO("renaming " + tmp + " to " + req.path + ": " + std::strerror(errno));
  }
  if (!st.ok()) ::unlink(tmp.c_str());
  return st;
}

}  // namespace quiver::tpchgen
