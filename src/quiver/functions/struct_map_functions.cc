// Structs and maps: struct(...), named_struct(...), get_field (s.f, s['f'],
// m['k']), map(keys, values) / make_map(k, v, ...), map_extract, map_keys,
// map_values. named_struct and get_field depend on constant arguments and
// bind to them at planning time (ScalarUDF::Bind).
#include "quiver/functions/array_functions_internal.h"
#include "quiver/logical/expr.h"

namespace quiver::functions {

namespace {

using Types = std::vector<DataTypePtr>;
namespace ci = compute::internal;

/// The argument as a full column of n rows (scalars repeated).
Result<ArrayPtr> Broadcast(const Datum& d, int64_t n) {
  if (!d.is_scalar || n == 1) return d.array;
  return ci::TakeInt64(d.array, std::vector<int64_t>(n, 0));
}

Result<Datum> BuildStruct(const std::vector<Datum>& values, const DataTypePtr& type,
                          int64_t num_rows, const std::vector<Datum>& all_args) {
  const int64_t n = OutputLength(all_args, num_rows);
  std::vector<ArrayDataPtr> children;
  for (size_t i = 0; i < values.size(); ++i) {
    QUIVER_ASSIGN_OR_RAISE(auto c, Broadcast(values[i], n));
    const DataTypePtr& want = type->field(static_cast<int>(i))->type();
    if (!c->type()->Equals(*want)) {
      QUIVER_ASSIGN_OR_RAISE(c, compute::Cast(c, want));
    }
    children.push_back(c->data());
  }
  auto out = ci::MakeArrayFromBuffers(type, n, nullptr, {}, std::move(children));
  return Wrap(std::move(out), all_args);
}

class NamedStruct : public ScalarUDF {
 public:
  explicit NamedStruct(std::vector<std::string> names = {}) : names_(std::move(names)) {}
  std::string name() const override { return "named_struct"; }
  Result<std::shared_ptr<const ScalarUDF>> Bind(
      const std::vector<std::shared_ptr<const Expr>>& args) const override {
    if (args.empty()) {
      return Status::Execution(
          "named_struct requires at least one pair of arguments, got 0 "
          "instead");
    }
    if (args.size() % 2 != 0) {
      return Status::Execution("named_struct requires an even number of arguments, got " +
                               std::to_string(args.size()) + " instead");
    }
    std::vector<std::string> names;
    for (size_t i = 0; i < args.size(); i += 2) {
      const auto& a = args[i];
      if (a->kind != ExprKind::kLiteral || !a->literal.type()->is_string() ||
          a->literal.is_null()) {
        return Status::Execution("named_struct even arguments must be string literals, got " +
                                 a->ToString() + " instead at position " + std::to_string(i));
      }
      names.emplace_back(a->literal.GetString());
    }
    return std::shared_ptr<const ScalarUDF>(std::make_shared<NamedStruct>(std::move(names)));
  }
  Result<DataTypePtr> ReturnType(const Types& a) const override {
    if (names_.size() * 2 != a.size()) {
      return Status::Execution("named_struct requires an even number of arguments, got " +
                               std::to_string(a.size()) + " instead");
    }
    std::vector<FieldPtr> fields;
    for (size_t i = 0; i < names_.size(); ++i) fields.push_back(field(names_[i], a[2 * i + 1]));
    return struct_(std::move(fields));
  }
  Result<Datum> Invoke(const std::vector<Datum>& a, int64_t n) const override {
    std::vector<Datum> values;
    for (size_t i = 1; i < a.size(); i += 2) values.push_back(a[i]);
    QUIVER_ASSIGN_OR_RAISE(auto type, ReturnType([&] {
                             Types all;
                             for (const auto& d : a) all.push_back(d.type());
                             return all;
                           }()));
    return BuildStruct(values, type, n, a);
  }

