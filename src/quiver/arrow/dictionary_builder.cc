#include <cstdint>
#include <string>
#include <unordered_map>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/pretty_print.h"

namespace quiver {

// Maps a value's bytes to its dictionary index.
struct DictionaryBuilder::Memo {
  std::unordered_map<std::string, int64_t> index_of;
  bool has_null_value = false;
};

DictionaryBuilder::DictionaryBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> values,
                                     MemoryPool* pool)
    : ArrayBuilder(type, pool), values_(std::move(values)), memo_(std::make_unique<Memo>()) {
  indices_ = std::move(*MakeBuilder(type->index_type(), pool));
}

DictionaryBuilder::~DictionaryBuilder() = default;

Status DictionaryBuilder::AppendIndex(int64_t index) {
  ArrayData one;
  one.type = int64();
  one.length = 1;
  int64_t v = index;
  // Append through the typed builder of the index type, narrowing the value.
  switch (type_->index_type()->id()) {
    case TypeId::kInt8:
      QUIVER_RETURN_NOT_OK(
          static_cast<Int8Builder*>(indices_.get())->Append(static_cast<int8_t>(v)));
      break;
    case TypeId::kInt16:
      QUIVER_RETURN_NOT_OK(
          static_cast<Int16Builder*>(indices_.get())->Append(static_cast<int16_t>(v)));
      break;
    case TypeId::kInt32:
      QUIVER_RETURN_NOT_OK(
          static_cast<Int32Builder*>(indices_.get())->Append(static_cast<int32_t>(v)));
      break;
    case TypeId::kInt64:
      QUIVER_RETURN_NOT_OK(static_cast<Int64Builder*>(indices_.get())->Append(v));
      break;
    case TypeId::kUInt8:
      QUIVER_RETURN_NOT_OK(
          static_cast<UInt8Builder*>(indices_.get())->Append(static_cast<uint8_t>(v)));
      break;
    case TypeId::kUInt16:
      QUIVER_RETURN_NOT_OK(
          static_cast<UInt16Builder*>(indices_.get())->Append(static_cast<uint16_t>(v)));
      break;
    case TypeId::kUInt32:
      QUIVER_RETURN_NOT_OK(
          static_cast<UInt32Builder*>(indices_.get())->Append(static_cast<uint32_t>(v)));
      break;
    case TypeId::kUInt64:
      QUIVER_RETURN_NOT_OK(
          static_cast<UInt64Builder*>(indices_.get())->Append(static_cast<uint64_t>(v)));
      break;
    default: return Status::Arrow("dictionary index type must be an integer");
  }
  ++length_;
  return Status::OK();
}

Status DictionaryBuilder::AppendValueFrom(const ArrayData& values, int64_t index) {
  auto arr = MakeArray(std::make_shared<ArrayData>(values));
  std::string key;
  const DataType& vt = *values.type;
  if (vt.is_string() || vt.is_binary()) {
    key = std::string(GetBinaryView(*arr, index));
  } else if (vt.bit_width() >= 8) {
    int w = vt.bit_width() / 8;
    key.assign(
        reinterpret_cast<const char*>(values.buffers[1]->data()) + (values.offset + index) * w, w);
  } else {
    key = FormatValue(*arr, index);
  }
  auto it = memo_->index_of.find(key);
  int64_t idx;
  if (it != memo_->index_of.end()) {
    idx = it->second;
  } else {
    idx = values_->length();
    const int bits = type_->index_type()->bit_width();
    // A 64-bit index holds any count; shifting by 63 would overflow.
    int64_t max_index = bits >= 64 ? INT64_MAX : (int64_t{1} << (bits - 1)) - 1;
    if (idx > max_index) {
      return Status::Arrow("dictionary index type " + type_->index_type()->ToString() +
                           " cannot hold " + std::to_string(idx + 1) + " distinct values");
    }
    QUIVER_RETURN_NOT_OK(values_->AppendArraySlice(values, index, 1));
    memo_->index_of.emplace(std::move(key), idx);
  }
  return AppendIndex(idx);
}

Status DictionaryBuilder::Append(std::string_view v) {
  auto it = memo_->index_of.find(std::string(v));
  if (it != memo_->index_of.end()) return AppendIndex(it->second);
  int64_t idx = values_->length();
  auto* vb = values_.get();
  switch (type_->value_type()->id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary: QUIVER_RETURN_NOT_OK(static_cast<StringBuilder*>(vb)->Append(v)); break;
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary:
      QUIVER_RETURN_NOT_OK(static_cast<LargeStringBuilder*>(vb)->Append(v));
      break;
    case TypeId::kUtf8View:
    case TypeId::kBinaryView:
      QUIVER_RETURN_NOT_OK(static_cast<BinaryViewBuilder*>(vb)->Append(v));
      break;
    default:
      return Status::Arrow("Append(string) on a dictionary of " + type_->value_type()->ToString());
  }
  memo_->index_of.emplace(std::string(v), idx);
  return AppendIndex(idx);
}

Status DictionaryBuilder::AppendNulls(int64_t n) {
  QUIVER_RETURN_NOT_OK(indices_->AppendNulls(n));
  length_ += n;
  null_count_ += n;
  return Status::OK();
}

Status DictionaryBuilder::AppendArraySlice(const ArrayData& a, int64_t offset, int64_t n) {
  auto arr = MakeArray(std::make_shared<ArrayData>(a));
  const bool is_dict = a.type->id() == TypeId::kDictionary;
  for (int64_t i = offset; i < offset + n; ++i) {
    if (arr->IsNull(i)) {
      QUIVER_RETURN_NOT_OK(AppendNull());
    } else if (is_dict) {
      const auto& d = static_cast<const DictionaryArray&>(*arr);
      QUIVER_RETURN_NOT_OK(AppendValueFrom(*a.dictionary, d.GetValueIndex(i)));
    } else {
      QUIVER_RETURN_NOT_OK(AppendValueFrom(a, i));
    }
  }
  return Status::OK();
}

Result<ArrayDataPtr> DictionaryBuilder::FinishData() {
  QUIVER_ASSIGN_OR_RAISE(auto idx, indices_->FinishData());
  QUIVER_ASSIGN_OR_RAISE(auto dict, values_->FinishData());
  idx->type = type_;
  idx->dictionary = std::move(dict);
  memo_ = std::make_unique<Memo>();
  length_ = 0;
  null_count_ = 0;
  return idx;
}

}  // namespace quiver
