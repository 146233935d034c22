// The fixed worker pool every query runs on: one thread per core, created
// once per process. Tasks receive the index of the worker running them so
// operators can keep per-worker state without locks.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "quiver/arrow/status.h"

namespace quiver {

class ThreadPool {
 public:
  explicit ThreadPool(int num_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// The process-wide pool (hardware concurrency, or QUIVER_THREADS).
  static ThreadPool* Default();

  int num_threads() const { return static_cast<int>(threads_.size()); }
  void Submit(std::function<void(int worker)> task);
  /// Index of the calling pool thread, or -1 when called from outside.
  static int CurrentWorker();

 private:
  void Run(int worker);
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void(int)>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

/// Runs a set of tasks on a pool and waits (from a non-pool thread) until all
/// have finished; the first error wins and is returned by Wait().
class TaskGroup {
 public:
  explicit TaskGroup(ThreadPool* pool) : pool_(pool) {}
  void Submit(std::function<Status(int worker)> task);
  Status Wait();
  /// True once a task failed (other tasks may stop early).
  bool failed() const;

 private:
  ThreadPool* pool_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int pending_ = 0;
  Status first_error_;
};

}  // namespace quiver
