// INTERSECT ALL / EXCEPT ALL and UNION BY NAME.
//
// The ALL forms keep multiplicities: the k-th copy of a row survives
// INTERSECT ALL when the right side has at least k copies, and EXCEPT ALL
// when it has fewer. Numbering the copies of each distinct row on both sides
// (row_number() over a partition by every column) turns both into a semi or
// anti join on every column plus that number.
#include <algorithm>

#include "quiver/logical/window.h"
#include "quiver/sql/sql_to_rel.h"

namespace quiver {

namespace {

constexpr const char* kCopyNumber = "__set_copy_number";

// `plan` plus a column numbering the copies of each distinct row.
Result<LogicalPlanPtr> NumberCopies(const LogicalPlanPtr& plan, const WindowUDFPtr& row_number) {
  std::vector<ExprPtr> all;
  for (int i = 0; i < plan->schema->num_fields(); ++i) all.push_back(Col(plan->schema->column(i)));
  ExprPtr rn =
      Alias(WindowCall(row_number, nullptr, {}, all, {}, WindowFrame::Default(false)), kCopyNumber);
  return MakeWindow(plan, {rn});
}

}  // namespace

Result<LogicalPlanPtr> PlanSetOperationAll(LogicalPlanPtr left, LogicalPlanPtr right,
                                           bool intersect, const WindowUDFPtr& row_number) {
  if (!row_number) return Status::Internal("row_number window function missing");
  const int n = left->schema->num_fields();
  QUIVER_ASSIGN_OR_RAISE(auto l, NumberCopies(left, row_number));
  QUIVER_ASSIGN_OR_RAISE(auto r, NumberCopies(right, row_number));
  std::vector<JoinKey> keys;
  for (int i = 0; i <= n; ++i) {
    keys.emplace_back(Col(l->schema->column(i)), Col(r->schema->column(i)));
  }
  QUIVER_ASSIGN_OR_RAISE(
      auto j, MakeJoin(l, r, intersect ? JoinType::kLeftSemi : JoinType::kLeftAnti, std::move(keys),
                       nullptr, /*null_equals_null=*/true));
  std::vector<ExprPtr> keep;
  for (int i = 0; i < n; ++i) keep.push_back(Col(j->schema->column(i)));
  return MakeProjection(j, std::move(keep));
}

Status AlignByName(LogicalPlanPtr* left, LogicalPlanPtr* right) {
  auto names_of = [](const LogicalPlan& p) -> Result<std::vector<std::string>> {
    std::vector<std::string> names;
    for (int i = 0; i < p.schema->num_fields(); ++i) {
      const std::string& name = p.schema->field(i)->name();
      for (const auto& seen : names) {
        if (seen == name) {
          return Status::Plan("UNION BY NAME: column name " + name + " appears more than once");
        }
      }
      names.push_back(name);
    }
    return names;
  };
  QUIVER_ASSIGN_OR_RAISE(auto lnames, names_of(**left));
  QUIVER_ASSIGN_OR_RAISE(auto rnames, names_of(**right));
  std::vector<std::string> all = lnames;
  for (const auto& r : rnames) {
    if (std::find(all.begin(), all.end(), r) == all.end()) all.push_back(r);
  }
  auto index_of = [](const std::vector<std::string>& v, const std::string& s) {
    auto it = std::find(v.begin(), v.end(), s);
    return it == v.end() ? -1 : static_cast<int>(it - v.begin());
  };
  // Each side: its column when it has one of that name, else a typed NULL.
  auto align = [&](const LogicalPlanPtr& side, const std::vector<std::string>& mine,
                   const LogicalPlanPtr& other,
                   const std::vector<std::string>& theirs) -> Result<LogicalPlanPtr> {
    std::vector<ExprPtr> exprs;
    for (const auto& name : all) {
      int i = index_of(mine, name);
      if (i >= 0) {
        exprs.push_back(Alias(Col(side->schema->column(i)), name));
      } else {
        DataTypePtr t = other->schema->field(index_of(theirs, name))->type();
        exprs.push_back(Alias(CastTo(LitNull(), t), name));
      }
    }
    return MakeProjection(side, std::move(exprs));
  };
  QUIVER_ASSIGN_OR_RAISE(auto l, align(*left, lnames, *right, rnames));
  QUIVER_ASSIGN_OR_RAISE(auto r, align(*right, rnames, *left, lnames));
  *left = std::move(l);
  *right = std::move(r);
  return Status::OK();
}

}  // namespace quiver
