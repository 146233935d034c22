#include "quiver/datasource/parquet_late_filter.h"

#include <algorithm>

#include "quiver/arrow/compute/compute.h"
#include "quiver/common/df_schema.h"
#include "quiver/physical/create_physical_expr.h"

namespace quiver {

std::shared_ptr<const LateFilter> MakeLateFilter(const std::vector<ExprPtr>& filters,
                                                 const SchemaPtr& output) {
  if (filters.empty() || !output) return nullptr;
  std::vector<Column> cols;
  for (const auto& f : filters) CollectColumns(f, &cols);
  auto out = std::make_shared<LateFilter>();
  for (const auto& c : cols) {
    const int i = output->GetFieldIndex(c.name);
    if (i < 0) return nullptr;
    if (std::find(out->filter_pos.begin(), out->filter_pos.end(), i) == out->filter_pos.end()) {
      out->filter_pos.push_back(i);
    }
  }
  if (out->filter_pos.empty()) return nullptr;
  std::sort(out->filter_pos.begin(), out->filter_pos.end());
  std::vector<FieldPtr> fields;
  for (int i : out->filter_pos) fields.push_back(output->field(i));
  for (int i = 0; i < output->num_fields(); ++i) {
    if (!std::binary_search(out->filter_pos.begin(), out->filter_pos.end(), i)) {
      out->other_pos.push_back(i);
    }
  }
  if (out->other_pos.empty()) return nullptr;  // nothing to decode late
  out->filter_schema = schema(std::move(fields));
  // Columns by bare name: the filter schema has no qualifiers.
  auto unqualified = TransformUp(Conjunction(filters), [](const ExprPtr& e) -> Result<ExprPtr> {
    if (e->kind == ExprKind::kColumn) return Col(Column::Named(e->column.name));
    return e;
  });
  if (!unqualified.ok()) return nullptr;
  auto df = DFSchema::FromArrow(out->filter_schema, std::nullopt);
  auto pred = CreatePhysicalExpr(*unqualified, *df);
  if (!pred.ok()) return nullptr;
  out->predicate = std::move(pred).value();
  return out;
}

Result<RecordBatchPtr> NextFiltered(parquet::RowGroupBatchReader& rows, const LateFilter& filter,
                                    const SchemaPtr& output, int64_t max_rows, int64_t stop_left) {
  while (rows.rows_left() > stop_left) {
    const int64_t n = std::min(std::max<int64_t>(max_rows, 1), rows.rows_left() - stop_left);
    QUIVER_ASSIGN_OR_RAISE(auto fcols, rows.NextColumns(n, filter.filter_pos));
    auto fbatch = RecordBatch::Make(filter.filter_schema, n, fcols);
    QUIVER_ASSIGN_OR_RAISE(compute::Datum mask, filter.predicate->Evaluate(*fbatch));
    int64_t keep = 0;
    const BooleanArray* m = nullptr;
    if (mask.type()->id() == TypeId::kBoolean) {
      m = static_cast<const BooleanArray*>(mask.array.get());
      if (mask.is_scalar) {
        keep = m->IsValid(0) && m->Value(0) ? n : 0;
        m = nullptr;
      } else {
        keep = m->true_count();
      }
    }
    if (keep == 0) {
      QUIVER_RETURN_NOT_OK(rows.SkipColumns(n, filter.other_pos));
      rows.Advance(n);
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(auto ocols, rows.NextColumns(n, filter.other_pos));
    rows.Advance(n);
    std::vector<ArrayPtr> arrays(output->num_fields());
    for (size_t k = 0; k < fcols.size(); ++k) arrays[filter.filter_pos[k]] = fcols[k];
    for (size_t k = 0; k < ocols.size(); ++k) arrays[filter.other_pos[k]] = ocols[k];
    auto batch = RecordBatch::Make(output, n, std::move(arrays));
    if (m && keep < n) return compute::FilterBatch(batch, *m);
    return batch;
  }
  return RecordBatchPtr();
}

}  // namespace quiver
