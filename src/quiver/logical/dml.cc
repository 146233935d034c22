#include "quiver/logical/dml.h"

namespace quiver {

namespace {

Result<LogicalPlanPtr> MakeWrite(PlanKind kind, LogicalPlanPtr input,
                                 std::shared_ptr<const WriteSpec> spec) {
  if (!spec || !spec->sink) return Status::Internal("write node without a sink");
  auto p = std::make_shared<LogicalPlan>();
  p->kind = kind;
  p->inputs = {std::move(input)};
  p->schema = DFSchema::FromArrow(WriteCountSchema(), std::nullopt);
  p->write = std::move(spec);
  return LogicalPlanPtr(p);
}

}  // namespace

SchemaPtr WriteCountSchema() { return schema({field("count", uint64(), false)}); }

Result<LogicalPlanPtr> MakeDml(LogicalPlanPtr input, std::shared_ptr<const WriteSpec> spec) {
  return MakeWrite(PlanKind::kDml, std::move(input), std::move(spec));
}

Result<LogicalPlanPtr> MakeCopyTo(LogicalPlanPtr input, std::shared_ptr<const WriteSpec> spec) {
  return MakeWrite(PlanKind::kCopyTo, std::move(input), std::move(spec));
}

std::string WriteNodeToString(const LogicalPlan& plan) {
  const WriteSpec& w = *plan.write;
  if (plan.kind == PlanKind::kDml) {
    const char* op = w.op == WriteOp::kInsertOverwrite ? "Insert Overwrite" : "Insert Into";
    return std::string("Dml: op=[") + op + "] table=[" + w.table.ToString() + "]";
  }
  std::string opts;
  for (const auto& [k, v] : w.options) opts += (opts.empty() ? "" : ", ") + k + " " + v;
  return "CopyTo: format=" + w.format + " output_url=" + w.output_url + " options: (" + opts + ")";
}

}  // namespace quiver
