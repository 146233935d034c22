#include "quiver/datasource/parquet/arrow_schema.h"

namespace quiver::parquet {

namespace {

constexpr int kMaxSchemaDepth = 64;

Status BadSchema(const std::string& what) {
  return Status::IO("unsupported or corrupt Parquet schema: " + what);
}

// The flattened schema as a tree with levels.
struct Node {
  const SchemaElement* e = nullptr;
  std::vector<int> children;
  int16_t def = 0, rep = 0;
  int leaf = -1;
};

struct Tree {
  std::vector<Node> nodes;
  std::vector<LeafColumn> leaves;
};

Status BuildTree(const FileMetaData& md, size_t* pos, int16_t def, int16_t rep, int depth,
                 std::vector<std::string>* path, Tree* t, int* out) {
  if (depth > kMaxSchemaDepth) return BadSchema("nesting too deep");
  if (*pos >= md.schema.size()) return BadSchema("schema ends early");
  const SchemaElement& e = md.schema[*pos];
  int id = static_cast<int>(t->nodes.size());
  t->nodes.emplace_back();
  t->nodes[id].e = &e;
  if (depth > 0) {
    Repetition r = e.repetition_type.value_or(Repetition::kOptional);
    if (r == Repetition::kOptional) ++def;
    if (r == Repetition::kRepeated) ++def, ++rep;
    path->push_back(e.name);
  }
  t->nodes[id].def = def;
  t->nodes[id].rep = rep;
  ++*pos;
  int children = e.num_children.value_or(0);
  if (children < 0) return BadSchema("negative child count");
  if (depth > 0 && children == 0 && !e.type) return BadSchema("group " + e.name + " is empty");
  if (children == 0 && depth > 0) {
    t->nodes[id].leaf = static_cast<int>(t->leaves.size());
    t->leaves.push_back(LeafColumn{&e, def, rep, *path});
  }
  for (int c = 0; c < children; ++c) {
    int child;
    QUIVER_RETURN_NOT_OK(BuildTree(md, pos, def, rep, depth + 1, path, t, &child));
    t->nodes[id].children.push_back(child);
  }
  if (depth > 0) path->pop_back();
  *out = id;
  return Status::OK();
}

quiver::TimeUnit ArrowUnit(parquet::TimeUnit u) {
  switch (u) {
    case parquet::TimeUnit::kMillis: return quiver::TimeUnit::kMillisecond;
    case parquet::TimeUnit::kMicros: return quiver::TimeUnit::kMicrosecond;
    default: return quiver::TimeUnit::kNanosecond;
  }
}

Result<DataTypePtr> DecimalType(int32_t precision, int32_t scale) {
  if (precision <= 0 || precision > 76 || scale < 0 || scale > precision) {
    return BadSchema("decimal(" + std::to_string(precision) + ", " + std::to_string(scale) + ")");
  }
  return precision <= 38 ? decimal128(precision, scale) : decimal256(precision, scale);
}

bool IsList(const SchemaElement& e) {
  return (e.logical_type && e.logical_type->kind == LogicalType::kList) ||
         e.converted_type == ConvertedType::kList;
}
bool IsMap(const SchemaElement& e) {
  return (e.logical_type && e.logical_type->kind == LogicalType::kMap) ||
         e.converted_type == ConvertedType::kMap || e.converted_type == ConvertedType::kMapKeyValue;
}

class Planner {
 public:
  Planner(const Tree& t, quiver::TimeUnit int96_unit) : t_(t), int96_unit_(int96_unit) {}

