// Writes as logical plan nodes: Dml (INSERT INTO / OVERWRITE a table) and
// CopyTo (COPY ... TO files). Both have one input, the rows to write, and
// output one `count` row. What receives the rows is a DataSink the execution
// layer makes (a table's insert, a file writer), carried in the node so the
// physical planner can wrap it in a DataSinkExec without knowing formats.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "quiver/arrow/record_batch.h"
#include "quiver/logical/logical_plan.h"

namespace quiver {

/// Receives all rows of a write.
class DataSink {
 public:
  virtual ~DataSink() = default;
  /// For EXPLAIN: "ParquetSink(file_groups=[])", "MemoryTable (partitions=1)".
  virtual std::string ToString() const = 0;
  /// Writes every row; called once per execution.
  virtual Status Write(const std::vector<RecordBatchPtr>& batches) = 0;
};
using DataSinkPtr = std::shared_ptr<DataSink>;

enum class WriteOp : uint8_t { kInsertInto, kInsertOverwrite, kCopyTo };

struct WriteSpec {
  WriteOp op = WriteOp::kInsertInto;
  TableReference table;  // Dml
  // CopyTo: as written, for EXPLAIN
  std::string output_url;
  std::string format;
  std::vector<std::string> partition_by;
  std::vector<std::pair<std::string, std::string>> options;
  /// Rows are cast to this schema (and its NOT NULL columns checked) before
  /// the sink sees them; null writes the input as it is.
  SchemaPtr target_schema;
  DataSinkPtr sink;
};

/// Dml node writing `input` (already in the table's column order) to a table.
Result<LogicalPlanPtr> MakeDml(LogicalPlanPtr input, std::shared_ptr<const WriteSpec> spec);
/// CopyTo node writing `input` to files.
Result<LogicalPlanPtr> MakeCopyTo(LogicalPlanPtr input, std::shared_ptr<const WriteSpec> spec);

/// "Dml: op=[Insert Into] table=[t]" / "CopyTo: format=csv output_url=... options: (...)".
std::string WriteNodeToString(const LogicalPlan& plan);

/// The schema of a write's output: one non-null UInt64 `count`.
SchemaPtr WriteCountSchema();

}  // namespace quiver
