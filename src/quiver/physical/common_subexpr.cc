#include "quiver/physical/common_subexpr.h"

#include <map>
#include <string>

namespace quiver {

namespace {

// Nodes this pass can rebuild with new children. AND/OR are left alone:
// their right side may be evaluated only on some rows.
bool Rebuildable(const PhysicalExpr& e) {
  if (auto* b = dynamic_cast<const BinaryExpr*>(&e)) {
    return b->op() != Operator::kAnd && b->op() != Operator::kOr;
  }
  return dynamic_cast<const CastExpr*>(&e) || dynamic_cast<const UnaryExpr*>(&e);
}

bool IsLeaf(const PhysicalExpr& e) {
  return dynamic_cast<const ColumnExpr*>(&e) || dynamic_cast<const LiteralExpr*>(&e);
}

// A key naming `e` exactly: its text plus every node's type (a literal's
// text alone does not tell Int32 1 from Int64 1). Empty when `e` contains a
// node that is neither rebuildable nor a leaf (so it is never shared).
std::string Key(const PhysicalExpr& e) {
  if (IsLeaf(e)) return e.ToString() + "::" + e.type()->ToString();
  if (!Rebuildable(e)) return "";
  std::string key = e.ToString() + "::" + e.type()->ToString() + "(";
  for (const auto& c : e.Children()) {
    std::string k = Key(*c);
    if (k.empty()) return "";
    key += k + ",";
  }
  return key + ")";
}

void Count(const PhysicalExpr& e, std::map<std::string, int>* counts) {
  if (IsLeaf(e) || !Rebuildable(e)) return;
  std::string k = Key(e);
  if (!k.empty()) ++(*counts)[k];
  for (const auto& c : e.Children()) Count(*c, counts);
}

class Rewriter {
 public:
  Rewriter(const std::map<std::string, int>& counts, const SchemaPtr& input)
      : fields(input->fields()), counts_(counts), num_input_(input->num_fields()) {}

  PhysicalExprPtr Rewrite(const PhysicalExprPtr& e) {
    if (IsLeaf(*e) || !Rebuildable(*e)) return e;
    std::string k = Key(*e);
    if (!k.empty()) {
      auto it = counts_.find(k);
      if (it != counts_.end() && it->second >= 2) return Shared(k, e);
    }
    std::vector<PhysicalExprPtr> children;
    bool changed = false;
    for (const auto& c : e->Children()) {
      children.push_back(Rewrite(c));
      changed |= children.back() != c;
    }
    if (!changed) return e;
    if (auto* b = dynamic_cast<const BinaryExpr*>(e.get())) {
      return std::make_shared<BinaryExpr>(children[0], b->op(), children[1], e->type());
    }
    if (auto* c = dynamic_cast<const CastExpr*>(e.get())) {
      return std::make_shared<CastExpr>(children[0], e->type(), c->try_cast());
    }
    auto* u = static_cast<const UnaryExpr*>(e.get());
    return std::make_shared<UnaryExpr>(u->kind(), children[0], e->type(), e->nullable());
  }

  std::vector<PhysicalExprPtr> common;
  std::vector<FieldPtr> fields;  // the input's, then one per common subexpression

 private:
  PhysicalExprPtr Shared(const std::string& key, const PhysicalExprPtr& e) {
    auto [it, added] = index_.emplace(key, static_cast<int>(common.size()));
    if (added) {
      common.push_back(e);
      fields.push_back(
          field("__common_expr_" + std::to_string(common.size()), e->type(), e->nullable()));
    }
    const int column = num_input_ + it->second;
    return std::make_shared<ColumnExpr>("__common_expr_" + std::to_string(it->second + 1), column,
                                        e->type(), e->nullable());
  }

  const std::map<std::string, int>& counts_;
  int num_input_;
  std::map<std::string, int> index_;
};

}  // namespace

SharedSubexprs ExtractSharedSubexprs(const std::vector<PhysicalExprPtr>& exprs,
                                     const SchemaPtr& input_schema) {
  SharedSubexprs out;
  std::map<std::string, int> counts;
  for (const auto& e : exprs) {
    if (e) Count(*e, &counts);
  }
  Rewriter rewriter(counts, input_schema);
  for (const auto& e : exprs) out.rewritten.push_back(e ? rewriter.Rewrite(e) : e);
  out.common = std::move(rewriter.common);
  out.extended_schema = schema(std::move(rewriter.fields));
  return out;
}

Result<RecordBatchPtr> AppendSharedColumns(const SharedSubexprs& shared, const RecordBatch& batch) {
  std::vector<ArrayPtr> columns;
  columns.reserve(batch.num_columns() + shared.common.size());
  for (int i = 0; i < batch.num_columns(); ++i) columns.push_back(batch.column(i));
  for (const auto& e : shared.common) {
    QUIVER_ASSIGN_OR_RAISE(auto a, e->EvaluateToArray(batch));
    columns.push_back(std::move(a));
  }
  return RecordBatch::Make(shared.extended_schema, batch.num_rows(), std::move(columns));
}

}  // namespace quiver
