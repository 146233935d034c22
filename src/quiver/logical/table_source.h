// What the logical planner knows about a table: its schema and how far it
// can apply filters itself. TableProvider (the physical side) extends this.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiver/arrow/type.h"

namespace quiver {

struct Expr;

enum class FilterPushDown : uint8_t {
  kUnsupported,  // the scan cannot use the filter
  kInexact,      // the scan may use it to skip data; the filter stays above
  kExact,        // the scan applies it fully; the filter above can go
};

enum class TableType : uint8_t { kBase, kView, kTemporary };

/// Size of a table as far as known without reading it.
struct TableEstimate {
  double rows = 0;
  std::vector<double> distinct;  // per schema column; 0: unknown
};

class TableSource {
 public:
  virtual ~TableSource() = default;
  virtual SchemaPtr schema() const = 0;
  virtual TableType table_type() const { return TableType::kBase; }
  virtual FilterPushDown SupportsFilterPushDown(const Expr& filter) const {
    return FilterPushDown::kUnsupported;
  }
  /// The table's size for join ordering; nullopt when unknown.
  virtual std::optional<TableEstimate> Estimate() const { return std::nullopt; }
  /// Columns of the PRIMARY KEY declared by CREATE TABLE (empty when none).
  /// They determine every other column, so GROUP BY pk may select them.
  const std::vector<std::string>& primary_key() const { return primary_key_; }
  void set_primary_key(std::vector<std::string> columns) { primary_key_ = std::move(columns); }

 private:
  std::vector<std::string> primary_key_;
};

using TableSourcePtr = std::shared_ptr<TableSource>;

}  // namespace quiver