  // `as_element`: the node is a repeated node already turned into a list by
  // its caller, so its repetition is not wrapped again.
  Result<FieldPlan> Plan(int n, int16_t slot_rep, int16_t slot_def, bool as_element, int depth) {
    if (depth > kMaxSchemaDepth) return BadSchema("nesting too deep");
    const Node& node = t_.nodes[n];
    const SchemaElement& e = *node.e;
    Repetition r = e.repetition_type.value_or(Repetition::kOptional);
    if (r == Repetition::kRepeated && !as_element) {
      // A repeated field without LIST annotation: a required list of it.
      FieldPlan list;
      list.kind = FieldPlan::kList;
      list.slot_rep = slot_rep;
      list.slot_def = slot_def;
      list.node_def = static_cast<int16_t>(node.def - 1);
      list.rep_def = node.def;
      list.rep_level = node.rep;
      QUIVER_ASSIGN_OR_RAISE(FieldPlan elem, Plan(n, node.rep, node.def, true, depth + 1));
      list.first_leaf = elem.first_leaf;
      list.field = field(e.name, quiver::list(elem.field->WithNullable(false)), false);
      list.children.push_back(std::move(elem));
      return list;
    }
    const bool nullable = r == Repetition::kOptional;
    FieldPlan p;
    p.slot_rep = slot_rep;
    p.slot_def = slot_def;
    p.node_def = node.def;
    if (node.children.empty()) {
      p.kind = FieldPlan::kLeaf;
      p.leaf = p.first_leaf = node.leaf;
      QUIVER_ASSIGN_OR_RAISE(DataTypePtr type, LeafArrowType(e, int96_unit_));
      p.field = field(e.name, type, nullable);
      return p;
    }
    if ((IsList(e) || IsMap(e)) && node.children.size() == 1 &&
        t_.nodes[node.children[0]].e->repetition_type == Repetition::kRepeated) {
      const int rn = node.children[0];
      const Node& rep = t_.nodes[rn];
      p.kind = FieldPlan::kList;
      p.rep_def = rep.def;
      p.rep_level = rep.rep;
      FieldPlan elem;
      bool is_map = IsMap(e) && rep.children.size() == 2;
      if (rep.children.empty() || rep.children.size() > 1 || is_map || rep.e->name == "array" ||
          rep.e->name == e.name + "_tuple") {
        // Two-level list (or map entries): the repeated node is the element.
        QUIVER_ASSIGN_OR_RAISE(elem, Plan(rn, rep.rep, rep.def, true, depth + 1));
      } else {
        QUIVER_ASSIGN_OR_RAISE(elem, Plan(rep.children[0], rep.rep, rep.def, false, depth + 1));
      }
      p.first_leaf = elem.first_leaf;
      if (is_map) {
        p.kind = FieldPlan::kMap;
        // Arrow map entries: non-null struct with a non-null key.
        const auto& kf = elem.field->type()->field(0);
        const auto& vf = elem.field->type()->field(1);
        auto entries = field(
            "entries",
            struct_({field("key", kf->type(), false), field("value", vf->type(), vf->nullable())}),
            false);
        p.field = field(e.name, quiver::map(entries), nullable);
      } else {
        p.field = field(e.name, quiver::list(elem.field), nullable);
      }
      p.children.push_back(std::move(elem));
      return p;
    }
    p.kind = FieldPlan::kStruct;
    std::vector<FieldPtr> fields;
    for (int c : node.children) {
      QUIVER_ASSIGN_OR_RAISE(FieldPlan child, Plan(c, slot_rep, slot_def, false, depth + 1));
      fields.push_back(child.field);
      p.children.push_back(std::move(child));
    }
    p.first_leaf = p.children[0].first_leaf;
    p.field = field(e.name, struct_(std::move(fields)), nullable && !as_element);
    return p;
  }

