// grouping(expr, ...): which GROUP BY keys a result row aggregates over. The
// SQL planner computes it from the grouping-set id (sql_to_rel_grouping.cc);
// the function is registered so that calls plan as aggregates.
#include "quiver/functions/builtin.h"

namespace quiver {

namespace {

class Grouping : public AggregateUDF {
 public:
  std::string name() const override { return "grouping"; }
  Result<DataTypePtr> ReturnType(const std::vector<DataTypePtr>& args) const override {
    if (args.empty()) return Status::Plan("grouping() requires at least one argument");
    if (args.size() > 31) return Status::Plan("grouping() takes at most 31 arguments");
    return int32();
  }
  Result<std::vector<FieldPtr>> StateFields(const AggregateArgs&) const override {
    return std::vector<FieldPtr>{field("grouping", int32())};
  }
  Result<std::unique_ptr<GroupsAccumulator>> CreateAccumulator(
      const AggregateArgs&) const override {
    // Only reached when a plan was built without the SQL planner's rewrite.
    return Status::Plan(
        "grouping() is only supported in the SELECT list, HAVING and ORDER BY "
        "of an aggregate query");
  }
  bool nullable() const override { return false; }
};

}  // namespace

void RegisterGroupingFunction(FunctionRegistry* registry) {
  registry->Register(std::make_shared<Grouping>());
}

}  // namespace quiver
