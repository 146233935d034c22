// Parallel, ordered, bounded-memory production of table chunks: worker
// threads generate chunks of parent rows in any order, the caller consumes
// them strictly in order, and at most `window` chunks exist at once. Used by
// the text writer (chunks of formatted text) and the Parquet writer (record
// batches).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver::tpchgen {

template <typename Chunk>
class ChunkPipeline {
 public:
  /// Fills `out` with the rows of parent rows [first, first + count). `out`
  /// holds whatever the consumer left in it (text buffers are reused).
  using GenerateFn = std::function<Status(int64_t first, int64_t count, Chunk* out)>;

  ChunkPipeline(int64_t first, int64_t count, int64_t chunk_rows, int threads, GenerateFn generate)
      : first_(first),
        count_(count),
        chunk_rows_(chunk_rows),
        num_chunks_((count + chunk_rows - 1) / chunk_rows),
        threads_(std::max(1, threads)),
        window_(2 * static_cast<int64_t>(threads_) + 2),
        generate_(std::move(generate)),
        slots_(static_cast<size_t>(window_)),
        status_(static_cast<size_t>(window_)),
        ready_(static_cast<size_t>(window_), false) {}

  ChunkPipeline(const ChunkPipeline&) = delete;
  ChunkPipeline& operator=(const ChunkPipeline&) = delete;
  ~ChunkPipeline() { Stop(); }

  int64_t num_chunks() const { return num_chunks_; }

  /// Starts the workers; fewer than asked is fine as long as one runs.
  Status Start() {
    try {
      for (int t = 0; t < threads_; ++t) workers_.emplace_back([this] { Work(); });
    } catch (const std::system_error& e) {
      if (workers_.empty()) {
        return Status::ResourcesExhausted(std::string("cannot start threads: ") + e.what());
      }
    }
    return Status::OK();
  }

  /// Waits for chunk `c` (call in order 0, 1, ...) and hands it to
  /// `consume(Chunk&) -> Status`; a generation error is returned instead.
  template <typename F>
  Status Consume(int64_t c, F&& consume) {
    size_t slot = static_cast<size_t>(c % window_);
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return ready_[slot]; });
    }
    Status st = status_[slot];
    if (st.ok()) st = consume(slots_[slot]);
    {
      std::lock_guard lock(mu_);
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
      int64_t first = first_ + c * chunk_rows_;
      int64_t count = std::min(chunk_rows_, first_ + count_ - first);
      Status st = generate_(first, count, &slots_[slot]);
      {
        std::lock_guard lock(mu_);
        status_[slot] = std::move(st);
        ready_[slot] = true;
      }
      cv_.notify_all();
    }
  }

  int64_t first_;
  int64_t count_;
  int64_t chunk_rows_;
  int64_t num_chunks_;
  int threads_;
  int64_t window_;
  GenerateFn generate_;
  std::vector<Chunk> slots_;
  std::vector<Status> status_;
  std::vector<bool> ready_;
  std::mutex mu_;
  std::condition_variable cv_;
  int64_t next_ = 0;
  int64_t consumed_ = 0;
  bool stopped_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace quiver::tpchgen
