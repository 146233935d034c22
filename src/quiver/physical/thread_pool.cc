#include "quiver/physical/thread_pool.h"

#include <cstdlib>

namespace quiver {

namespace {
thread_local int tls_worker = -1;
}

ThreadPool::ThreadPool(int num_threads) {
  for (int i = 0; i < num_threads; ++i) threads_.emplace_back([this, i] { Run(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

ThreadPool* ThreadPool::Default() {
  static ThreadPool* pool = [] {
    int n = static_cast<int>(std::thread::hardware_concurrency());
    if (const char* env = std::getenv("QUIVER_THREADS")) n = std::atoi(env);
    return new ThreadPool(n > 0 ? n : 1);
  }();
  return pool;
}

int ThreadPool::CurrentWorker() { return tls_worker; }

void ThreadPool::Submit(std::function<void(int)> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
}

void ThreadPool::Run(int worker) {
  tls_worker = worker;
  for (;;) {
    std::function<void(int)> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task(worker);
  }
}

void TaskGroup::Submit(std::function<Status(int)> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++pending_;
  }
  pool_->Submit([this, task = std::move(task)](int worker) {
    Status st = failed() ? Status::OK() : task(worker);
    std::lock_guard<std::mutex> lock(mu_);
    if (!st.ok() && first_error_.ok()) first_error_ = std::move(st);
    if (--pending_ == 0) cv_.notify_all();
  });
}

Status TaskGroup::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return pending_ == 0; });
  return first_error_;
}

bool TaskGroup::failed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !first_error_.ok();
}

}  // namespace quiver
