// One sample array of every type (with nulls), shared by the C Data, C Stream,
// layout and IPC tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/record_batch.h"

namespace quiver::testing {

constexpr int kSampleLength = 7;

inline bool SampleValid(int i) { return i % 3 != 1; }

template <typename T>
ArrayPtr SamplePrimitive(const DataTypePtr& type, T (*gen)(int)) {
  PrimitiveBuilder<T> b(type);
  for (int i = 0; i < kSampleLength; ++i) {
    Status st = SampleValid(i) ? b.Append(gen(i)) : b.AppendNull();
    if (!st.ok()) return nullptr;
  }
  return *b.Finish();
}

inline std::string SampleString(int i) {
  // Mix of inline (<= 12 bytes) and out-of-line lengths for the view types.
  static const char* kWords[] = {
      "", "a", "hello", "a string longer than twelve", "x", "0123456789abcdef", "tail"};
  return kWords[i % 7];
}

inline ArrayPtr SampleStrings(const DataTypePtr& type) {
  std::vector<std::string> v;
  std::vector<bool> valid;
  for (int i = 0; i < kSampleLength; ++i) {
    v.push_back(type->id() == TypeId::kFixedSizeBinary ? std::string(3, static_cast<char>('a' + i))
                                                       : SampleString(i));
    valid.push_back(SampleValid(i));
  }
  return *ArrayFromVector<std::string>(type, v, valid);
}

inline ArrayPtr SampleList(const DataTypePtr& type) {
  auto builder = *MakeBuilder(type);
  for (int i = 0; i < kSampleLength; ++i) {
    if (!SampleValid(i)) {
      (void)builder->AppendNull();
      continue;
    }
    switch (type->id()) {
      case TypeId::kList: {
        auto* lb = static_cast<ListBuilder*>(builder.get());
        (void)lb->Append();
        auto* vb = static_cast<Int32Builder*>(lb->value_builder());
        for (int j = 0; j < i % 4; ++j) (void)(j == 1 ? vb->AppendNull() : vb->Append(i * 10 + j));
        break;
      }
      case TypeId::kLargeList: {
        auto* lb = static_cast<LargeListBuilder*>(builder.get());
        (void)lb->Append();
        auto* vb = static_cast<StringBuilder*>(lb->value_builder());
        for (int j = 0; j < i % 3; ++j) (void)vb->Append(SampleString(i + j));
        break;
      }
      case TypeId::kFixedSizeList: {
        auto* lb = static_cast<FixedSizeListBuilder*>(builder.get());
        (void)lb->Append();
        auto* vb = static_cast<Int16Builder*>(lb->value_builder());
        (void)vb->Append(static_cast<int16_t>(i));
        (void)(i == 2 ? vb->AppendNull() : vb->Append(static_cast<int16_t>(-i)));
        break;
      }
      case TypeId::kStruct: {
        auto* sb = static_cast<StructBuilder*>(builder.get());
        (void)sb->Append();
        (void)static_cast<Int32Builder*>(sb->field_builder(0))->Append(i);
        (void)static_cast<StringBuilder*>(sb->field_builder(1))->Append(SampleString(i));
        break;
      }
      case TypeId::kMap: {
        auto* lb = static_cast<ListBuilder*>(builder.get());
        (void)lb->Append();
        auto* eb = static_cast<StructBuilder*>(lb->value_builder());
        for (int j = 0; j < i % 3; ++j) {
          (void)eb->Append();
          (void)static_cast<StringBuilder*>(eb->field_builder(0))->Append("k" + std::to_string(j));
          auto* vb = static_cast<Int64Builder*>(eb->field_builder(1));
          (void)(j == 1 ? vb->AppendNull() : vb->Append(i * 100 + j));
        }
        break;
      }
      default: break;
    }
  }
  return *builder->Finish();
}

inline ArrayPtr SampleDictionary(const DataTypePtr& type) {
  DictionaryBuilder b(type, *MakeBuilder(type->value_type()));
  static const char* kValues[] = {"red", "green", "red", "blue", "green", "red", "blue"};
  for (int i = 0; i < kSampleLength; ++i) {
    (void)(SampleValid(i) ? b.Append(kValues[i]) : b.AppendNull());
  }
  return *b.Finish();
}

/// (name, array) for every type the engine supports.
inline std::vector<std::pair<std::string, ArrayPtr>> AllSampleArrays() {
  std::vector<std::pair<std::string, ArrayPtr>> out;
  {
    NullBuilder nb;
    (void)nb.AppendNulls(kSampleLength);
    out.emplace_back("null", *nb.Finish());
  }
  {
    std::vector<bool> v, valid;
    for (int i = 0; i < kSampleLength; ++i) {
      v.push_back(i % 2 == 0);
      valid.push_back(SampleValid(i));
    }
    out.emplace_back("boolean", *ArrayFromVector<bool>(boolean(), v, valid));
  }
  out.emplace_back("int8", SamplePrimitive<int8_t>(int8(), [](int i) { return int8_t(i - 3); }));
  out.emplace_back("int16",
                   SamplePrimitive<int16_t>(int16(), [](int i) { return int16_t(i * 300); }));
  out.emplace_back("int32", SamplePrimitive<int32_t>(int32(), [](int i) { return i * -70000; }));
  out.emplace_back("int64",
                   SamplePrimitive<int64_t>(int64(), [](int i) { return int64_t(i) << 40; }));
  out.emplace_back("uint8",
                   SamplePrimitive<uint8_t>(uint8(), [](int i) { return uint8_t(250 + i); }));
  out.emplace_back("uint16",
                   SamplePrimitive<uint16_t>(uint16(), [](int i) { return uint16_t(65000 + i); }));
  out.emplace_back("uint32",
                   SamplePrimitive<uint32_t>(uint32(), [](int i) { return 4000000000u + i; }));
  out.emplace_back("uint64",
                   SamplePrimitive<uint64_t>(uint64(), [](int i) { return ~uint64_t(0) - i; }));
  out.emplace_back("float16", SamplePrimitive<uint16_t>(
                                  float16(), [](int i) { return uint16_t(0x3C00 + i * 0x100); }));
  out.emplace_back("float32", SamplePrimitive<float>(float32(), [](int i) { return i * 1.5f; }));
  out.emplace_back("float64", SamplePrimitive<double>(float64(), [](int i) { return i / 3.0; }));
  out.emplace_back("decimal128", SamplePrimitive<Int128>(decimal128(38, 4), [](int i) {
                     return Int128(i) * 1000000000000LL * -7;
                   }));
  out.emplace_back("decimal256", SamplePrimitive<Int256>(decimal256(50, 2), [](int i) {
                     return Int256::FromInt128(Int128(i) * -123456789);
                   }));
  for (auto t : {utf8(), large_utf8(), utf8_view(), binary(), large_binary(), binary_view(),
                 fixed_size_binary(3)}) {
    out.emplace_back(t->ToString(), SampleStrings(t));
  }
  out.emplace_back("date32", SamplePrimitive<int32_t>(date32(), [](int i) { return 18000 + i; }));
  out.emplace_back("date64", SamplePrimitive<int64_t>(
                                 date64(), [](int i) { return int64_t(18000 + i) * 86400000; }));
  out.emplace_back("time32", SamplePrimitive<int32_t>(time32(TimeUnit::kMillisecond),
                                                      [](int i) { return i * 1000 + 5; }));
  out.emplace_back("time64", SamplePrimitive<int64_t>(time64(TimeUnit::kNanosecond),
                                                      [](int i) { return int64_t(i) * 999999; }));
  auto ts = [](int i) { return int64_t(1600000000) * 1000000 + i; };
  out.emplace_back("timestamp", SamplePrimitive<int64_t>(timestamp(TimeUnit::kMicrosecond), ts));
  out.emplace_back("timestamp_tz",
                   SamplePrimitive<int64_t>(timestamp(TimeUnit::kNanosecond, "+00:00"), ts));
  out.emplace_back("timestamp_named_tz",
                   SamplePrimitive<int64_t>(timestamp(TimeUnit::kSecond, "America/New_York"), ts));
  out.emplace_back("duration", SamplePrimitive<int64_t>(duration(TimeUnit::kMillisecond),
                                                        [](int i) { return int64_t(i) * -17; }));
  out.emplace_back("interval_ym", SamplePrimitive<int32_t>(interval(IntervalUnit::kYearMonth),
                                                           [](int i) { return i * 13; }));
  out.emplace_back("interval_dt",
                   SamplePrimitive<IntervalDayTime>(interval(IntervalUnit::kDayTime), [](int i) {
                     return IntervalDayTime{i, -i * 1000};
                   }));
  out.emplace_back("interval_mdn", SamplePrimitive<IntervalMonthDayNano>(
                                       interval(IntervalUnit::kMonthDayNano), [](int i) {
                                         return IntervalMonthDayNano{i, i + 1, int64_t(i) << 33};
                                       }));
  out.emplace_back("list", SampleList(list(int32())));
  out.emplace_back("large_list", SampleList(large_list(utf8())));
  out.emplace_back("fixed_size_list", SampleList(fixed_size_list(int16(), 2)));
  out.emplace_back("struct", SampleList(struct_({field("a", int32()), field("b", utf8(), true)})));
  out.emplace_back("map", SampleList(map(utf8(), int64())));
  out.emplace_back("dictionary", SampleDictionary(dictionary(int32(), utf8())));
  out.emplace_back("dictionary_ordered_u8",
                   SampleDictionary(dictionary(uint8(), large_utf8(), true)));
  return out;
}

/// A batch with one column per sample array.
inline RecordBatchPtr SampleBatch() {
  std::vector<FieldPtr> fields;
  std::vector<ArrayPtr> columns;
  for (auto& [name, arr] : AllSampleArrays()) {
    fields.push_back(field(name, arr->type(), true, {{"origin", "sample"}}));
    columns.push_back(arr);
  }
  return RecordBatch::Make(schema(fields, {{"k", "v"}}), kSampleLength, columns);
}

}  // namespace quiver::testing