 private:
  std::vector<std::string> names_;
};

/// get_field(struct, 'name') / get_field(map, key).
class GetField : public ScalarUDF {
 public:
  explicit GetField(std::optional<ScalarValue> key = std::nullopt) : key_(std::move(key)) {}
  std::string name() const override { return "get_field"; }
  Result<std::shared_ptr<const ScalarUDF>> Bind(
      const std::vector<std::shared_ptr<const Expr>>& args) const override {
    if (args.size() != 2) {
      return Status::Plan("get_field function requires 2 arguments, got " +
                          std::to_string(args.size()));
    }
    if (args[1]->kind != ExprKind::kLiteral) {
      return Status::Plan("get_field requires a constant field name, got " + args[1]->ToString());
    }
    return std::shared_ptr<const ScalarUDF>(std::make_shared<GetField>(args[1]->literal));
  }
  Result<Types> CoerceTypes(const Types& a) const override {
    if (a.size() != 2) return Status::Plan("get_field function requires 2 arguments");
    Types out = a;
    if (a[0]->id() == TypeId::kMap) {
      // The key meets the map's key type.
      out[1] = a[0]->field(0)->type()->field(0)->type();
    }
    return out;
  }
  Result<DataTypePtr> ReturnType(const Types& a) const override {
    if (a[0]->id() == TypeId::kStruct) {
      QUIVER_ASSIGN_OR_RAISE(int idx, FieldIndex(*a[0]));
      return a[0]->field(idx)->type();
    }
    if (a[0]->id() == TypeId::kMap) return a[0]->field(0)->type()->field(1)->type();
    if (a[0]->id() == TypeId::kNull) return null();
    return Status::Plan(
        "The expression to get an indexed field is only valid for `Struct`, "
        "`Map` or `Null` types, got " +
        a[0]->ToString());
  }
  Result<Datum> Invoke(const std::vector<Datum>& a, int64_t num_rows) const override {
    const int64_t n = a[0].is_scalar ? 1 : a[0].length();
    const ArrayPtr& base = a[0].array;
    std::vector<int64_t> take(n, -1);
    ArrayPtr source;
    if (base->type_id() == TypeId::kNull) {
      return Datum{base, a[0].is_scalar};
    }
    if (base->type_id() == TypeId::kStruct) {
      QUIVER_ASSIGN_OR_RAISE(int idx, FieldIndex(*base->type()));
      source = static_cast<const StructArray&>(*base).field(idx);
      for (int64_t i = 0; i < n; ++i) take[i] = base->IsNull(i) ? -1 : i;
    } else {
      ListReader entries(Datum::Array(base));
      const auto& kv = entries.values()->data();
      ArrayPtr keys = MakeArray(kv->children[0])->Slice(0);
      source = MakeArray(kv->children[1]);
      if (kv->offset != 0) {
        keys = keys->Slice(kv->offset, kv->length);
        source = source->Slice(kv->offset, kv->length);
      }
      QUIVER_ASSIGN_OR_RAISE(auto want, compute::Cast(a[1].array, keys->type()));
      QUIVER_ASSIGN_OR_RAISE(auto eq, ElementEq::Make(keys, want));
      for (int64_t i = 0; i < n; ++i) {
        if (entries.IsNull(i) || want->IsNull(a[1].is_scalar ? 0 : i)) continue;
        for (int64_t p = entries.Start(i); p < entries.End(i); ++p) {
          if (eq.Equal(p, a[1].is_scalar ? 0 : i)) {
            take[i] = p;
            break;
          }
        }
      }
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, ci::TakeInt64(source, take));
    return Datum{out, a[0].is_scalar};
  }

