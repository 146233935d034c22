#include "quiver/datasource/avro/schema.h"

#include <cmath>
#include <map>
#include <set>

#include "quiver/common/json.h"

namespace quiver::avro {

namespace {

constexpr int kMaxDepth = 128;

Status SchemaError(const std::string& msg) { return Status::Schema("invalid Avro schema: " + msg); }

bool PrimitiveKind(std::string_view name, NodeKind* kind) {
  static const std::pair<const char*, NodeKind> kPrimitives[] = {
      {"null", NodeKind::kNull},   {"boolean", NodeKind::kBoolean}, {"int", NodeKind::kInt},
      {"long", NodeKind::kLong},   {"float", NodeKind::kFloat},     {"double", NodeKind::kDouble},
      {"bytes", NodeKind::kBytes}, {"string", NodeKind::kString},
  };
  for (const auto& [n, k] : kPrimitives) {
    if (name == n) {
      *kind = k;
      return true;
    }
  }
  return false;
}

// Largest decimal precision that a two's complement value of `bytes` holds.
int32_t MaxPrecision(int32_t bytes) {
  if (bytes <= 0) return 0;
  return static_cast<int32_t>(std::floor(std::log10(2.0) * (8.0 * bytes - 1)));
}

}  // namespace

class SchemaParser {
 public:
  explicit SchemaParser(Schema* out) : out_(out) {}

  Result<const Node*> ParseType(const json::Value& v, const std::string& ns, int depth) {
    if (depth > kMaxDepth) return SchemaError("nesting too deep");
    if (v.is_string()) return Named(v.string(), ns);
    if (v.is_array()) return ParseUnion(v, ns, depth);
    if (!v.is_object()) {
      return SchemaError(std::string("a type must be a string, object or array, found ") +
                         json::KindName(v.kind()));
    }
    const json::Value* type = v.Find("type");
    if (!type) return SchemaError("object without \"type\": " + Short(v));
    if (!type->is_string()) {
      // {"type": {...}} or {"type": [...]}: the nested type itself.
      return ParseType(*type, ns, depth + 1);
    }
    const std::string& t = type->string();
    NodeKind kind;
    if (PrimitiveKind(t, &kind)) {
      Node* n = NewNode(kind);
      ApplyLogical(v, n);
      return n;
    }
    if (t == "record" || t == "error") return ParseRecord(v, ns, depth);
    if (t == "enum") return ParseEnum(v, ns);
    if (t == "fixed") return ParseFixed(v, ns);
    if (t == "array" || t == "map") {
      const char* key = t == "array" ? "items" : "values";
      const json::Value* items = v.Find(key);
      if (!items) return SchemaError(t + " without \"" + key + "\"");
      Node* n = NewNode(t == "array" ? NodeKind::kArray : NodeKind::kMap);
      QUIVER_ASSIGN_OR_RAISE(const Node* child, ParseType(*items, ns, depth + 1));
      n->children.push_back(child);
      return n;
    }
    return Named(t, ns);
  }

  Node* NewNode(NodeKind kind) {
    out_->nodes_.push_back(std::make_unique<Node>());
    out_->nodes_.back()->kind = kind;
    return out_->nodes_.back().get();
  }

 private:
  static std::string Short(const json::Value& v) {
    std::string s = v.ToString();
    return s.size() > 80 ? s.substr(0, 77) + "..." : s;
  }

  // A primitive name or a reference to a named type defined earlier.
  Result<const Node*> Named(const std::string& name, const std::string& ns) {
    NodeKind kind;
    if (PrimitiveKind(name, &kind)) return static_cast<const Node*>(NewNode(kind));
    if (name.find('.') == std::string::npos && !ns.empty()) {
      auto it = named_.find(ns + "." + name);
      if (it != named_.end()) return it->second;
    }
    auto it = named_.find(name);
    if (it != named_.end()) return it->second;
    return SchemaError("unknown type \"" + name + "\"");
  }

