// Cast dispatch: picks the family kernel for a (from, to) pair, and handles
// the structural casts here: null, dictionaries, string/binary layouts,
// lists element-wise, structs field-wise, intervals.
#include <cstring>

#include "quiver/arrow/compute/cast_internal.h"

namespace quiver::compute {

namespace {

using internal::CastError;

bool IsStringLike(const DataType& t) { return t.is_string(); }
bool IsBinaryLike(const DataType& t) {
  return t.id() == TypeId::kBinary || t.id() == TypeId::kLargeBinary ||
         t.id() == TypeId::kBinaryView;
}

// Minimal UTF-8 well-formedness check (no overlongs, no surrogates).
bool ValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* e = p + s.size();
  while (p < e) {
    unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    unsigned min;
    if ((c & 0xE0) == 0xC0) {
      n = 1, min = 0x80, c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, min = 0x800, c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, min = 0x10000, c &= 0x07;
    } else {
      return false;
    }
    if (e - p <= n) return false;
    for (int k = 1; k <= n; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      c = (c << 6) | (p[k] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

Result<ArrayPtr> CastBytes(const ArrayPtr& a, const DataTypePtr& to, const CastOptions& o) {
  const bool check_utf8 = IsStringLike(*to) && !IsStringLike(*a->type());
  QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(to));
  if (!check_utf8 && to->id() != TypeId::kFixedSizeBinary) {
    QUIVER_RETURN_NOT_OK(builder->AppendArray(*a));
    return builder->Finish();
  }
  // Value by value: validate UTF-8 or the fixed width.
  for (int64_t i = 0; i < a->length(); ++i) {
    if (a->IsNull(i)) {
      QUIVER_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    std::string_view v = GetBinaryView(*a, i);
    bool ok = check_utf8 ? ValidUtf8(v) : static_cast<int32_t>(v.size()) == to->byte_width();
    if (!ok) {
      if (o.to_null_on_error) {
        QUIVER_RETURN_NOT_OK(builder->AppendNull());
        continue;
      }
      if (check_utf8) return CastError("Cannot cast binary to string: invalid utf-8 sequence");
      return CastError("Cannot cast to " + to->ToString() + ": value at index " +
                       std::to_string(i) + " has length " + std::to_string(v.size()));
    }
    switch (to->id()) {
      case TypeId::kLargeUtf8:
      case TypeId::kLargeBinary:
        QUIVER_RETURN_NOT_OK(static_cast<LargeStringBuilder*>(builder.get())->Append(v));
        break;
      case TypeId::kUtf8View:
      case TypeId::kBinaryView:
        QUIVER_RETURN_NOT_OK(static_cast<BinaryViewBuilder*>(builder.get())->Append(v));
        break;
      case TypeId::kFixedSizeBinary:
        QUIVER_RETURN_NOT_OK(static_cast<FixedSizeBinaryBuilder*>(builder.get())->Append(v));
        break;
      default: QUIVER_RETURN_NOT_OK(static_cast<StringBuilder*>(builder.get())->Append(v));
    }
  }
  return builder->Finish();
}

// Start offset and length of list row i, for any list layout.
void ListRange(const Array& a, int64_t i, int64_t* start, int64_t* len) {
  switch (a.type_id()) {
    case TypeId::kLargeList: {
      const auto& l = static_cast<const LargeListArray&>(a);
      *start = l.value_offset(i);
      *len = l.value_length(i);
      return;
    }
    case TypeId::kFixedSizeList: {
      const auto& l = static_cast<const FixedSizeListArray&>(a);
      *start = l.value_offset(i);
      *len = l.list_size();
      return;
    }
    default: {
      const auto& l = static_cast<const ListArray&>(a);
      *start = l.value_offset(i);
      *len = l.value_length(i);
      return;
    }
  }
}

ArrayPtr ListChild(const Array& a) { return MakeArray(a.data()->children[0]); }

Result<ArrayPtr> CastList(const ArrayPtr& a, const DataTypePtr& to, const CastOptions& o) {
  const DataType& from = *a->type();
  const DataTypePtr& child_type = to->field(0)->type();
  // Same layout: cast the whole child and keep offsets and validity.
  if (from.id() == to->id() &&
      (from.id() != TypeId::kFixedSizeList || from.list_size() == to->list_size())) {
    QUIVER_ASSIGN_OR_RAISE(auto child, Cast(ListChild(*a), child_type, o));
    auto d = std::make_shared<ArrayData>(*a->data());
    d->type = to;
    d->children = {child->data()};
    return MakeArray(d);
  }
  // Other layout: gather each row's elements, then rebuild.
  const int64_t n = a->length();
  std::vector<int64_t> child_idx;
  std::vector<int64_t> offsets = {0};
  QUIVER_ASSIGN_OR_RAISE(BufferPtr validity, internal::CopyValidity(*a));
  for (int64_t i = 0; i < n; ++i) {
    int64_t start = 0, len = 0;
    if (a->IsValid(i)) ListRange(*a, i, &start, &len);
    if (to->id() == TypeId::kFixedSizeList) {
      if (a->IsValid(i) && len != to->list_size()) {
        return CastError("Cannot cast to FixedSizeList(" + std::to_string(to->list_size()) +
                         "): value at index " + std::to_string(i) + " has length " +
                         std::to_string(len));
      }
      for (int64_t k = 0; k < to->list_size(); ++k)
        child_idx.push_back(a->IsValid(i) ? start + k : -1);
    } else {
      for (int64_t k = 0; k < len; ++k) child_idx.push_back(start + k);
    }
    offsets.push_back(static_cast<int64_t>(child_idx.size()));
  }
  QUIVER_ASSIGN_OR_RAISE(auto gathered, internal::TakeInt64(ListChild(*a), child_idx));
  QUIVER_ASSIGN_OR_RAISE(auto child, Cast(gathered, child_type, o));
  std::vector<BufferPtr> bufs;
  if (to->id() == TypeId::kLargeList) {
    QUIVER_ASSIGN_OR_RAISE(auto ob, AllocateBuffer((n + 1) * 8));
    std::memcpy(ob->mutable_data(), offsets.data(), (n + 1) * 8);
    bufs.push_back(std::move(ob));
  } else if (to->id() != TypeId::kFixedSizeList) {
    if (offsets.back() > INT32_MAX) return CastError("list too large for " + to->ToString());
    QUIVER_ASSIGN_OR_RAISE(auto ob, AllocateBuffer((n + 1) * 4));
    for (int64_t i = 0; i <= n; ++i)
      ob->mutable_data_as<int32_t>()[i] = static_cast<int32_t>(offsets[i]);
    bufs.push_back(std::move(ob));
  }
  return internal::MakeArrayFromBuffers(to, n, std::move(validity), std::move(bufs),
                                        {child->data()});
}

Result<ArrayPtr> CastStruct(const ArrayPtr& a, const DataTypePtr& to, const CastOptions& o) {
  const auto& s = static_cast<const StructArray&>(*a);
  if (s.num_fields() != to->num_fields()) {
    return CastError("Cannot cast struct with " + std::to_string(s.num_fields()) +
                     " fields to struct with " + std::to_string(to->num_fields()) + " fields");
  }
  std::vector<ArrayDataPtr> children;
  for (int f = 0; f < s.num_fields(); ++f) {
    QUIVER_ASSIGN_OR_RAISE(auto c, Cast(s.field(f), to->field(f)->type(), o));
    children.push_back(c->data());
  }
  QUIVER_ASSIGN_OR_RAISE(BufferPtr validity, internal::CopyValidity(*a));
  return internal::MakeArrayFromBuffers(to, a->length(), std::move(validity), {},
                                        std::move(children));
}

Result<ArrayPtr> CastInterval(const ArrayPtr& a, const DataTypePtr& to, const CastOptions& o) {
  auto read = [&](int64_t i) -> IntervalMonthDayNano {
    switch (a->type()->interval_unit()) {
      case IntervalUnit::kYearMonth: return {internal::Values<int32_t>(*a)[i], 0, 0};
      case IntervalUnit::kDayTime: {
        auto v = internal::Values<IntervalDayTime>(*a)[i];
        return {0, v.days, int64_t{v.milliseconds} * 1000000};
      }
      default: return internal::Values<IntervalMonthDayNano>(*a)[i];
    }
  };
  auto error = [&](int64_t) {
    return CastError("Cannot cast " + a->type()->ToString() + " to " + to->ToString() +
                     " without losing precision");
  };
  switch (to->interval_unit()) {
    case IntervalUnit::kMonthDayNano:
      return internal::MapRows<IntervalMonthDayNano>(
          *a, to, o, [&](int64_t i, IntervalMonthDayNano* v) { return *v = read(i), true; }, error);
    case IntervalUnit::kDayTime:
      return internal::MapRows<IntervalDayTime>(
          *a, to, o,
          [&](int64_t i, IntervalDayTime* v) {
            auto m = read(i);
            if (m.months != 0 || m.nanoseconds % 1000000 != 0) return false;
            *v = {m.days, static_cast<int32_t>(m.nanoseconds / 1000000)};
            return true;
          },
          error);
    case IntervalUnit::kYearMonth:
      return internal::MapRows<int32_t>(
          *a, to, o,
          [&](int64_t i, int32_t* v) {
            auto m = read(i);
            if (m.days != 0 || m.nanoseconds != 0) return false;
            *v = m.months;
            return true;
          },
          error);
  }
  return error(0);
}

}  // namespace

bool CanCast(const DataType& from, const DataType& to) {
  if (from.Equals(to) || from.id() == TypeId::kNull) return true;
  if (to.id() == TypeId::kDictionary) return CanCast(from, *to.value_type());
  if (from.id() == TypeId::kDictionary) return CanCast(*from.value_type(), to);
  const bool from_bytes =
      IsStringLike(from) || IsBinaryLike(from) || from.id() == TypeId::kFixedSizeBinary;
  if (IsStringLike(to)) return true;
  if (IsBinaryLike(to) || to.id() == TypeId::kFixedSizeBinary) return from_bytes;
  if (IsStringLike(from)) return internal::CanCastFromString(to);
  if (from.is_list() && to.is_list()) {
    return CanCast(*from.field(0)->type(), *to.field(0)->type());
  }
  if (from.id() == TypeId::kMap && to.id() == TypeId::kMap) {
    return CanCast(*from.field(0)->type(), *to.field(0)->type());
  }
  if (from.id() == TypeId::kStruct && to.id() == TypeId::kStruct) {
    if (from.num_fields() != to.num_fields()) return false;
    for (int i = 0; i < from.num_fields(); ++i) {
      if (!CanCast(*from.field(i)->type(), *to.field(i)->type())) return false;
    }
    return true;
  }
  if (from.id() == TypeId::kInterval && to.id() == TypeId::kInterval) return true;
  return internal::CanCastNumeric(from, to) || internal::CanCastTemporal(from, to);
}

Result<ArrayPtr> Cast(const ArrayPtr& array, const DataTypePtr& to, const CastOptions& options) {
  const DataType& from = *array->type();
  if (from.Equals(*to)) return array;
  if (from.id() == TypeId::kNull) return internal::MakeNullArray(to, array->length());
  if (!CanCast(from, *to)) {
    return CastError("Unsupported cast from " + from.ToString() + " to " + to->ToString());
  }
  if (to->id() == TypeId::kDictionary) {
    QUIVER_ASSIGN_OR_RAISE(auto values, Cast(array, to->value_type(), options));
    QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(to));
    QUIVER_RETURN_NOT_OK(builder->AppendArray(*values));
    return builder->Finish();
  }
  if (from.id() == TypeId::kDictionary) {
    // Cast the dictionary once, then expand it by the indices.
    const auto& d = static_cast<const DictionaryArray&>(*array);
    QUIVER_ASSIGN_OR_RAISE(auto values, Cast(d.dictionary(), to, options));
    auto expanded = std::make_shared<ArrayData>(*array->data());
    expanded->type = dictionary(from.index_type(), to);
    expanded->dictionary = values->data();
    return internal::DecodeDictionary(MakeArray(expanded));
  }
  const bool from_bytes =
      IsStringLike(from) || IsBinaryLike(from) || from.id() == TypeId::kFixedSizeBinary;
  if ((IsStringLike(*to) || IsBinaryLike(*to) || to->id() == TypeId::kFixedSizeBinary) &&
      from_bytes) {
    return CastBytes(array, to, options);
  }
  if (IsStringLike(*to)) return internal::CastToString(array, to, options);
  if (IsStringLike(from)) return internal::CastFromString(array, to, options);
  if (from.is_list() || from.id() == TypeId::kMap) return CastList(array, to, options);
  if (from.id() == TypeId::kStruct) return CastStruct(array, to, options);
  if (from.id() == TypeId::kInterval) return CastInterval(array, to, options);
  if (internal::CanCastNumeric(from, *to)) return internal::CastNumeric(array, to, options);
  return internal::CastTemporal(array, to, options);
}

}  // namespace quiver::compute
