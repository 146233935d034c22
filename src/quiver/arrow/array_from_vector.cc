#include <string>

#include "quiver/arrow/builder.h"

namespace quiver {

template <typename T>
Result<ArrayPtr> ArrayFromVector(const DataTypePtr& type, const std::vector<T>& values,
                                 const std::vector<bool>& valid) {
  QUIVER_ASSIGN_OR_RAISE(auto builder, MakeBuilder(type));
  for (size_t i = 0; i < values.size(); ++i) {
    if (!valid.empty() && !valid[i]) {
      QUIVER_RETURN_NOT_OK(builder->AppendNull());
      continue;
    }
    if constexpr (std::is_same_v<T, bool>) {
      QUIVER_RETURN_NOT_OK(static_cast<BooleanBuilder*>(builder.get())->Append(values[i]));
    } else if constexpr (std::is_same_v<T, std::string>) {
      switch (type->id()) {
        case TypeId::kLargeUtf8:
        case TypeId::kLargeBinary:
          QUIVER_RETURN_NOT_OK(static_cast<LargeStringBuilder*>(builder.get())->Append(values[i]));
          break;
        case TypeId::kUtf8View:
        case TypeId::kBinaryView:
          QUIVER_RETURN_NOT_OK(static_cast<BinaryViewBuilder*>(builder.get())->Append(values[i]));
          break;
        case TypeId::kFixedSizeBinary:
          QUIVER_RETURN_NOT_OK(
              static_cast<FixedSizeBinaryBuilder*>(builder.get())->Append(values[i]));
          break;
        case TypeId::kDictionary:
          QUIVER_RETURN_NOT_OK(static_cast<DictionaryBuilder*>(builder.get())->Append(values[i]));
          break;
        default:
          QUIVER_RETURN_NOT_OK(static_cast<StringBuilder*>(builder.get())->Append(values[i]));
      }
    } else {
      if (type->bit_width() != static_cast<int>(sizeof(T) * 8)) {
        return Status::Internal("ArrayFromVector: value width does not match " + type->ToString());
      }
      QUIVER_RETURN_NOT_OK(static_cast<PrimitiveBuilder<T>*>(builder.get())->Append(values[i]));
    }
  }
  return builder->Finish();
}

template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<bool>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<int8_t>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<int16_t>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<int32_t>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<int64_t>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<uint8_t>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<uint32_t>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<uint64_t>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<float>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<double>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<Int128>&,
                                          const std::vector<bool>&);
template Result<ArrayPtr> ArrayFromVector(const DataTypePtr&, const std::vector<std::string>&,
                                          const std::vector<bool>&);

}  // namespace quiver