  // Full name and the namespace it defines for nested definitions.
  Result<std::string> FullName(const json::Value& v, const std::string& ns, std::string* new_ns) {
    const json::Value* name = v.Find("name");
    if (!name || !name->is_string() || name->string().empty()) {
      return SchemaError("named type without a \"name\": " + Short(v));
    }
    std::string full = name->string();
    if (full.find('.') == std::string::npos) {
      const json::Value* space = v.Find("namespace");
      std::string n = space && space->is_string() ? space->string() : ns;
      if (!n.empty()) full = n + "." + full;
    }
    const size_t dot = full.rfind('.');
    *new_ns = dot == std::string::npos ? "" : full.substr(0, dot);
    return full;
  }

  Status Define(const std::string& full, Node* n) {
    if (!named_.emplace(full, n).second) return SchemaError("type \"" + full + "\" defined twice");
    n->name = full;
    return Status::OK();
  }

  Result<const Node*> ParseRecord(const json::Value& v, const std::string& ns, int depth) {
    std::string inner_ns;
    QUIVER_ASSIGN_OR_RAISE(std::string full, FullName(v, ns, &inner_ns));
    Node* n = NewNode(NodeKind::kRecord);
    // Defined before its fields so that they may refer to it.
    QUIVER_RETURN_NOT_OK(Define(full, n));
    const json::Value* fields = v.Find("fields");
    if (!fields || !fields->is_array()) return SchemaError("record " + full + " without fields");
    for (const auto& f : fields->array()) {
      const json::Value* fname = f.Find("name");
      const json::Value* ftype = f.Find("type");
      if (!fname || !fname->is_string() || !ftype) {
        return SchemaError("record " + full + " has a field without name or type");
      }
      for (const auto& existing : n->field_names) {
        if (existing == fname->string()) {
          return SchemaError("record " + full + " has two fields named " + existing);
        }
      }
      QUIVER_ASSIGN_OR_RAISE(const Node* child, ParseType(*ftype, inner_ns, depth + 1));
      n->field_names.push_back(fname->string());
      n->children.push_back(child);
    }
    return n;
  }

  Result<const Node*> ParseEnum(const json::Value& v, const std::string& ns) {
    std::string inner_ns;
    QUIVER_ASSIGN_OR_RAISE(std::string full, FullName(v, ns, &inner_ns));
    Node* n = NewNode(NodeKind::kEnum);
    QUIVER_RETURN_NOT_OK(Define(full, n));
    const json::Value* symbols = v.Find("symbols");
    if (!symbols || !symbols->is_array()) return SchemaError("enum " + full + " without symbols");
    for (const auto& s : symbols->array()) {
      if (!s.is_string()) return SchemaError("enum " + full + " has a non-string symbol");
      n->symbols.push_back(s.string());
    }
    return n;
  }

  Result<const Node*> ParseFixed(const json::Value& v, const std::string& ns) {
    std::string inner_ns;
    QUIVER_ASSIGN_OR_RAISE(std::string full, FullName(v, ns, &inner_ns));
    Node* n = NewNode(NodeKind::kFixed);
    QUIVER_RETURN_NOT_OK(Define(full, n));
    const json::Value* size = v.Find("size");
    if (!size) return SchemaError("fixed " + full + " without size");
    auto sz = size->ToInt64();
    if (!sz.ok() || *sz < 0 || *sz > (1 << 30)) {
      return SchemaError("fixed " + full + " has an invalid size " + size->ToString());
    }
    n->size = static_cast<int32_t>(*sz);
    ApplyLogical(v, n);
    return n;
  }

  Result<const Node*> ParseUnion(const json::Value& v, const std::string& ns, int depth) {
    Node* n = NewNode(NodeKind::kUnion);
    for (const auto& b : v.array()) {
      QUIVER_ASSIGN_OR_RAISE(const Node* child, ParseType(b, ns, depth + 1));
      if (child->kind == NodeKind::kUnion) return SchemaError("a union directly inside a union");
      n->children.push_back(child);
    }
    if (n->children.empty()) return SchemaError("empty union");
    return n;
  }

