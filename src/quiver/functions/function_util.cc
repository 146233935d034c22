#include "quiver/functions/function_util.h"

#include <cstring>

namespace quiver::functions {

bool AllScalar(const std::vector<Datum>& args) {
  for (const auto& a : args) {
    if (!a.is_scalar) return false;
  }
  return true;
}

int64_t OutputLength(const std::vector<Datum>& args, int64_t num_rows) {
  return AllScalar(args) ? 1 : num_rows;
}

Datum Wrap(ArrayPtr out, const std::vector<Datum>& args) {
  return AllScalar(args) ? Datum::Scalar(std::move(out)) : Datum::Array(std::move(out));
}

static std::string TypeList(const std::vector<DataTypePtr>& args) {
  std::string s;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) s += ", ";
    s += args[i]->ToString();
  }
  return s;
}

Status SignatureError(const std::string& name, const std::vector<DataTypePtr>& args,
                      const std::vector<std::string>& candidates) {
  std::string msg = "No function matches the given name and argument types '" + name + "(" +
                    TypeList(args) +
                    ")'. You might need to add explicit type casts.\n\tCandidate functions:";
  for (const auto& c : candidates) msg += "\n\t" + name + "(" + c + ")";
  return Status::Plan(std::move(msg));
}

Status ArgCountError(const std::string& name, const std::vector<DataTypePtr>& args,
                     const std::string& expected) {
  return SignatureError(name, args, {expected});
}

Result<BufferPtr> CombinedValidity(const std::vector<Datum>& args, int64_t length) {
  BufferPtr bitmap;
  for (const auto& a : args) {
    QUIVER_RETURN_NOT_OK(compute::internal::AndValidity(a, length, &bitmap));
  }
  return bitmap;
}

StringReader::StringReader(const Datum& d) {
  array_ = d.array;
  if (array_->type_id() == TypeId::kDictionary) {
    auto decoded = compute::internal::DecodeDictionary(array_);
    if (decoded.ok()) array_ = *decoded;
  }
  stride_ = d.is_scalar ? 0 : 1;
  bitmap_ = array_->null_bitmap_data();
  offset_ = array_->offset();
  switch (array_->type_id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary: {
      const auto& a = static_cast<const StringArray&>(*array_);
      kind_ = 0;
      off32_ = a.raw_offsets();
      data_ = a.raw_data();
      break;
    }
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      const auto& a = static_cast<const LargeStringArray&>(*array_);
      kind_ = 1;
      off64_ = a.raw_offsets();
      data_ = a.raw_data();
      break;
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: kind_ = 2; break;
    default:
      // Null (or unsupported) columns read as all-null empty strings.
      all_null_ = true;
      bitmap_ = nullptr;
      kind_ = 0;
      static const int32_t kZero[2] = {0, 0};
      off32_ = kZero;
      data_ = "";
      stride_ = 0;
      break;
  }
}

BoolReader::BoolReader(const Datum& d) {
  stride_ = d.is_scalar ? 0 : 1;
  offset_ = d.array->offset();
  bitmap_ = d.array->null_bitmap_data();
  if (d.type()->id() == TypeId::kBoolean) {
    bits_ = static_cast<const BooleanArray&>(*d.array).values_bitmap();
  } else {
    all_null_ = true;
    bitmap_ = nullptr;
    static const uint8_t kZero[1] = {0};
    bits_ = kZero;
    offset_ = 0;
    stride_ = 0;
  }
}

Result<BufferPtr> PackValidity(const std::vector<uint8_t>& validity, const BufferPtr& base) {
  if (validity.empty()) return base;
  QUIVER_ASSIGN_OR_RAISE(auto bitmap,
                         compute::internal::AllocateBitmap(static_cast<int64_t>(validity.size())));
  uint8_t* bits = bitmap->mutable_data();
  const uint8_t* b = base ? base->data() : nullptr;
  for (size_t i = 0; i < validity.size(); ++i) {
    if (validity[i] && (!b || bit_util::GetBit(b, static_cast<int64_t>(i)))) {
      bit_util::SetBit(bits, static_cast<int64_t>(i));
    }
  }
  return bitmap;
}

StringWriter::StringWriter(DataTypePtr type, int64_t length) : type_(std::move(type)) {
  offsets_.reserve(length + 1);
  offsets_.push_back(0);
}

Result<ArrayPtr> StringWriter::Finish() {
  int64_t length = static_cast<int64_t>(offsets_.size()) - 1;
  BufferPtr validity;
  if (!null_rows_.empty()) {
    QUIVER_ASSIGN_OR_RAISE(validity, compute::internal::AllocateSetBitmap(length));
    for (int64_t r : null_rows_) bit_util::ClearBit(validity->mutable_data(), r);
  }
  BufferPtr offsets;
  bool large = type_->id() == TypeId::kLargeUtf8 || type_->id() == TypeId::kLargeBinary;
  if (large) {
    QUIVER_ASSIGN_OR_RAISE(offsets, AllocateBuffer((length + 1) * 8));
    std::memcpy(offsets->mutable_data(), offsets_.data(), (length + 1) * 8);
  } else {
    if (offsets_.back() > INT32_MAX) {
      return Status::Arrow("Compute error: string data too large for " + type_->ToString());
    }
    QUIVER_ASSIGN_OR_RAISE(offsets, AllocateBuffer((length + 1) * 4));
    auto* o = offsets->mutable_data_as<int32_t>();
    for (int64_t i = 0; i <= length; ++i) o[i] = static_cast<int32_t>(offsets_[i]);
  }
  QUIVER_ASSIGN_OR_RAISE(auto data, CopyBuffer(data_));
  return compute::internal::MakeArrayFromBuffers(type_, length, std::move(validity),
                                                 {std::move(offsets), std::move(data)});
}

