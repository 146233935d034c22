#include "quiver/physical/window_output_order.h"

#include <algorithm>
#include <numeric>
#include <string>

namespace quiver {

namespace {

// One term of a window's sort: partition keys sort ascending, nulls last.
struct Term {
  std::string expr;
  std::vector<int> columns;  // input columns it reads, in order
  bool asc = true;
  bool nulls_first = false;
  bool partition = false;  // only groups rows: either direction serves
};

std::vector<Term> Terms(const WindowSortKey& k, const DFSchema& input) {
  std::vector<Term> out;
  auto add = [&](const ExprPtr& e, bool asc, bool nulls_first, bool partition) {
    Term t{e->ToString(), {}, asc, nulls_first, partition};
    for (const auto& o : out) {
      if (o.expr == t.expr) return;  // already sorted by it
    }
    std::vector<Column> cols;
    CollectColumns(e, &cols);
    for (const auto& c : cols) t.columns.push_back(input.FindIndex(c));
    out.push_back(std::move(t));
  };
  for (const auto& p : k.partition_by) add(p, true, false, true);
  for (const auto& o : k.order_by) add(o.expr, o.asc, o.nulls_first, false);
  return out;
}

// Windows are stacked in this order: by the columns their terms read, then
// longer keys first, descending before ascending, nulls first before last.
int CompareTerm(const Term& a, const Term& b) {
  for (size_t i = 0; i < a.columns.size() && i < b.columns.size(); ++i) {
    if (a.columns[i] != b.columns[i]) return a.columns[i] < b.columns[i] ? -1 : 1;
  }
  if (a.columns.size() != b.columns.size()) return a.columns.size() > b.columns.size() ? -1 : 1;
  if (a.asc != b.asc) return a.asc ? 1 : -1;
  if (a.nulls_first != b.nulls_first) return a.nulls_first ? -1 : 1;
  return 0;
}

bool KeyBefore(const std::vector<Term>& a, const std::vector<Term>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    int c = CompareTerm(a[i], b[i]);
    if (c != 0) return c < 0;
  }
  return a.size() > b.size();
}

// Whether rows sorted by `have` are sorted by `want`.
bool Satisfies(const std::vector<Term>& have, const std::vector<Term>& want) {
  if (want.size() > have.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    if (have[i].expr != want[i].expr) return false;
    if (want[i].partition) continue;
    if (have[i].asc != want[i].asc || have[i].nulls_first != want[i].nulls_first) return false;
  }
  return true;
}

// Whether rows sorted by `have` reversed are sorted by `want`.
bool ReverseSatisfies(const std::vector<Term>& have, const std::vector<Term>& want) {
  if (want.size() > have.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    if (have[i].expr != want[i].expr) return false;
    if (want[i].partition) continue;
    if (have[i].asc == want[i].asc || have[i].nulls_first == want[i].nulls_first) return false;
  }
  return true;
}

}  // namespace

bool IsReversibleWindowExpr(const Expr& e) {
  if (e.kind != ExprKind::kWindowFunction) return false;
  if (e.aggregate_fn) return true;
  if (!e.window_fn) return false;
  const std::string name = e.window_fn->name();
  return name == "lag" || name == "lead" || name == "first_value" || name == "last_value";
}

int WindowOutputKey(const std::vector<WindowSortKey>& keys, const DFSchema& input) {
  if (keys.empty()) return -1;
  std::vector<std::vector<Term>> terms;
  for (const auto& k : keys) terms.push_back(Terms(k, input));
  std::vector<int> stack(keys.size());
  std::iota(stack.begin(), stack.end(), 0);
  std::stable_sort(stack.begin(), stack.end(),
                   [&](int a, int b) { return KeyBefore(terms[a], terms[b]); });
  // Bottom to top: a reversible window over rows sorted the opposite way
  // needs no sort of its own, so the rows keep the order below it.
  int order = stack[0];
  for (size_t i = 1; i < stack.size(); ++i) {
    int k = stack[i];
    if (Satisfies(terms[order], terms[k])) continue;
    if (!(keys[k].reversible && ReverseSatisfies(terms[order], terms[k]))) order = k;
  }
  return order;
}

}  // namespace quiver