  // A logical type that does not fit its underlying type is ignored, as the
  // specification asks; the value reads as the underlying type.
  static void ApplyLogical(const json::Value& v, Node* n) {
    const json::Value* lt = v.Find("logicalType");
    if (!lt || !lt->is_string()) return;
    const std::string& t = lt->string();
    const NodeKind k = n->kind;
    auto set_if = [&](bool ok, Logical l) {
      if (ok) n->logical = l;
    };
    if (t == "decimal") {
      if (k != NodeKind::kBytes && k != NodeKind::kFixed) return;
      const json::Value* p = v.Find("precision");
      const json::Value* s = v.Find("scale");
      auto precision = p ? p->ToInt64() : Result<int64_t>(Status::Schema(""));
      auto scale = s ? s->ToInt64() : Result<int64_t>(int64_t{0});
      if (!precision.ok() || !scale.ok() || *precision <= 0 || *precision > 76 || *scale < 0 ||
          *scale > *precision) {
        return;
      }
      if (k == NodeKind::kFixed && *precision > MaxPrecision(n->size)) return;
      n->logical = Logical::kDecimal;
      n->precision = static_cast<int32_t>(*precision);
      n->scale = static_cast<int32_t>(*scale);
    } else if (t == "uuid") {
      set_if(k == NodeKind::kString || (k == NodeKind::kFixed && n->size == 16), Logical::kUuid);
    } else if (t == "date") {
      set_if(k == NodeKind::kInt, Logical::kDate);
    } else if (t == "time-millis") {
      set_if(k == NodeKind::kInt, Logical::kTimeMillis);
    } else if (t == "time-micros") {
      set_if(k == NodeKind::kLong, Logical::kTimeMicros);
    } else if (t == "timestamp-millis") {
      set_if(k == NodeKind::kLong, Logical::kTimestampMillis);
    } else if (t == "timestamp-micros") {
      set_if(k == NodeKind::kLong, Logical::kTimestampMicros);
    } else if (t == "timestamp-nanos") {
      set_if(k == NodeKind::kLong, Logical::kTimestampNanos);
    } else if (t == "local-timestamp-millis") {
      set_if(k == NodeKind::kLong, Logical::kLocalTimestampMillis);
    } else if (t == "local-timestamp-micros") {
      set_if(k == NodeKind::kLong, Logical::kLocalTimestampMicros);
    } else if (t == "local-timestamp-nanos") {
      set_if(k == NodeKind::kLong, Logical::kLocalTimestampNanos);
    } else if (t == "duration") {
      set_if(k == NodeKind::kFixed && n->size == 12, Logical::kDuration);
    }
  }

