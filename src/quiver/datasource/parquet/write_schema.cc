#include "quiver/datasource/parquet/write_schema.h"

#include <cmath>

#include "quiver/arrow/bit_util.h"

namespace quiver::parquet {

namespace {

// Smallest FIXED_LEN_BYTE_ARRAY width holding every decimal of `precision`.
int32_t DecimalBytes(int32_t precision) {
  return static_cast<int32_t>(std::ceil((precision * std::log2(10.0) + 1) / 8));
}

LogicalType Logical(LogicalType::Kind kind) {
  LogicalType t;
  t.kind = kind;
  return t;
}

Status LeafElement(const Field& f, SchemaElement* e, LeafSpec* spec) {
  const DataType& t = *f.type();
  auto set = [&](PhysicalType pt, StatOrder order) {
    e->type = pt;
    spec->type = pt;
    spec->order = order;
  };
  auto integer = [&](int bits, bool is_signed, ConvertedType ct) {
    LogicalType lt = Logical(LogicalType::kInteger);
    lt.bit_width = static_cast<int8_t>(bits);
    lt.is_signed = is_signed;
    e->logical_type = lt;
    e->converted_type = ct;
  };
  auto fixed_len = [&](int32_t len, StatOrder order) {
    set(PhysicalType::kFixedLenByteArray, order);
    e->type_length = len;
    spec->type_length = len;
  };
  switch (t.id()) {
    case TypeId::kNull:
      set(PhysicalType::kInt32, StatOrder::kNone);
      e->logical_type = Logical(LogicalType::kUnknown);
      return Status::OK();
    case TypeId::kBoolean: set(PhysicalType::kBoolean, StatOrder::kSigned); return Status::OK();
    case TypeId::kInt8:
      set(PhysicalType::kInt32, StatOrder::kSigned);
      integer(8, true, ConvertedType::kInt8);
      return Status::OK();
    case TypeId::kInt16:
      set(PhysicalType::kInt32, StatOrder::kSigned);
      integer(16, true, ConvertedType::kInt16);
      return Status::OK();
    case TypeId::kInt32: set(PhysicalType::kInt32, StatOrder::kSigned); return Status::OK();
    case TypeId::kInt64:
    case TypeId::kDuration: set(PhysicalType::kInt64, StatOrder::kSigned); return Status::OK();
    case TypeId::kUInt8:
      set(PhysicalType::kInt32, StatOrder::kUnsigned);
      integer(8, false, ConvertedType::kUint8);
      return Status::OK();
    case TypeId::kUInt16:
      set(PhysicalType::kInt32, StatOrder::kUnsigned);
      integer(16, false, ConvertedType::kUint16);
      return Status::OK();
    case TypeId::kUInt32:
      set(PhysicalType::kInt32, StatOrder::kUnsigned);
      integer(32, false, ConvertedType::kUint32);
      return Status::OK();
    case TypeId::kUInt64:
      set(PhysicalType::kInt64, StatOrder::kUnsigned);
      integer(64, false, ConvertedType::kUint64);
      return Status::OK();
    case TypeId::kFloat16:
      fixed_len(2, StatOrder::kNone);
      e->logical_type = Logical(LogicalType::kFloat16);
      return Status::OK();
    case TypeId::kFloat32: set(PhysicalType::kFloat, StatOrder::kFloat); return Status::OK();
    case TypeId::kFloat64: set(PhysicalType::kDouble, StatOrder::kFloat); return Status::OK();
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: {
      const int32_t p = t.precision();
      if (t.id() == TypeId::kDecimal128 && p <= 9) {
        set(PhysicalType::kInt32, StatOrder::kSigned);
      } else if (t.id() == TypeId::kDecimal128 && p <= 18) {
        set(PhysicalType::kInt64, StatOrder::kSigned);
      } else {
        fixed_len(DecimalBytes(p), StatOrder::kSignedBytes);
      }
      LogicalType lt = Logical(LogicalType::kDecimal);
      lt.decimal_precision = p;
      lt.decimal_scale = t.scale();
      e->logical_type = lt;
      e->converted_type = ConvertedType::kDecimal;
      e->precision = p;
      e->scale = t.scale();
      return Status::OK();
    }
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View:
      set(PhysicalType::kByteArray, StatOrder::kBytes);
      e->logical_type = Logical(LogicalType::kString);
      e->converted_type = ConvertedType::kUtf8;
      return Status::OK();
    case TypeId::kBinary:
    case TypeId::kLargeBinary:
    case TypeId::kBinaryView: set(PhysicalType::kByteArray, StatOrder::kBytes); return Status::OK();
    case TypeId::kFixedSizeBinary:
      fixed_len(t.byte_width(), StatOrder::kBytes);
      return Status::OK();
    case TypeId::kDate32:
    case TypeId::kDate64:
      set(PhysicalType::kInt32, StatOrder::kSigned);
      e->logical_type = Logical(LogicalType::kDate);
      e->converted_type = ConvertedType::kDate;
      return Status::OK();
    case TypeId::kTime32: {
      set(PhysicalType::kInt32, StatOrder::kSigned);
      LogicalType lt = Logical(LogicalType::kTime);
      lt.is_adjusted_to_utc = true;
      lt.unit = TimeUnit::kMillis;
      e->logical_type = lt;
      e->converted_type = ConvertedType::kTimeMillis;
      return Status::OK();
    }
    case TypeId::kTime64: {
      set(PhysicalType::kInt64, StatOrder::kSigned);
      LogicalType lt = Logical(LogicalType::kTime);
      lt.is_adjusted_to_utc = true;
      const bool micros = t.unit() == quiver::TimeUnit::kMicrosecond;
      lt.unit = micros ? TimeUnit::kMicros : TimeUnit::kNanos;
      e->logical_type = lt;
      if (micros) e->converted_type = ConvertedType::kTimeMicros;
      return Status::OK();
    }
    case TypeId::kTimestamp: {
      set(PhysicalType::kInt64, StatOrder::kSigned);
      LogicalType lt = Logical(LogicalType::kTimestamp);
      lt.is_adjusted_to_utc = !t.timezone().empty();
      switch (t.unit()) {
        case quiver::TimeUnit::kSecond:
        case quiver::TimeUnit::kMillisecond: lt.unit = TimeUnit::kMillis; break;
        case quiver::TimeUnit::kMicrosecond: lt.unit = TimeUnit::kMicros; break;
        default: lt.unit = TimeUnit::kNanos; break;
      }
      e->logical_type = lt;
      if (lt.is_adjusted_to_utc && lt.unit == TimeUnit::kMillis) {
        e->converted_type = ConvertedType::kTimestampMillis;
      }
      if (lt.is_adjusted_to_utc && lt.unit == TimeUnit::kMicros) {
        e->converted_type = ConvertedType::kTimestampMicros;
      }
      return Status::OK();
    }
    case TypeId::kInterval:
      if (t.interval_unit() != IntervalUnit::kMonthDayNano) break;
      fixed_len(12, StatOrder::kNone);
      e->converted_type = ConvertedType::kInterval;
      return Status::OK();
    default: break;
  }
  return Status::NotImplemented("writing Arrow " + t.ToString() + " to Parquet (column " +
                                f.name() + ")");
}

class SchemaBuilder {
 public:
  explicit SchemaBuilder(WriteSchema* out) : out_(out) {}