template <typename T>
Result<ArrayPtr> NumWriter<T>::Finish() {
  int64_t length = static_cast<int64_t>(values_.size());
  QUIVER_ASSIGN_OR_RAISE(auto validity, PackValidity(validity_, base_validity_));
  QUIVER_ASSIGN_OR_RAISE(auto data,
                         CopyBuffer(std::string_view(reinterpret_cast<const char*>(values_.data()),
                                                     values_.size() * sizeof(T))));
  return compute::internal::MakeArrayFromBuffers(type_, length, std::move(validity),
                                                 {std::move(data)});
}

template class NumWriter<int8_t>;
template class NumWriter<int16_t>;
template class NumWriter<int32_t>;
template class NumWriter<int64_t>;
template class NumWriter<uint8_t>;
template class NumWriter<uint16_t>;
template class NumWriter<uint32_t>;
template class NumWriter<uint64_t>;
template class NumWriter<float>;
template class NumWriter<double>;
template class NumWriter<Int128>;
template class NumWriter<IntervalMonthDayNano>;

Result<ArrayPtr> BoolWriter::Finish() {
  int64_t length = static_cast<int64_t>(values_.size());
  QUIVER_ASSIGN_OR_RAISE(auto bits, compute::internal::AllocateBitmap(length));
  for (int64_t i = 0; i < length; ++i) {
    if (values_[i]) bit_util::SetBit(bits->mutable_data(), i);
  }
  QUIVER_ASSIGN_OR_RAISE(auto validity, PackValidity(validity_));
  return compute::internal::MakeArrayFromBuffers(boolean(), length, std::move(validity),
                                                 {std::move(bits)});
}

Result<ArrayPtr> Utf8Scalar(std::string_view s) {
  StringWriter w(utf8(), 1);
  w.Append(s);
  return w.Finish();
}

bool IsStringLike(const DataType& t) { return t.is_string() || t.id() == TypeId::kNull; }

DataTypePtr StringResultType(const DataTypePtr& t) {
  return t->id() == TypeId::kLargeUtf8 ? large_utf8() : utf8();
}

Result<std::string> ScalarString(const Datum& d, const std::string& fn, const char* what) {
  if (!d.is_scalar) {
    return Status::Execution(fn + " requires " + what + " to be a constant");
  }
  StringReader r(d);
  if (r.IsNull(0)) return Status::Execution(fn + ": " + what + " must not be null");
  return std::string(r.Get(0));
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace quiver::functions

namespace quiver::functions {

Result<ArrayPtr> Choose(const std::vector<Datum>& args, const std::vector<int32_t>& which) {
  std::vector<ArrayPtr> parts;
  std::vector<int64_t> base;
  int64_t total = 0;
  for (const auto& a : args) {
    parts.push_back(a.array);
    base.push_back(total);
    total += a.array->length();
  }
  ArrayPtr all;
  if (parts.size() == 1) {
    all = parts[0];
  } else {
    QUIVER_ASSIGN_OR_RAISE(all, compute::Concatenate(parts));
  }
  std::vector<int64_t> idx(which.size());
  for (size_t i = 0; i < which.size(); ++i) {
    int32_t k = which[i];
    idx[i] = k < 0 ? -1 : base[k] + (args[k].is_scalar ? 0 : static_cast<int64_t>(i));
  }
  return compute::internal::TakeInt64(all, idx);
}

}  // namespace quiver::functions

namespace quiver::functions {

static std::string PatternCandidate(const std::string& pattern, size_t n) {
  std::string s;
  for (size_t i = 0; i < n && i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '*') {
      s += ", ..";
      break;
    }
    if (i) s += ", ";
    s += c == 'S' ? "Utf8" : c == 'I' ? "Int64" : "Any";
  }
  return s;
}

Result<std::vector<DataTypePtr>> CoerceByPattern(const std::string& name,
                                                 const std::vector<DataTypePtr>& args,
                                                 const std::string& pattern, size_t min_args) {
  bool repeat = !pattern.empty() && pattern.back() == '*';
  size_t fixed = repeat ? pattern.size() - 1 : pattern.size();
  std::vector<std::string> cands;
  for (size_t n = min_args; n <= fixed; ++n) cands.push_back(PatternCandidate(pattern, n));
  if (repeat) cands = {PatternCandidate(pattern, pattern.size())};
  if (args.size() < min_args || (!repeat && args.size() > fixed)) {
    return SignatureError(name, args, cands);
  }
  std::vector<DataTypePtr> out;
  for (size_t i = 0; i < args.size(); ++i) {
    char c = i < fixed ? pattern[i] : pattern[fixed - 1];
    DataTypePtr t = args[i];
    if (t->id() == TypeId::kDictionary) t = t->value_type();
    switch (c) {
      case 'S':
        if (t->id() == TypeId::kNull) t = utf8();
        if (!t->is_string()) return SignatureError(name, args, cands);
        break;
      case 'I':
        if (!(t->is_integer() || t->id() == TypeId::kNull)) {
          return SignatureError(name, args, cands);
        }
        t = int64();
        break;
      default: t = args[i]; break;
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace quiver::functions