  Schema* out_;
  std::map<std::string, const Node*> named_;
};

Result<std::shared_ptr<const Schema>> Schema::Parse(std::string_view text) {
  auto doc = json::Parse(text);
  if (!doc.ok()) return SchemaError(doc.status().message());
  auto schema = std::shared_ptr<Schema>(new Schema());
  SchemaParser parser(schema.get());
  QUIVER_ASSIGN_OR_RAISE(schema->root_, parser.ParseType(*doc, "", 0));
  return std::shared_ptr<const Schema>(std::move(schema));
}

int NullableBranch(const Node& node) {
  if (node.kind != NodeKind::kUnion || node.children.size() != 2) return -1;
  const bool null0 = node.children[0]->kind == NodeKind::kNull;
  const bool null1 = node.children[1]->kind == NodeKind::kNull;
  if (null0 == null1) return -1;
  return null0 ? 1 : 0;
}

namespace {

// Records being expanded (a recursive record has no Arrow form), and how many
// more fields may be made: shared named types could otherwise expand a small
// schema into an exponentially large type.
struct Expansion {
  std::set<const Node*> open;
  int64_t budget = 100000;
};

Result<DataTypePtr> ToArrowType(const Node& node, Expansion* open, int depth);

Result<FieldPtr> ToField(const std::string& name, const Node& node, Expansion* open, int depth) {
  if (--open->budget < 0) {
    return Status::NotImplemented("Avro schema expands to more than 100000 fields");
  }
  const int branch = NullableBranch(node);
  const Node& value = branch >= 0 ? *node.children[branch] : node;
  QUIVER_ASSIGN_OR_RAISE(DataTypePtr type, ToArrowType(value, open, depth));
  return field(name, std::move(type), branch >= 0 || value.kind == NodeKind::kNull);
}

Result<DataTypePtr> ToArrowType(const Node& node, Expansion* open, int depth) {
  if (depth > kMaxDepth) return Status::NotImplemented("Avro schema nested too deeply");
  switch (node.kind) {
    case NodeKind::kNull: return null();
    case NodeKind::kBoolean: return boolean();
    case NodeKind::kInt:
      switch (node.logical) {
        case Logical::kDate: return date32();
        case Logical::kTimeMillis: return time32(TimeUnit::kMillisecond);
        default: return int32();
      }
    case NodeKind::kLong:
      switch (node.logical) {
        case Logical::kTimeMicros: return time64(TimeUnit::kMicrosecond);
        case Logical::kTimestampMillis: return timestamp(TimeUnit::kMillisecond, "+00:00");
        case Logical::kTimestampMicros: return timestamp(TimeUnit::kMicrosecond, "+00:00");
        case Logical::kTimestampNanos: return timestamp(TimeUnit::kNanosecond, "+00:00");
        case Logical::kLocalTimestampMillis: return timestamp(TimeUnit::kMillisecond);
        case Logical::kLocalTimestampMicros: return timestamp(TimeUnit::kMicrosecond);
        case Logical::kLocalTimestampNanos: return timestamp(TimeUnit::kNanosecond);
        default: return int64();
      }
    case NodeKind::kFloat: return float32();
    case NodeKind::kDouble: return float64();
    case NodeKind::kBytes:
    case NodeKind::kFixed:
      if (node.logical == Logical::kDecimal) {
        return node.precision <= 38 ? decimal128(node.precision, node.scale)
                                    : decimal256(node.precision, node.scale);
      }
      if (node.logical == Logical::kDuration) return interval(IntervalUnit::kMonthDayNano);
      if (node.kind == NodeKind::kFixed) return fixed_size_binary(node.size);
      return binary();
    case NodeKind::kString: return utf8();
    case NodeKind::kEnum: return utf8();
    case NodeKind::kArray: {
      QUIVER_ASSIGN_OR_RAISE(FieldPtr item, ToField("item", *node.children[0], open, depth + 1));
      return list(std::move(item));
    }
    case NodeKind::kMap: {
      QUIVER_ASSIGN_OR_RAISE(FieldPtr value, ToField("value", *node.children[0], open, depth + 1));
      auto entries =
          field("entries", struct_({field("key", utf8(), false), std::move(value)}), false);
      return map(std::move(entries));
    }
    case NodeKind::kRecord: {
      if (!open->open.insert(&node).second) {
        return Status::NotImplemented("recursive Avro record " + node.name +
                                      " has no Arrow equivalent");
      }
      std::vector<FieldPtr> fields;
      for (size_t i = 0; i < node.children.size(); ++i) {
        QUIVER_ASSIGN_OR_RAISE(FieldPtr f,
                               ToField(node.field_names[i], *node.children[i], open, depth + 1));
        fields.push_back(std::move(f));
      }
      open->open.erase(&node);
      return struct_(std::move(fields));
    }
    case NodeKind::kUnion:
      return Status::NotImplemented(
          "Avro unions other than [\"null\", T] are not supported (a union of " +
          std::to_string(node.children.size()) + " branches)");
  }
  return Status::Internal("unknown Avro node kind");
}

}  // namespace

Result<FieldPtr> ToArrowField(const std::string& name, const Node& node) {
  Expansion open;
  return ToField(name, node, &open, 0);
}

Result<SchemaPtr> ToArrowSchema(const Schema& schema) {
  const Node& root = schema.root();
  if (root.kind != NodeKind::kRecord) {
    return Status::NotImplemented("Avro files whose top-level schema is not a record");
  }
  Expansion open;
  open.open.insert(&root);
  std::vector<FieldPtr> fields;
  for (size_t i = 0; i < root.children.size(); ++i) {
    QUIVER_ASSIGN_OR_RAISE(FieldPtr f, ToField(root.field_names[i], *root.children[i], &open, 1));
    fields.push_back(std::move(f));
  }
  return quiver::schema(std::move(fields));
}

}  // namespace quiver::avro
