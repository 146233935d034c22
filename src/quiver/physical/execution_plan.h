// ExecutionPlan: the physical operator tree, DataFusion's shape: schema,
// children, partitions, Execute(partition) -> stream of batches, and a
// one-line display for EXPLAIN.
//
// Pipelines: an operator that must see all of its input before producing
// output (aggregation, sort, limit, join build) is a pipeline breaker. It
// exposes a Sink; the Executor drives every partition (morsel) of the input
// as a task on the worker pool, pushing batches into per-worker sink state,
// then finalizes the sink. Afterwards Execute() only reads the materialized
// result, so no pool thread ever waits for another task's output.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/common/config.h"
#include "quiver/physical/statistics.h"

namespace quiver {

class ExecutionPlan;
using ExecutionPlanPtr = std::shared_ptr<ExecutionPlan>;
class ThreadPool;

/// What a running query shares: options, cancellation, the worker pool.
struct TaskContext {
  ConfigOptions config;
  ThreadPool* pool = nullptr;
  std::atomic<bool> cancelled{false};
  int64_t batch_size() const { return config.batch_size(); }
};
using TaskContextPtr = std::shared_ptr<TaskContext>;

class RecordBatchStream {
 public:
  virtual ~RecordBatchStream() = default;
  /// The next batch, or nullptr at the end.
  virtual Result<RecordBatchPtr> Next() = 0;
};
using StreamPtr = std::unique_ptr<RecordBatchStream>;

/// A stream over batches already in memory.
StreamPtr MakeVectorStream(std::vector<RecordBatchPtr> batches);

/// Per-worker state of a sink; created lazily on each worker that needs one.
class SinkLocalState {
 public:
  virtual ~SinkLocalState() = default;
};

/// The consuming side of a pipeline breaker.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual Result<std::unique_ptr<SinkLocalState>> MakeLocalState() = 0;
  /// Consumes one batch of input partition `partition`. Called concurrently
  /// from different workers, each with its own local state.
  virtual Status Consume(SinkLocalState* local, int partition, const RecordBatchPtr& batch) = 0;
  /// Called once after all input was consumed, with every local state.
  virtual Status Finalize(std::vector<std::unique_ptr<SinkLocalState>> locals,
                          const TaskContextPtr& ctx) = 0;
  /// True when the sink needs no more input (LIMIT reached).
  virtual bool Done() const { return false; }
};

class ExecutionPlan : public std::enable_shared_from_this<ExecutionPlan> {
 public:
  virtual ~ExecutionPlan() = default;
  virtual std::string name() const = 0;
  virtual SchemaPtr schema() const = 0;
  virtual std::vector<ExecutionPlanPtr> children() const = 0;
  virtual Result<ExecutionPlanPtr> WithNewChildren(std::vector<ExecutionPlanPtr> children) const = 0;
  /// Number of partitions (morsels) Execute() can be called with.
  virtual int output_partitions() const = 0;
  virtual Result<StreamPtr> Execute(int partition, const TaskContextPtr& ctx) = 0;
  /// One line for EXPLAIN: "FilterExec: a@0 > 1".
  virtual std::string DisplayAs() const = 0;
  /// Metrics gathered while running, "name=value, ..." (EXPLAIN ANALYZE);
  /// empty when the operator keeps none.
  virtual std::string MetricsToString() const { return ""; }
  /// What is known of the output before running (default: nothing).
  virtual Statistics statistics() const { return Statistics::Unknown(schema()->num_fields()); }

  /// For pipeline breakers: the sink that consumes child `child`; null for
  /// children that are streamed through. Called once per execution.
  virtual Sink* sink_for_child(int child) { return nullptr; }

  /// The indented tree, for EXPLAIN; each line ends with ", statistics=[...]"
  /// when `with_statistics` (datafusion.explain.show_statistics).
  std::string ToString(bool with_statistics = false) const;
};

}  // namespace quiver