  Status Add(const Field& f, int16_t def, int16_t rep, std::vector<std::string>* path,
             WriteNode* node, bool repeated = false, int depth = 0) {
    if (depth > 64) return Status::NotImplemented("Parquet schema nesting too deep");
    const DataType& t = *f.type();
    node->nullable = f.nullable() && !repeated;
    if (node->nullable) ++def;
    node->def = def;
    SchemaElement e;
    e.name = f.name();
    e.repetition_type = repeated ? Repetition::kRepeated
                                 : (f.nullable() ? Repetition::kOptional : Repetition::kRequired);
    path->push_back(f.name());
    const DataType* vt = &t;
    if (t.id() == TypeId::kDictionary) vt = t.value_type().get();
    switch (vt->id()) {
      case TypeId::kStruct: {
        if (vt->num_fields() == 0)
          return Status::NotImplemented("writing an empty struct to Parquet");
        node->kind = WriteNode::kStruct;
        e.num_children = vt->num_fields();
        out_->elements.push_back(e);
        for (const auto& c : vt->fields()) {
          node->children.emplace_back();
          QUIVER_RETURN_NOT_OK(Add(*c, def, rep, path, &node->children.back(), false, depth + 1));
        }
        break;
      }
      case TypeId::kList:
      case TypeId::kLargeList:
      case TypeId::kFixedSizeList:
      case TypeId::kMap: {
        const bool is_map = vt->id() == TypeId::kMap;
        node->kind = is_map ? WriteNode::kMap : WriteNode::kList;
        node->rep_level = static_cast<int16_t>(rep + 1);
        e.num_children = 1;
        e.logical_type = Logical(is_map ? LogicalType::kMap : LogicalType::kList);
        e.converted_type = is_map ? ConvertedType::kMap : ConvertedType::kList;
        out_->elements.push_back(e);
        node->children.emplace_back();
        const Field& child = *vt->field(0);
        if (is_map) {
          // The repeated key_value group is the entries struct itself.
          auto entries = field("key_value", child.type(), false);
          QUIVER_RETURN_NOT_OK(Add(*entries, static_cast<int16_t>(def + 1), node->rep_level, path,
                                   &node->children.back(), true, depth + 1));
        } else {
          SchemaElement r;
          r.name = "list";
          r.repetition_type = Repetition::kRepeated;
          r.num_children = 1;
          out_->elements.push_back(r);
          path->push_back("list");
          QUIVER_RETURN_NOT_OK(Add(child, static_cast<int16_t>(def + 1), node->rep_level, path,
                                   &node->children.back(), false, depth + 1));
          path->pop_back();
        }
        break;
      }
      default: {
        node->kind = WriteNode::kLeaf;
        node->leaf = static_cast<int>(out_->leaves.size());
        LeafSpec spec;
        auto leaf_field =
            field(f.name(), t.id() == TypeId::kDictionary ? t.value_type() : f.type());
        QUIVER_RETURN_NOT_OK(LeafElement(*leaf_field, &e, &spec));
        spec.max_def = def;
        spec.max_rep = rep;
        spec.arrow_type = leaf_field->type();
        spec.path = *path;
        out_->elements.push_back(e);
        out_->leaves.push_back(std::move(spec));
        break;
      }
    }
    path->pop_back();
    return Status::OK();
  }

