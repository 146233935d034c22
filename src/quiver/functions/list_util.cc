#include "quiver/functions/list_util.h"

#include <cstring>

#include "quiver/logical/type_coercion.h"

namespace quiver::functions {

namespace ci = compute::internal;

ListReader::ListReader(const Datum& d) {
  const ArrayPtr& a = d.array;
  stride_ = d.is_scalar ? 0 : 1;
  bitmap_ = a->null_bitmap_data();
  offset_ = a->offset();
  switch (a->type_id()) {
    case TypeId::kList:
    case TypeId::kMap: {
      const auto& l = static_cast<const ListArray&>(*a);
      kind_ = 0;
      off32_ = l.raw_offsets();
      values_ = l.values();
      break;
    }
    case TypeId::kLargeList: {
      const auto& l = static_cast<const LargeListArray&>(*a);
      kind_ = 1;
      off64_ = l.raw_offsets();
      values_ = l.values();
      break;
    }
    case TypeId::kFixedSizeList: {
      const auto& l = static_cast<const FixedSizeListArray&>(*a);
      kind_ = 2;
      size_ = l.list_size();
      values_ = l.values();
      break;
    }
    default: {
      kind_ = 3;
      auto empty = ci::MakeNullArray(null(), 0);
      values_ = empty.ok() ? *empty : nullptr;
      break;
    }
  }
}

Result<ArrayPtr> MakeListArray(const DataTypePtr& type, const std::vector<int64_t>& offsets,
                               const std::vector<uint8_t>& valid, const ArrayPtr& values) {
  const int64_t n = static_cast<int64_t>(offsets.size()) - 1;
  BufferPtr validity;
  bool any_null = false;
  for (uint8_t v : valid) any_null |= v == 0;
  if (any_null) {
    QUIVER_ASSIGN_OR_RAISE(validity, ci::AllocateSetBitmap(n));
    for (int64_t i = 0; i < n; ++i) {
      if (!valid[i]) bit_util::ClearBit(validity->mutable_data(), i);
    }
  }
  BufferPtr ob;
  if (type->id() == TypeId::kLargeList) {
    QUIVER_ASSIGN_OR_RAISE(ob, AllocateBuffer((n + 1) * 8));
    std::memcpy(ob->mutable_data(), offsets.data(), (n + 1) * 8);
  } else {
    if (offsets.back() > INT32_MAX) {
      return Status::Execution("list too large for " + type->ToString());
    }
    QUIVER_ASSIGN_OR_RAISE(ob, AllocateBuffer((n + 1) * 4));
    auto* o = ob->mutable_data_as<int32_t>();
    for (int64_t i = 0; i <= n; ++i) o[i] = static_cast<int32_t>(offsets[i]);
  }
  ArrayPtr child = values;
  const DataTypePtr& item = type->field(0)->type();
  if (!child->type()->Equals(*item)) {
    QUIVER_ASSIGN_OR_RAISE(child, compute::Cast(child, item));
  }
  return ci::MakeArrayFromBuffers(type, n, std::move(validity), {std::move(ob)}, {child->data()});
}

Result<ArrayPtr> ListWriter::Finish(const ArrayPtr& source) {
  QUIVER_ASSIGN_OR_RAISE(auto gathered, ci::TakeInt64(source, indices_));
  static const std::vector<uint8_t> kNone;
  return MakeListArray(type_, offsets_, has_null_ ? valid_ : kNone, gathered);
}

Result<ArrayPtr> ConcatSources(const std::vector<ArrayPtr>& arrays, const DataTypePtr& type,
                               std::vector<int64_t>* bases) {
  std::vector<ArrayPtr> cast;
  int64_t base = 0;
  bases->clear();
  for (const auto& a : arrays) {
    bases->push_back(base);
    base += a->length();
    if (a->type()->Equals(*type)) {
      cast.push_back(a);
    } else {
      QUIVER_ASSIGN_OR_RAISE(auto c, compute::Cast(a, type));
      cast.push_back(std::move(c));
    }
  }
  if (cast.size() == 1) return cast[0];
  if (cast.empty()) return ci::MakeNullArray(type, 0);
  return compute::Concatenate(cast);
}

Result<ElementEq> ElementEq::Make(const ArrayPtr& left, const ArrayPtr& right) {
  ElementEq e;
  ArrayPtr l = left, r = right;
  if (!l->type()->Equals(*r->type())) {
    // Null-typed sides compare as nulls of the other type.
    if (l->type()->id() == TypeId::kNull) {
      QUIVER_ASSIGN_OR_RAISE(l, compute::Cast(l, r->type()));
    } else if (r->type()->id() == TypeId::kNull) {
      QUIVER_ASSIGN_OR_RAISE(r, compute::Cast(r, l->type()));
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto cmp, ci::MakeRowComparator(l, r));
  e.cmp_ = std::move(cmp);
  return e;
}

bool IsListType(const DataType& t) { return t.is_list(); }

DataTypePtr ElementType(const DataTypePtr& t) {
  if (t->is_list()) return t->field(0)->type();
  return null();
}

DataTypePtr ListLike(const DataTypePtr& like, const DataTypePtr& item) {
  if (like->id() == TypeId::kLargeList) return large_list(item);
  return list(item);
}

int ListDepth(const DataTypePtr& t) {
  int d = 0;
  DataTypePtr cur = t;
  while (cur->is_list()) {
    ++d;
    cur = cur->field(0)->type();
  }
  return d;
}

DataTypePtr BaseElementType(const DataTypePtr& t) {
  DataTypePtr cur = t;
  while (cur->is_list()) cur = cur->field(0)->type();
  return cur;
}

DataTypePtr ReplaceBaseType(const DataTypePtr& t, const DataTypePtr& base) {
  if (!t->is_list()) return base;
  return ListLike(t, ReplaceBaseType(t->field(0)->type(), base));
}

Result<DataTypePtr> CommonElementType(const std::vector<DataTypePtr>& types,
                                      const std::string& fn) {
  DataTypePtr acc = null();
  for (const auto& t : types) {
    DataTypePtr next = ComparisonCoercion(acc, t);
    if (!next) {
      return Status::Plan(fn + " received incompatible types: " + acc->ToString() + " and " +
                          t->ToString());
    }
    acc = next;
  }
  return acc;
}

}  // namespace quiver::functions
