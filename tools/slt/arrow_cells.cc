#include "arrow_cells.h"

#include "normalize.h"
#include "quiver/arrow/float16.h"
#include "quiver/arrow/pretty_print.h"

namespace quiver::slt {

char SltTypeChar(const DataType& type) {
  switch (type.id()) {
    case TypeId::kBoolean: return 'B';
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: return 'I';
    case TypeId::kFloat16:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256: return 'R';
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View: return 'T';
    case TypeId::kDate32:
    case TypeId::kDate64:
    case TypeId::kTime32:
    case TypeId::kTime64: return 'D';
    case TypeId::kTimestamp: return 'P';
    default: return '?';
  }
}

std::string FormatCell(const Array& array, int64_t i) {
  if (array.IsNull(i)) return "NULL";
  switch (array.type_id()) {
    case TypeId::kNull: return "NULL";
    case TypeId::kBoolean:
      return static_cast<const BooleanArray&>(array).Value(i) ? "true" : "false";
    case TypeId::kFloat16:
      return FormatFloat32(
          HalfToFloat(static_cast<const PrimitiveArray<uint16_t>&>(array).Value(i)));
    case TypeId::kFloat32: return FormatFloat32(static_cast<const Float32Array&>(array).Value(i));
    case TypeId::kFloat64: return FormatFloat64(static_cast<const Float64Array&>(array).Value(i));
    case TypeId::kDecimal128:
      return FormatDecimal128(static_cast<const Decimal128Array&>(array).Value(i),
                              array.type()->scale());
    case TypeId::kDecimal256: {
      std::string digits = static_cast<const Decimal256Array&>(array).Value(i).ToString();
      bool negative = !digits.empty() && digits[0] == '-';
      if (negative) digits.erase(0, 1);
      return FormatDecimalDigits(negative, digits, array.type()->scale());
    }
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kUtf8View: return FormatText(GetBinaryView(array, i));
    case TypeId::kDictionary: {
      const auto& dict = static_cast<const DictionaryArray&>(array);
      ArrayPtr values = dict.dictionary();
      return FormatCell(*values, dict.GetValueIndex(i));
    }
    default: return FormatValue(array, i);
  }
}

SltQueryResult BatchesToResult(const Schema& schema, const std::vector<RecordBatchPtr>& batches) {
  SltQueryResult out;
  for (const auto& f : schema.fields()) out.types.push_back(SltTypeChar(*f->type()));
  for (const auto& batch : batches) {
    if (!batch) continue;
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::vector<std::string> row;
      row.reserve(batch->num_columns());
      for (int c = 0; c < batch->num_columns(); ++c)
        row.push_back(FormatCell(*batch->column(c), r));
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace quiver::slt