 private:
  const Tree& t_;
  quiver::TimeUnit int96_unit_;
};

}  // namespace

Result<DataTypePtr> LeafArrowType(const SchemaElement& e, quiver::TimeUnit int96_unit) {
  if (!e.type) return BadSchema("column " + e.name + " has no physical type");
  const PhysicalType pt = *e.type;
  const LogicalType* lt = e.logical_type ? &*e.logical_type : nullptr;
  const int kind = lt ? static_cast<int>(lt->kind) : 0;
  const auto ct = e.converted_type;
  if (kind == LogicalType::kUnknown) return null();
  if (kind == LogicalType::kDecimal ||
      (kind == LogicalType::kNone && ct == ConvertedType::kDecimal)) {
    const bool from_logical = lt && kind == LogicalType::kDecimal;
    int32_t prec = from_logical ? lt->decimal_precision : e.precision.value_or(0);
    int32_t scale = from_logical ? lt->decimal_scale : e.scale.value_or(0);
    if (pt == PhysicalType::kInt32 || pt == PhysicalType::kInt64 ||
        pt == PhysicalType::kByteArray || pt == PhysicalType::kFixedLenByteArray) {
      return DecimalType(prec, scale);
    }
  }
  switch (pt) {
    case PhysicalType::kBoolean: return boolean();
    case PhysicalType::kInt32:
      if (kind == LogicalType::kInteger) {
        switch (lt->bit_width) {
          case 8: return lt->is_signed ? int8() : uint8();
          case 16: return lt->is_signed ? int16() : uint16();
          case 32: return lt->is_signed ? int32() : uint32();
          default: return BadSchema("INT(" + std::to_string(lt->bit_width) + ") on INT32");
        }
      }
      if (kind == LogicalType::kDate) return date32();
      if (kind == LogicalType::kTime) {
        return lt->unit == parquet::TimeUnit::kMillis ? time32(quiver::TimeUnit::kMillisecond)
                                                      : int32();
      }
      if (kind == LogicalType::kNone && ct) {
        switch (*ct) {
          case ConvertedType::kInt8: return int8();
          case ConvertedType::kInt16: return int16();
          case ConvertedType::kUint8: return uint8();
          case ConvertedType::kUint16: return uint16();
          case ConvertedType::kUint32: return uint32();
          case ConvertedType::kDate: return date32();
          case ConvertedType::kTimeMillis: return time32(quiver::TimeUnit::kMillisecond);
          default: break;
        }
      }
      return int32();
    case PhysicalType::kInt64:
      if (kind == LogicalType::kInteger) return lt->is_signed ? int64() : uint64();
      if (kind == LogicalType::kTime) {
        return lt->unit == parquet::TimeUnit::kMillis ? int64() : time64(ArrowUnit(lt->unit));
      }
      if (kind == LogicalType::kTimestamp) {
        return timestamp(ArrowUnit(lt->unit), lt->is_adjusted_to_utc ? "UTC" : "");
      }
      if (kind == LogicalType::kNone && ct) {
        switch (*ct) {
          case ConvertedType::kUint64: return uint64();
          case ConvertedType::kTimeMicros: return time64(quiver::TimeUnit::kMicrosecond);
          case ConvertedType::kTimestampMillis:
            return timestamp(quiver::TimeUnit::kMillisecond, "UTC");
          case ConvertedType::kTimestampMicros:
            return timestamp(quiver::TimeUnit::kMicrosecond, "UTC");
          default: break;
        }
      }
      return int64();
    case PhysicalType::kInt96: return timestamp(int96_unit);
    case PhysicalType::kFloat: return float32();
    case PhysicalType::kDouble: return float64();
    case PhysicalType::kByteArray:
      if (kind == LogicalType::kString || kind == LogicalType::kEnum ||
          kind == LogicalType::kJson) {
        return utf8();
      }
      if (kind == LogicalType::kNone && (ct == ConvertedType::kUtf8 || ct == ConvertedType::kEnum ||
                                         ct == ConvertedType::kJson)) {
        return utf8();
      }
      return binary();
    case PhysicalType::kFixedLenByteArray: {
      int32_t len = e.type_length.value_or(-1);
      if (len < 0) return BadSchema("FIXED_LEN_BYTE_ARRAY " + e.name + " without length");
      if (kind == LogicalType::kFloat16 && len == 2) return float16();
      if (kind == LogicalType::kUuid && len == 16) return fixed_size_binary(16);
      if (ct == ConvertedType::kInterval && len == 12) {
        return interval(IntervalUnit::kMonthDayNano);
      }
      return fixed_size_binary(len);
    }
  }
  return BadSchema("unknown physical type");
}

Result<std::shared_ptr<const SchemaPlan>> BuildSchemaPlan(const FileMetaData& md,
                                                          quiver::TimeUnit int96_unit) {
  Tree t;
  size_t pos = 0;
  std::vector<std::string> path;
  int root;
  QUIVER_RETURN_NOT_OK(BuildTree(md, &pos, 0, 0, 0, &path, &t, &root));
  if (pos != md.schema.size()) return BadSchema("trailing schema elements");
  auto plan = std::make_shared<SchemaPlan>();
  Planner planner(t, int96_unit);
  std::vector<FieldPtr> fields;
  for (int c : t.nodes[root].children) {
    QUIVER_ASSIGN_OR_RAISE(FieldPlan f, planner.Plan(c, 0, 0, false, 1));
    fields.push_back(f.field);
    plan->fields.push_back(std::move(f));
  }
  plan->leaves = std::move(t.leaves);
  KeyValueMetadata meta;
  for (const auto& kv : md.key_value_metadata) {
    if (kv.key != "ARROW:schema") meta[kv.key] = kv.value.value_or("");
  }
  plan->schema = schema(std::move(fields), std::move(meta));
  return std::shared_ptr<const SchemaPlan>(std::move(plan));
}

}  // namespace quiver::parquet
