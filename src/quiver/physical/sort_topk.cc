// SortExec with a small fetch (ORDER BY ... LIMIT k): each worker keeps its
// best k rows as batches arrive, so memory and the final sort stay O(k)
// instead of O(input), and only the key columns of each batch are sorted.
// Every candidate carries its input position (partition, batch, row) as the
// last sort keys: the result equals a stable sort of the whole input.
#include <map>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/physical/operators.h"

namespace quiver {

namespace {

// Beyond this fetch, re-sorting the kept rows with every batch costs more
// than sorting the whole input once.
constexpr int64_t kMaxTopK = 4096;

struct TopKState : SinkLocalState {
  RecordBatchPtr rows;              // the kept rows, at most k
  std::vector<ArrayPtr> keys;       // their sort key values
  ArrayPtr partition, position;     // their input position (UInt64 each)
  std::map<int, uint64_t> batches;  // batches seen per input partition
};

Result<ArrayPtr> Filled(uint64_t value, int64_t n) {
  return ArrayFromVector<uint64_t>(uint64(), std::vector<uint64_t>(n, value));
}

// Sorts `state`-like candidates (keys, then partition and position) and
// keeps the first `k` indices.
Result<ArrayPtr> Best(const std::vector<PhysicalSortExpr>& exprs, const std::vector<ArrayPtr>& keys,
                      const ArrayPtr& partition, const ArrayPtr& position, int64_t k) {
  std::vector<compute::SortKey> sort;
  for (size_t i = 0; i < exprs.size(); ++i) {
    sort.push_back({keys[i], exprs[i].descending, exprs[i].nulls_first});
  }
  sort.push_back({partition, false, false});
  sort.push_back({position, false, false});
  return compute::SortIndices(sort, k);
}

// `a` followed by `b` (either may be null).
Result<ArrayPtr> Append(const ArrayPtr& a, const ArrayPtr& b) {
  if (!a) return b;
  return compute::Concatenate({a, b});
}

}  // namespace

bool SortExec::TopK() const { return fetch_ && *fetch_ <= kMaxTopK; }

Result<std::unique_ptr<SinkLocalState>> SortExec::MakeLocalState() {
  if (TopK()) return std::unique_ptr<SinkLocalState>(std::make_unique<TopKState>());
  return MaterializingExec::MakeLocalState();
}

Status SortExec::Consume(SinkLocalState* local, int partition, const RecordBatchPtr& batch) {
  if (!TopK()) return MaterializingExec::Consume(local, partition, batch);
  auto& s = static_cast<TopKState&>(*local);
  const int64_t n = batch->num_rows();
  const uint64_t batch_index = s.batches[partition]++;
  if (n == 0 || *fetch_ == 0) return Status::OK();
  // Candidates: the kept rows, then this batch's rows.
  const int64_t kept = s.rows ? s.rows->num_rows() : 0;
  std::vector<ArrayPtr> keys(keys_.size());
  for (size_t i = 0; i < keys_.size(); ++i) {
    QUIVER_ASSIGN_OR_RAISE(auto values, keys_[i].expr->EvaluateToArray(*batch));
    QUIVER_ASSIGN_OR_RAISE(keys[i], Append(kept ? s.keys[i] : nullptr, values));
  }
  std::vector<uint64_t> pos(n);
  for (int64_t r = 0; r < n; ++r) pos[r] = (batch_index << 32) | static_cast<uint64_t>(r);
  QUIVER_ASSIGN_OR_RAISE(auto new_part, Filled(static_cast<uint64_t>(partition), n));
  QUIVER_ASSIGN_OR_RAISE(auto new_pos, ArrayFromVector<uint64_t>(uint64(), pos));
  QUIVER_ASSIGN_OR_RAISE(auto part, Append(kept ? s.partition : nullptr, new_part));
  QUIVER_ASSIGN_OR_RAISE(auto position, Append(kept ? s.position : nullptr, new_pos));
  QUIVER_ASSIGN_OR_RAISE(auto best, Best(keys_, keys, part, position, *fetch_));
  // The winners' rows: some from the kept rows, some from the batch (their
  // order does not matter until Finalize sorts them).
  const auto& idx = static_cast<const UInt64Array&>(*best);
  std::vector<uint64_t> from_kept, from_batch;
  for (int64_t i = 0; i < idx.length(); ++i) {
    const int64_t v = static_cast<int64_t>(idx.Value(i));
    (v < kept ? from_kept : from_batch).push_back(v < kept ? v : v - kept);
  }
  // No row of the batch made it: the kept rows stay as they are.
  if (from_batch.empty()) return Status::OK();
  std::vector<RecordBatchPtr> parts;
  if (!from_kept.empty()) {
    QUIVER_ASSIGN_OR_RAISE(auto i, ArrayFromVector<uint64_t>(uint64(), from_kept));
    QUIVER_ASSIGN_OR_RAISE(auto t, compute::TakeBatch(s.rows, *i));
    parts.push_back(std::move(t));
  }
  if (!from_batch.empty()) {
    QUIVER_ASSIGN_OR_RAISE(auto i, ArrayFromVector<uint64_t>(uint64(), from_batch));
    QUIVER_ASSIGN_OR_RAISE(auto t, compute::TakeBatch(batch, *i));
    parts.push_back(std::move(t));
  }
  QUIVER_ASSIGN_OR_RAISE(s.rows, compute::ConcatenateBatches(schema(), parts));
  // The same winners' keys and positions, in the same order as the rows.
  std::vector<uint64_t> order = from_kept;
  for (uint64_t v : from_batch) order.push_back(v + kept);
  QUIVER_ASSIGN_OR_RAISE(auto order_arr, ArrayFromVector<uint64_t>(uint64(), order));
  for (size_t i = 0; i < keys.size(); ++i) {
    QUIVER_ASSIGN_OR_RAISE(keys[i], compute::Take(keys[i], *order_arr));
  }
  s.keys = std::move(keys);
  QUIVER_ASSIGN_OR_RAISE(s.partition, compute::Take(part, *order_arr));
  QUIVER_ASSIGN_OR_RAISE(s.position, compute::Take(position, *order_arr));
  return Status::OK();
}

Status SortExec::FinalizeTopK(std::vector<std::unique_ptr<SinkLocalState>> locals) {
  std::vector<RecordBatchPtr> rows;
  std::vector<std::vector<ArrayPtr>> keys(keys_.size());
  std::vector<ArrayPtr> parts, positions;
  for (auto& l : locals) {
    auto& s = static_cast<TopKState&>(*l);
    if (!s.rows || s.rows->num_rows() == 0) continue;
    rows.push_back(s.rows);
    for (size_t i = 0; i < keys_.size(); ++i) keys[i].push_back(s.keys[i]);
    parts.push_back(s.partition);
    positions.push_back(s.position);
  }
  if (rows.empty()) return Status::OK();
  QUIVER_ASSIGN_OR_RAISE(auto all, compute::ConcatenateBatches(schema(), rows));
  std::vector<ArrayPtr> all_keys(keys_.size());
  for (size_t i = 0; i < keys_.size(); ++i) {
    QUIVER_ASSIGN_OR_RAISE(all_keys[i], compute::Concatenate(keys[i]));
  }
  QUIVER_ASSIGN_OR_RAISE(auto part, compute::Concatenate(parts));
  QUIVER_ASSIGN_OR_RAISE(auto position, compute::Concatenate(positions));
  QUIVER_ASSIGN_OR_RAISE(auto best, Best(keys_, all_keys, part, position, *fetch_));
  QUIVER_ASSIGN_OR_RAISE(auto sorted, compute::TakeBatch(all, *best));
  output_.push_back(std::move(sorted));
  return Status::OK();
}

}  // namespace quiver