 private:
  Result<int> FieldIndex(const DataType& t) const {
    if (!key_ || key_->is_null() || !key_->type()->is_string()) {
      return Status::Plan("Field name for struct access must be a non-null string, got " +
                          (key_ ? key_->ToString() : std::string("nothing")));
    }
    const std::string name(key_->GetString());
    for (int i = 0; i < t.num_fields(); ++i) {
      if (t.field(i)->name() == name) return i;
    }
    std::string valid;
    for (int i = 0; i < t.num_fields(); ++i) valid += (i ? ", " : "") + t.field(i)->name();
    return Status::Plan("Field " + name + " not found in struct. Valid fields: " + valid);
  }
  std::optional<ScalarValue> key_;
};

DataTypePtr MapType(const DataTypePtr& k, const DataTypePtr& v) { return map(k, v); }

/// A Map column from per-row entry ranges over flat key and value arrays.
Result<ArrayPtr> MakeMapArray(const DataTypePtr& type, const std::vector<int64_t>& offsets,
                              const std::vector<uint8_t>& valid, const ArrayPtr& keys,
                              const ArrayPtr& values) {
  const DataTypePtr& entry_type = type->field(0)->type();
  ArrayPtr k = keys, v = values;
  if (!k->type()->Equals(*entry_type->field(0)->type())) {
    QUIVER_ASSIGN_OR_RAISE(k, compute::Cast(k, entry_type->field(0)->type()));
  }
  if (!v->type()->Equals(*entry_type->field(1)->type())) {
    QUIVER_ASSIGN_OR_RAISE(v, compute::Cast(v, entry_type->field(1)->type()));
  }
  if (k->null_count() > 0) return Status::Execution("map key cannot be null");
  auto entries =
      ci::MakeArrayFromBuffers(entry_type, k->length(), nullptr, {}, {k->data(), v->data()});
  return MakeListArray(type, offsets, valid, entries);
}

void RegisterStructFunctions(FunctionRegistry* r) {
  FunctionSpec s;
  s.name = "struct";
  s.aliases = {"row"};
  s.coerce = [](const Types& a) -> Result<Types> {
    if (a.empty()) return Status::Plan("struct requires at least one argument");
    return a;
  };
  s.return_type = [](const Types& a) -> Result<DataTypePtr> {
    std::vector<FieldPtr> fields;
    for (size_t i = 0; i < a.size(); ++i) fields.push_back(field("c" + std::to_string(i), a[i]));
    return struct_(std::move(fields));
  };
  s.invoke = [](const std::vector<Datum>& a, int64_t n) -> Result<Datum> {
    std::vector<FieldPtr> fields;
    for (size_t i = 0; i < a.size(); ++i) {
      fields.push_back(field("c" + std::to_string(i), a[i].type()));
    }
    return BuildStruct(a, struct_(std::move(fields)), n, a);
  };
  RegisterSpec(r, std::move(s));
  r->Register(std::make_shared<NamedStruct>());
  r->Register(std::make_shared<GetField>());
}

void RegisterMapFunctions(FunctionRegistry* r) {
  FunctionSpec m;
  m.name = "map";
  m.coerce = [](const Types& a) -> Result<Types> {
    if (a.size() != 2) return Status::Plan("map requires exactly 2 arguments (keys, values)");
    QUIVER_ASSIGN_OR_RAISE(auto k, CoerceListArg("map", a[0]));
    QUIVER_ASSIGN_OR_RAISE(auto v, CoerceListArg("map", a[1]));
    return Types{list(ElementType(k)), list(ElementType(v))};
  };
  m.return_type = [](const Types& a) -> Result<DataTypePtr> {
    return MapType(ElementType(a[0]), ElementType(a[1]));
  };
  m.invoke = [](const std::vector<Datum>& a, int64_t num_rows) -> Result<Datum> {
    const int64_t n = OutputLength(a, num_rows);
    ListReader keys(a[0]), vals(a[1]);
    std::vector<int64_t> kidx, vidx, offsets{0};
    std::vector<uint8_t> valid(n, 1);
    for (int64_t i = 0; i < n; ++i) {
      if (keys.IsNull(i)) {
        valid[i] = 0;
      } else {
        if (vals.IsNull(i) || keys.Length(i) != vals.Length(i)) {
          return Status::Execution("map requires key and value lists to have the same length");
        }
        for (int64_t p = 0; p < keys.Length(i); ++p) {
          kidx.push_back(keys.Start(i) + p);
          vidx.push_back(vals.Start(i) + p);
        }
      }
      offsets.push_back(static_cast<int64_t>(kidx.size()));
    }
    QUIVER_ASSIGN_OR_RAISE(auto k, ci::TakeInt64(keys.values(), kidx));
    QUIVER_ASSIGN_OR_RAISE(auto v, ci::TakeInt64(vals.values(), vidx));
    DataTypePtr type = MapType(ElementType(a[0].type()), ElementType(a[1].type()));
    QUIVER_ASSIGN_OR_RAISE(auto out, MakeMapArray(type, offsets, valid, k, v));
    return Wrap(std::move(out), a);
  };
  RegisterSpec(r, std::move(m));

  FunctionSpec mm;
  mm.name = "make_map";
  mm.coerce = [](const Types& a) -> Result<Types> {
    if (a.empty() || a.size() % 2 != 0) {
      return Status::Plan("make_map requires an even number of arguments, got " +
                          std::to_string(a.size()));
    }
    Types ks, vs;
    for (size_t i = 0; i < a.size(); i += 2) {
      ks.push_back(a[i]);
      vs.push_back(a[i + 1]);
    }
    QUIVER_ASSIGN_OR_RAISE(auto k, CommonElementType(ks, "make_map"));
    QUIVER_ASSIGN_OR_RAISE(auto v, CommonElementType(vs, "make_map"));
    Types out;
    for (size_t i = 0; i < a.size(); i += 2) {
      out.push_back(k);
      out.push_back(v);
    }
    return out;
  };
  mm.return_type = [](const Types& a) -> Result<DataTypePtr> { return MapType(a[0], a[1]); };
  mm.invoke = [](const std::vector<Datum>& a, int64_t num_rows) -> Result<Datum> {
    const int64_t n = OutputLength(a, num_rows);
    std::vector<ArrayPtr> ks, vs;
    for (size_t i = 0; i < a.size(); i += 2) {
      ks.push_back(a[i].array);
      vs.push_back(a[i + 1].array);
    }
    std::vector<int64_t> kb, vb;
    QUIVER_ASSIGN_OR_RAISE(auto ksrc, ConcatSources(ks, a[0].type(), &kb));
    QUIVER_ASSIGN_OR_RAISE(auto vsrc, ConcatSources(vs, a[1].type(), &vb));
    std::vector<int64_t> kidx, vidx, offsets{0};
    for (int64_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < kb.size(); ++j) {
        kidx.push_back(kb[j] + (a[2 * j].is_scalar ? 0 : i));
        vidx.push_back(vb[j] + (a[2 * j + 1].is_scalar ? 0 : i));
      }
      offsets.push_back(static_cast<int64_t>(kidx.size()));
    }
    QUIVER_ASSIGN_OR_RAISE(auto k, ci::TakeInt64(ksrc, kidx));
    QUIVER_ASSIGN_OR_RAISE(auto v, ci::TakeInt64(vsrc, vidx));
    QUIVER_ASSIGN_OR_RAISE(auto out,
                           MakeMapArray(MapType(a[0].type(), a[1].type()), offsets, {}, k, v));
    return Wrap(std::move(out), a);
  };
  RegisterSpec(r, std::move(mm));

