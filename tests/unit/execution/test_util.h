// Helpers for end-to-end tests: run SQL, get rows as text.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quiver/arrow/pretty_print.h"
#include "quiver/execution/session_context.h"

namespace quiver::testing {

inline std::string SharedPath(const std::string& rel) {
  return std::string(QUIVER_SHARED_DIR) + "/" + rel;
}

inline std::string AggregateTestCsv() {
  return SharedPath("datafusion-tests/testing/data/csv/aggregate_test_100.csv");
}

/// Rows of `batches`, each cell as displayed ("NULL" for nulls), cells
/// joined by '|'.
inline std::vector<std::string> BatchRows(const std::vector<RecordBatchPtr>& batches) {
  std::vector<std::string> out;
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b->num_rows(); ++r) {
      std::string row;
      for (int c = 0; c < b->num_columns(); ++c) {
        if (c) row += "|";
        row += b->column(c)->IsNull(r) ? "NULL" : FormatValue(*b->column(c), r);
      }
      out.push_back(row);
    }
  }
  return out;
}

/// Rows of the result of `sql` (see BatchRows).
inline Result<std::vector<std::string>> Rows(SessionContext& ctx, const std::string& sql) {
  QUIVER_ASSIGN_OR_RAISE(auto df, ctx.Sql(sql));
  QUIVER_ASSIGN_OR_RAISE(auto batches, df.Collect());
  return BatchRows(batches);
}

/// The lines of `EXPLAIN sql`, joined by newlines; empty (and a test
/// failure) when it fails.
inline std::string Explain(SessionContext& ctx, const std::string& sql) {
  auto rows = Rows(ctx, "EXPLAIN " + sql);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::string all;
  if (rows.ok()) {
    for (const auto& r : *rows) all += r + "\n";
  }
  return all;
}

}  // namespace quiver::testing
