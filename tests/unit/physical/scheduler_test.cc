#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "quiver/arrow/builder.h"
#include "quiver/physical/executor.h"
#include "quiver/physical/operators.h"
#include "quiver/physical/thread_pool.h"

namespace quiver {
namespace {

TEST(ThreadPoolTest, RunsAllTasksOnAllWorkersAndReportsFirstError) {
  ThreadPool pool(2);
  TaskGroup group(&pool);
  std::atomic<int> done{0};
  std::mutex mu;
  std::set<int> workers;
  for (int i = 0; i < 200; ++i) {
    group.Submit([&](int worker) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      std::lock_guard<std::mutex> lock(mu);
      workers.insert(worker);
      ++done;
      return Status::OK();
    });
  }
  ASSERT_TRUE(group.Wait().ok());
  EXPECT_EQ(done.load(), 200);
  EXPECT_EQ(workers.size(), 2u);

  TaskGroup failing(&pool);
  for (int i = 0; i < 10; ++i) {
    failing.Submit([i](int) { return i == 3 ? Status::Execution("boom") : Status::OK(); });
  }
  Status st = failing.Wait();
  EXPECT_EQ(st.kind(), ErrorKind::kExecution);
}

RecordBatchPtr IntBatch(const SchemaPtr& s, int64_t start, int64_t n) {
  Int64Builder b(int64());
  for (int64_t i = 0; i < n; ++i) EXPECT_TRUE(b.Append(start + i).ok());
  return RecordBatch::Make(s, n, {*b.Finish()});
}

TEST(ExecutorTest, SortOverManyMorselsIsGloballyOrdered) {
  auto s = schema({field("x", int64())});
  std::vector<RecordBatchPtr> batches;
  for (int i = 9; i >= 0; --i) batches.push_back(IntBatch(s, i * 100, 100));
  auto scan = std::make_shared<MemoryExec>(s, std::vector<std::vector<RecordBatchPtr>>{batches});
  EXPECT_EQ(scan->output_partitions(), 10);
  auto col = std::make_shared<ColumnExpr>("x", 0, int64(), false);
  auto sort = std::make_shared<SortExec>(scan, std::vector<PhysicalSortExpr>{{col, true, false}},
                                         std::nullopt);
  auto ctx = std::make_shared<TaskContext>();
  auto out = ExecuteCollect(sort, ctx);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  int64_t expect = 999, rows = 0;
  for (const auto& b : *out) {
    const auto& a = static_cast<const Int64Array&>(*b->column(0));
    for (int64_t i = 0; i < a.length(); ++i) EXPECT_EQ(a.Value(i), expect--);
    rows += b->num_rows();
  }
  EXPECT_EQ(rows, 1000);
}

TEST(ExecutorTest, LimitStopsEarlyAndSkips) {
  auto s = schema({field("x", int64())});
  std::vector<RecordBatchPtr> batches;
  for (int i = 0; i < 50; ++i) batches.push_back(IntBatch(s, i * 10, 10));
  auto scan = std::make_shared<MemoryExec>(s, std::vector<std::vector<RecordBatchPtr>>{batches});
  auto limit = std::make_shared<GlobalLimitExec>(scan, 5, 7);
  auto out = ExecuteCollect(limit, std::make_shared<TaskContext>());
  ASSERT_TRUE(out.ok());
  int64_t rows = 0;
  for (const auto& b : *out) rows += b->num_rows();
  EXPECT_EQ(rows, 7);
}

TEST(ExecutorTest, ErrorsInAnOperatorPropagate) {
  auto s = schema({field("x", int64())});
  auto scan = std::make_shared<MemoryExec>(
      s, std::vector<std::vector<RecordBatchPtr>>{{IntBatch(s, 0, 5)}});
  // Column index out of range is an Internal error, never a crash.
  auto bad = std::make_shared<ColumnExpr>("y", 3, int64(), false);
  auto proj = std::make_shared<ProjectionExec>(scan, std::vector<PhysicalExprPtr>{bad},
                                               std::vector<std::string>{"y"});
  auto out = ExecuteCollect(proj, std::make_shared<TaskContext>());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().kind(), ErrorKind::kInternal);
}

}  // namespace
}  // namespace quiver