  // map_keys / map_values: the entries' keys or values as a list.
  for (int which : {0, 1}) {
    FunctionSpec f;
    f.name = which == 0 ? "map_keys" : "map_values";
    std::string name = f.name;
    f.coerce = [name](const Types& a) -> Result<Types> {
      if (a.size() != 1 || a[0]->id() != TypeId::kMap) {
        return Status::Plan(name + " expects a single Map argument");
      }
      return a;
    };
    f.return_type = [which](const Types& a) -> Result<DataTypePtr> {
      return list(a[0]->field(0)->type()->field(which)->type());
    };
    f.invoke = [which](const std::vector<Datum>& a, int64_t) -> Result<Datum> {
      const auto& l = static_cast<const ListArray&>(*a[0].array);
      const auto& entries = l.values()->data();
      ArrayPtr child = MakeArray(entries->children[which]);
      if (entries->offset != 0) child = child->Slice(entries->offset, entries->length);
      auto d = std::make_shared<ArrayData>(*a[0].array->data());
      d->type = list(child->type());
      d->children = {child->data()};
      return Datum{MakeArray(d), a[0].is_scalar};
    };
    RegisterSpec(r, std::move(f));
  }

  FunctionSpec ex;
  ex.name = "map_extract";
  ex.aliases = {"element_at"};
  ex.coerce = [](const Types& a) -> Result<Types> {
    if (a.size() != 2 || a[0]->id() != TypeId::kMap) {
      return Status::Plan("map_extract expects a Map and a key");
    }
    return Types{a[0], a[0]->field(0)->type()->field(0)->type()};
  };
  ex.return_type = [](const Types& a) -> Result<DataTypePtr> {
    return list(a[0]->field(0)->type()->field(1)->type());
  };
  ex.invoke = [](const std::vector<Datum>& a, int64_t num_rows) -> Result<Datum> {
    const int64_t n = OutputLength(a, num_rows);
    ListReader entries(a[0]);
    const auto& kv = entries.values()->data();
    ArrayPtr keys = MakeArray(kv->children[0]), vals = MakeArray(kv->children[1]);
    if (kv->offset != 0) {
      keys = keys->Slice(kv->offset, kv->length);
      vals = vals->Slice(kv->offset, kv->length);
    }
    QUIVER_ASSIGN_OR_RAISE(auto eq, ElementEq::Make(keys, a[1].array));
    ListWriter w(list(vals->type()));
    for (int64_t i = 0; i < n; ++i) {
      const int64_t k = a[1].is_scalar ? 0 : i;
      if (!entries.IsNull(i) && !a[1].array->IsNull(k)) {
        for (int64_t p = entries.Start(i); p < entries.End(i); ++p) {
          if (eq.Equal(p, k)) {
            w.Push(p);
            break;
          }
        }
      }
      w.Commit();
    }
    QUIVER_ASSIGN_OR_RAISE(auto out, w.Finish(vals));
    return Wrap(std::move(out), a);
  };
  RegisterSpec(r, std::move(ex));
}

}  // namespace