 private:
  WriteSchema* out_;
};

// Per-batch level buffers of one leaf.
struct LeafLevels {
  std::vector<int16_t> def, rep;
  std::vector<int64_t> idx;
  const ArrayData* values = nullptr;
};

// Whether slot `p` of dictionary array `a` refers to a null dictionary value.
bool NullDictionaryValue(const ArrayData& a, int64_t p) {
  const ArrayData* dict = a.dictionary.get();
  if (!dict || dict->buffers.empty() || !dict->buffers[0] || a.buffers.size() < 2) return false;
  const uint8_t* v = a.buffers[1]->data();
  int64_t k;
  switch (a.type->index_type()->id()) {
    case TypeId::kInt8: k = reinterpret_cast<const int8_t*>(v)[p]; break;
    case TypeId::kUInt8: k = v[p]; break;
    case TypeId::kInt16: k = reinterpret_cast<const int16_t*>(v)[p]; break;
    case TypeId::kUInt16: k = reinterpret_cast<const uint16_t*>(v)[p]; break;
    case TypeId::kInt32: k = reinterpret_cast<const int32_t*>(v)[p]; break;
    case TypeId::kUInt32: k = reinterpret_cast<const uint32_t*>(v)[p]; break;
    default: k = reinterpret_cast<const int64_t*>(v)[p]; break;
  }
  if (k < 0 || k >= dict->length) return false;  // the value conversion reports it
  return !bit_util::GetBit(dict->buffers[0]->data(), dict->offset + k);
}

class Shredder {
 public:
  explicit Shredder(std::vector<LeafLevels>* leaves) : leaves_(*leaves) {}

