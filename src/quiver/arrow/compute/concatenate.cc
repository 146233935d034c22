// Concatenate: arrays of one type into one array. Builders already append
// any layout at any offset, so plain types go through them; dictionaries keep
// their encoding (shared dictionary, or merged dictionaries with shifted
// indices).
#include <limits>

#include "quiver/arrow/compute/kernel_util.h"

namespace quiver::compute {

namespace {

Result<ArrayPtr> ConcatenateDictionaries(const std::vector<ArrayPtr>& arrays) {
  const DataTypePtr& type = arrays[0]->type();
  bool same = true;
  for (const auto& a : arrays) {
    const auto& d0 = arrays[0]->data()->dictionary;
    const auto& d = a->data()->dictionary;
    if (d != d0 && !MakeArray(d)->Equals(*MakeArray(d0))) same = false;
  }
  std::vector<ArrayPtr> dicts;
  std::vector<int64_t> shift;
  ArrayDataPtr dictionary = arrays[0]->data()->dictionary;
  int64_t total_dict = 0;
  for (const auto& a : arrays) {
    shift.push_back(same ? 0 : total_dict);
    dicts.push_back(MakeArray(a->data()->dictionary));
    total_dict += a->data()->dictionary->length;
  }
  if (!same) {
    QUIVER_ASSIGN_OR_RAISE(auto merged, Concatenate(dicts));
    dictionary = merged->data();
  }
  // New indices, widened to int64 then written back in the index type.
  auto index_type = type->index_type();
  QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(int64()));
  auto* b = static_cast<Int64Builder*>(builder.get());
  for (size_t k = 0; k < arrays.size(); ++k) {
    const auto& d = static_cast<const DictionaryArray&>(*arrays[k]);
    for (int64_t i = 0; i < d.length(); ++i) {
      if (d.IsNull(i)) {
        QUIVER_RETURN_NOT_OK(b->AppendNull());
      } else {
        QUIVER_RETURN_NOT_OK(b->Append(d.GetValueIndex(i) + shift[k]));
      }
    }
  }
  QUIVER_ASSIGN_OR_RAISE(auto wide, b->Finish());
  int64_t max_index = total_dict - 1;
  bool fits = true;
  switch (index_type->id()) {
    case TypeId::kInt8: fits = max_index <= std::numeric_limits<int8_t>::max(); break;
    case TypeId::kUInt8: fits = max_index <= std::numeric_limits<uint8_t>::max(); break;
    case TypeId::kInt16: fits = max_index <= std::numeric_limits<int16_t>::max(); break;
    case TypeId::kUInt16: fits = max_index <= std::numeric_limits<uint16_t>::max(); break;
    case TypeId::kInt32: fits = max_index <= std::numeric_limits<int32_t>::max(); break;
    default: break;
  }
  if (!fits) {
    return internal::ComputeError("dictionary concatenation overflows the index type " +
                                  index_type->ToString());
  }
  QUIVER_ASSIGN_OR_RAISE(auto indices, Cast(wide, index_type));
  auto data = std::make_shared<ArrayData>(*indices->data());
  data->type = type;
  data->dictionary = dictionary;
  return MakeArray(data);
}

}  // namespace

Result<ArrayPtr> Concatenate(const std::vector<ArrayPtr>& arrays) {
  if (arrays.empty()) return internal::ComputeError("concat requires input of at least one array");
  const DataTypePtr& type = arrays[0]->type();
  for (const auto& a : arrays) {
    if (!a->type()->Equals(*type)) {
      return Status::Arrow(
          "Invalid argument error: It is not possible to concatenate arrays of different data "
          "types (" +
          type->ToString() + ", " + a->type()->ToString() + ").");
    }
  }
  if (arrays.size() == 1) return arrays[0];
  if (type->id() == TypeId::kDictionary) return ConcatenateDictionaries(arrays);
  QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(type));
  int64_t total = 0;
  for (const auto& a : arrays) total += a->length();
  QUIVER_RETURN_NOT_OK(builder->Reserve(total));
  for (const auto& a : arrays) QUIVER_RETURN_NOT_OK(builder->AppendArray(*a));
  return builder->Finish();
}

Result<RecordBatchPtr> ConcatenateBatches(const SchemaPtr& schema,
                                          const std::vector<RecordBatchPtr>& batches) {
  std::vector<ArrayPtr> cols;
  int64_t rows = 0;
  for (const auto& b : batches) {
    if (b->num_columns() != schema->num_fields()) {
      return internal::ComputeError("concat_batches: batch has " +
                                    std::to_string(b->num_columns()) + " columns, schema has " +
                                    std::to_string(schema->num_fields()));
    }
    rows += b->num_rows();
  }
  for (int c = 0; c < schema->num_fields(); ++c) {
    std::vector<ArrayPtr> parts;
    for (const auto& b : batches) parts.push_back(b->column(c));
    if (parts.empty()) {
      QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(schema->field(c)->type()));
      QUIVER_ASSIGN_OR_RAISE(auto empty, builder->Finish());
      cols.push_back(std::move(empty));
      continue;
    }
    QUIVER_ASSIGN_OR_RAISE(auto col, Concatenate(parts));
    cols.push_back(std::move(col));
  }
  return RecordBatch::Make(schema, rows, std::move(cols));
}

}  // namespace quiver::compute
