#include "tpchgen/table_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

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

// Chunks are produced by workers in any order and consumed by the caller in
// order; at most `window` chunks exist at once.
class ChunkPipeline {
 public:
  ChunkPipeline(const TableWriteRequest& req, int64_t chunk_rows)
      : req_(req),
        chunk_rows_(chunk_rows),
        num_chunks_((req.count + chunk_rows - 1) / chunk_rows),
        window_(2 * static_cast<int64_t>(req.threads) + 2),
        slots_(static_cast<size_t>(window_)),
        ready_(static_cast<size_t>(window_), false) {}

  int64_t num_chunks() const { return num_chunks_; }

  // Starts the workers; fewer than asked is fine as long as one runs.
  Status Start() {
    try {
      for (int t = 0; t < req_.threads; ++t) workers_.emplace_back([this] { Work(); });
    } catch (const std::system_error& e) {
      if (workers_.empty()) {
        return Status::ResourcesExhausted(std::string("cannot start threads: ") + e.what());
      }
    }
    return Status::OK();
  }

  // Waits for chunk `c` (in order) and hands its text to `consume`.
  template <typename F>
  Status Consume(int64_t c, F&& consume) {
    size_t slot = static_cast<size_t>(c % window_);
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return ready_[slot]; });
    }
    Status st = consume(slots_[slot].view());
    {
      std::lock_guard lock(mu_);
      slots_[slot].Clear();
      ready_[slot] = false;
      ++consumed_;
    }
    cv_.notify_all();
    return st;
  }

  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopped_ = true;
    }
    cv_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
  }

  ~ChunkPipeline() { Stop(); }

 private:
  void Work() {
    for (;;) {
      int64_t c;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock,
                 [&] { return stopped_ || next_ >= num_chunks_ || next_ < consumed_ + window_; });
        if (stopped_ || next_ >= num_chunks_) return;
        c = next_++;
      }
      // The slot is free: its previous chunk (c - window) has been consumed.
      size_t slot = static_cast<size_t>(c % window_);
      int64_t first = req_.first + c * chunk_rows_;
      int64_t count = std::min(chunk_rows_, req_.first + req_.count - first);
      GenerateChunk(req_, first, count, &slots_[slot]);
      {
        std::lock_guard lock(mu_);
        ready_[slot] = true;
      }
      cv_.notify_all();
    }
  }

  const TableWriteRequest& req_;
  int64_t chunk_rows_;
  int64_t num_chunks_;
  int64_t window_;
  std::vector<TextBuffer> slots_;
  std::vector<bool> ready_;
  std::mutex mu_;
  std::condition_variable cv_;
  int64_t next_ = 0;
  int64_t consumed_ = 0;
  bool stopped_ = false;
  std::vector<std::thread> workers_;
};

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
    ChunkPipeline pipeline(req, ChunkRows(req.table));
    st = pipeline.Start();
    for (int64_t c = 0; c < pipeline.num_chunks() && st.ok(); ++c) {
      st = pipeline.Consume(c, [&](std::string_view text) {
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
