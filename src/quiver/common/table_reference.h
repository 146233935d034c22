// Names of tables and columns as the planner resolves them.
#pragma once

#include <optional>
#include <string>

namespace quiver {

/// `table`, `schema.table` or `catalog.schema.table`.
struct TableReference {
  std::string catalog;  // empty when not given
  std::string schema;   // empty when not given
  std::string table;

  static TableReference Bare(std::string table) { return {"", "", std::move(table)}; }
  bool operator==(const TableReference& o) const = default;
  /// Matches a qualifier written with fewer parts (`t` matches `public.t`).
  bool ResolvesTo(const TableReference& full) const;
  std::string ToString() const;
};

/// A column reference, optionally qualified by its relation.
struct Column {
  std::optional<TableReference> relation;
  std::string name;

  static Column Named(std::string name) { return {std::nullopt, std::move(name)}; }
  bool operator==(const Column& o) const = default;
  std::string ToString() const;  // `t.a` or `a`
};

}  // namespace quiver
