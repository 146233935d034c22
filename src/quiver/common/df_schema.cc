#include "quiver/common/df_schema.h"

#include <algorithm>

#include "quiver/common/edit_distance.h"

namespace quiver {

DFSchema::DFSchema(std::vector<std::optional<TableReference>> qualifiers,
                   std::vector<FieldPtr> fields)
    : qualifiers_(std::move(qualifiers)), fields_(std::move(fields)) {}

DFSchemaPtr DFSchema::Empty() {
  static const DFSchemaPtr kEmpty = std::make_shared<DFSchema>();
  return kEmpty;
}

DFSchemaPtr DFSchema::FromArrow(const SchemaPtr& schema,
                                const std::optional<TableReference>& qualifier) {
  std::vector<std::optional<TableReference>> q(schema->num_fields(), qualifier);
  return std::make_shared<DFSchema>(std::move(q), schema->fields());
}

int DFSchema::FindIndex(const Column& c) const {
  int found = -1;
  for (int i = 0; i < num_fields(); ++i) {
    if (fields_[i]->name() != c.name) continue;
    if (c.relation) {
      if (!qualifiers_[i] || !c.relation->ResolvesTo(*qualifiers_[i])) continue;
    }
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

Result<int> DFSchema::IndexOf(const Column& c) const {
  int found = -1;
  int matches = 0;
  for (int i = 0; i < num_fields(); ++i) {
    if (fields_[i]->name() != c.name) continue;
    if (c.relation && (!qualifiers_[i] || !c.relation->ResolvesTo(*qualifiers_[i]))) continue;
    if (found < 0) found = i;
    ++matches;
  }
  if (matches == 1) return found;
  if (matches > 1) {
    // An unqualified name that matches one unqualified field wins over qualified ones.
    if (!c.relation) {
      int unqualified = -1, count = 0;
      for (int i = 0; i < num_fields(); ++i) {
        if (fields_[i]->name() == c.name && !qualifiers_[i]) {
          unqualified = i;
          ++count;
        }
      }
      if (count == 1) return unqualified;
    }
    return Status::Schema("Ambiguous reference to unqualified field " + c.name);
  }
  std::string msg = "No field named " + c.ToString() + ".";
  std::string best;
  size_t best_distance = SIZE_MAX;
  for (int i = 0; i < num_fields(); ++i) {
    size_t d = EditDistance(c.name, fields_[i]->name());
    if (d < best_distance) {
      best_distance = d;
      best = column(i).ToString();
    }
  }
  if (!best.empty() && best_distance <= std::max<size_t>(2, c.name.size() / 3)) {
    msg += " Did you mean '" + best + "'?";
  } else if (num_fields() > 0) {
    msg += " Valid fields are ";
    for (int i = 0; i < num_fields(); ++i) {
      if (i) msg += ", ";
      msg += column(i).ToString();
    }
    msg += ".";
  }
  return Status::Schema(msg);
}

DFSchemaPtr DFSchema::Join(const DFSchema& right) const {
  auto q = qualifiers_;
  auto f = fields_;
  q.insert(q.end(), right.qualifiers_.begin(), right.qualifiers_.end());
  f.insert(f.end(), right.fields_.begin(), right.fields_.end());
  return std::make_shared<DFSchema>(std::move(q), std::move(f));
}

DFSchemaPtr DFSchema::WithQualifier(const TableReference& qualifier) const {
  std::vector<std::optional<TableReference>> q(fields_.size(), qualifier);
  return std::make_shared<DFSchema>(std::move(q), fields_);
}

SchemaPtr DFSchema::ToArrow() const { return schema(fields_); }

std::string DFSchema::ToString() const {
  std::string out;
  for (int i = 0; i < num_fields(); ++i) {
    if (i) out += ", ";
    out += column(i).ToString() + ":" + fields_[i]->type()->ToString() +
           (fields_[i]->nullable() ? ";N" : "");
  }
  return out;
}

}  // namespace quiver