  // Visits slot `i` (logical index) of `a`, which node `n` describes.
  void Visit(const WriteNode& n, const ArrayData& a, int64_t i, int16_t d, int16_t r) {
    const int64_t p = a.offset + i;
    if (n.nullable) {
      const bool null =
          a.type->id() == TypeId::kNull ||
          (!a.buffers.empty() && a.buffers[0] && !bit_util::GetBit(a.buffers[0]->data(), p)) ||
          (a.type->id() == TypeId::kDictionary && NullDictionaryValue(a, p));
      if (null) {
        Empty(n, d, r);
        return;
      }
    }
    const int16_t nd = n.def;
    switch (n.kind) {
      case WriteNode::kLeaf: {
        LeafLevels& l = leaves_[n.leaf];
        l.values = &a;
        l.def.push_back(nd);
        l.rep.push_back(r);
        l.idx.push_back(i);
        return;
      }
      case WriteNode::kStruct:
        for (size_t c = 0; c < n.children.size(); ++c)
          Visit(n.children[c], *a.children[c], p, nd, r);
        return;
      case WriteNode::kList:
      case WriteNode::kMap: {
        int64_t b, e;
        switch (a.type->id()) {
          case TypeId::kLargeList:
            b = a.buffers[1]->data_as<int64_t>()[p];
            e = a.buffers[1]->data_as<int64_t>()[p + 1];
            break;
          case TypeId::kFixedSizeList:
            b = p * a.type->list_size();
            e = b + a.type->list_size();
            break;
          default:
            b = a.buffers[1]->data_as<int32_t>()[p];
            e = a.buffers[1]->data_as<int32_t>()[p + 1];
            break;
        }
        if (b == e) {
          Empty(n.children[0], nd, r);
          return;
        }
        for (int64_t k = b; k < e; ++k) {
          Visit(n.children[0], *a.children[0], k, static_cast<int16_t>(nd + 1),
                k == b ? r : n.rep_level);
        }
        return;
      }
    }
  }

 private:
  // Every leaf under `n` gets one level pair and no value.
  void Empty(const WriteNode& n, int16_t d, int16_t r) {
    if (n.kind == WriteNode::kLeaf) {
      leaves_[n.leaf].def.push_back(d);
      leaves_[n.leaf].rep.push_back(r);
      return;
    }
    for (const auto& c : n.children) Empty(c, d, r);
  }

  std::vector<LeafLevels>& leaves_;
};

void CollectLeaves(const WriteNode& n, std::vector<int>* out) {
  if (n.kind == WriteNode::kLeaf) out->push_back(n.leaf);
  for (const auto& c : n.children) CollectLeaves(c, out);
}

}  // namespace

Result<WriteSchema> BuildWriteSchema(const Schema& schema) {
  WriteSchema out;
  SchemaElement root;
  root.name = "schema";
  root.num_children = schema.num_fields();
  out.elements.push_back(root);
  SchemaBuilder b(&out);
  for (const auto& f : schema.fields()) {
    out.fields.emplace_back();
    std::vector<std::string> path;
    QUIVER_RETURN_NOT_OK(b.Add(*f, 0, 0, &path, &out.fields.back()));
  }
  return out;
}

Status ShredColumn(const WriteNode& field, const ArrayData& array,
                   std::vector<ColumnChunkBuilder>* builders) {
  if (field.kind == WriteNode::kLeaf) return (*builders)[field.leaf].AppendFlat(array);
  std::vector<int> leaves;
  CollectLeaves(field, &leaves);
  std::vector<LeafLevels> levels(builders->size());
  Shredder s(&levels);
  for (int64_t i = 0; i < array.length; ++i) s.Visit(field, array, i, 0, 0);
  for (int l : leaves) {
    LeafLevels& lv = levels[l];
    static const ArrayData kNone;
    const ArrayData& values = lv.values ? *lv.values : kNone;
    if (!lv.values && !lv.idx.empty()) return Status::Internal("leaf values missing");
    if (lv.idx.empty()) {
      QUIVER_RETURN_NOT_OK((*builders)[l].Append(
          lv.def.data(), lv.rep.data(), static_cast<int64_t>(lv.def.size()), values, nullptr, 0));
      continue;
    }
    QUIVER_RETURN_NOT_OK((*builders)[l].Append(lv.def.data(), lv.rep.data(),
                                               static_cast<int64_t>(lv.def.size()), values,
                                               lv.idx.data(), static_cast<int64_t>(lv.idx.size())));
  }
  return Status::OK();
}

}  // namespace quiver::parquet