void RegisterStructMapFunctions(FunctionRegistry* r) {
  RegisterStructFunctions(r);
  RegisterMapFunctions(r);
}

}  // namespace quiver::functions

namespace quiver::functions {

/// unnest(x) is planned into an Unnest node (logical/unnest.h); this entry
/// only types the call and reports uses the planner could not rewrite.
void RegisterUnnestPlaceholder(FunctionRegistry* r) {
  FunctionSpec s;
  s.name = "unnest";
  s.coerce = [](const std::vector<DataTypePtr>& a) -> Result<std::vector<DataTypePtr>> {
    if (a.size() != 1) {
      return Status::Plan("unnest() requires exactly one argument, got " +
                          std::to_string(a.size()));
    }
    DataTypePtr t = a[0];
    if (t->id() == TypeId::kNull) {
      return Status::NotImplemented("unnest() does not support null yet");
    }
    if (t->id() == TypeId::kFixedSizeList) t = list(t->field(0));
    if (!t->is_list() && t->id() != TypeId::kStruct && t->id() != TypeId::kNull) {
      return Status::Plan("unnest() can only be applied to array, struct and null");
    }
    return std::vector<DataTypePtr>{t};
  };
  s.return_type = [](const std::vector<DataTypePtr>& a) -> Result<DataTypePtr> {
    if (a[0]->is_list()) return a[0]->field(0)->type();
    return a[0];
  };
  s.invoke = [](const std::vector<Datum>&, int64_t) -> Result<Datum> {
    return Status::NotImplemented("unnest() is only supported in the SELECT list and FROM");
  };
  RegisterSpec(r, std::move(s));
}

}  // namespace quiver::functions
