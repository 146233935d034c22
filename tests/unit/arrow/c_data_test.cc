#include "quiver/arrow/c_data.h"

#include <gtest/gtest.h>

#include <cstring>

#include "ipc/sample_arrays.h"

namespace quiver {
namespace {

using testing::AllSampleArrays;

// Collects the data pointers of every buffer in an array tree.
void CollectPointers(const ArrayData& d, std::vector<const void*>* out) {
  for (const auto& b : d.buffers) {
    if (b && b->size() > 0) out->push_back(b->data());
  }
  for (const auto& c : d.children) CollectPointers(*c, out);
  if (d.dictionary) CollectPointers(*d.dictionary, out);
}

void ExpectRoundTrip(const std::string& name, const ArrayPtr& arr) {
  SCOPED_TRACE(name + " " + arr->type()->ToString());
  ArrowArray c_arr;
  ArrowSchema c_schema;
  ASSERT_TRUE(ExportArray(*arr, &c_arr, &c_schema).ok());
  auto back = ImportArray(&c_arr, &c_schema);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(c_arr.release, nullptr);
  EXPECT_EQ(c_schema.release, nullptr);
  EXPECT_TRUE((*back)->type()->Equals(*arr->type()))
      << (*back)->type()->ToString() << " vs " << arr->type()->ToString();
  EXPECT_TRUE((*back)->Equals(*arr));
  EXPECT_EQ((*back)->null_count(), arr->null_count());
  // Zero copy: every non-empty buffer of the original is viewed, not copied.
  std::vector<const void*> a, b;
  CollectPointers(*arr->data(), &a);
  CollectPointers(*(*back)->data(), &b);
  EXPECT_EQ(a, b);
}

TEST(CDataTest, RoundTripEveryType) {
  for (const auto& [name, arr] : AllSampleArrays()) {
    ASSERT_NE(arr, nullptr) << name;
    ExpectRoundTrip(name, arr);
  }
}

TEST(CDataTest, RoundTripSlices) {
  for (const auto& [name, arr] : AllSampleArrays()) {
    ExpectRoundTrip(name + " slice(2,4)", arr->Slice(2, 4));
    ExpectRoundTrip(name + " slice(7,0)", arr->Slice(7, 0));
  }
}

TEST(CDataTest, FormatStrings) {
  struct Case {
    DataTypePtr type;
    const char* format;
  };
  std::vector<Case> cases = {
      {null(), "n"},
      {boolean(), "b"},
      {int8(), "c"},
      {uint8(), "C"},
      {int16(), "s"},
      {uint16(), "S"},
      {int32(), "i"},
      {uint32(), "I"},
      {int64(), "l"},
      {uint64(), "L"},
      {float16(), "e"},
      {float32(), "f"},
      {float64(), "g"},
      {decimal128(10, 2), "d:10,2"},
      {decimal256(40, 3), "d:40,3,256"},
      {fixed_size_binary(5), "w:5"},
      {binary(), "z"},
      {large_binary(), "Z"},
      {utf8(), "u"},
      {large_utf8(), "U"},
      {utf8_view(), "vu"},
      {binary_view(), "vz"},
      {date32(), "tdD"},
      {date64(), "tdm"},
      {time32(TimeUnit::kSecond), "tts"},
      {time32(TimeUnit::kMillisecond), "ttm"},
      {time64(TimeUnit::kMicrosecond), "ttu"},
      {time64(TimeUnit::kNanosecond), "ttn"},
      {timestamp(TimeUnit::kSecond, "UTC"), "tss:UTC"},
      {timestamp(TimeUnit::kMillisecond), "tsm:"},
      {timestamp(TimeUnit::kNanosecond, "+01:00"), "tsn:+01:00"},
      {duration(TimeUnit::kSecond), "tDs"},
      {duration(TimeUnit::kNanosecond), "tDn"},
      {interval(IntervalUnit::kYearMonth), "tiM"},
      {interval(IntervalUnit::kDayTime), "tiD"},
      {interval(IntervalUnit::kMonthDayNano), "tin"},
      {list(int32()), "+l"},
      {large_list(int32()), "+L"},
      {fixed_size_list(int32(), 4), "+w:4"},
      {struct_({field("a", int32())}), "+s"},
      {map(utf8(), int32(), true), "+m"},
      {dictionary(int16(), utf8(), true), "s"},
  };
  for (const auto& c : cases) {
    ArrowSchema s;
    ASSERT_TRUE(ExportType(*c.type, &s).ok());
    EXPECT_STREQ(s.format, c.format);
    if (c.type->id() == TypeId::kMap) {
      EXPECT_TRUE(s.flags & ARROW_FLAG_MAP_KEYS_SORTED);
    }
    if (c.type->id() == TypeId::kDictionary) {
      EXPECT_TRUE(s.flags & ARROW_FLAG_DICTIONARY_ORDERED);
      ASSERT_NE(s.dictionary, nullptr);
      EXPECT_STREQ(s.dictionary->format, "u");
    }
    auto back = ImportType(&s);
    ASSERT_TRUE(back.ok()) << c.format << ": " << back.status().ToString();
    EXPECT_TRUE((*back)->Equals(*c.type)) << (*back)->ToString();
    EXPECT_EQ(s.release, nullptr);
  }
}

TEST(CDataTest, SchemaWithMetadataAndNullability) {
  auto sch = schema({field("a", int64(), false, {{"k1", "v1"}, {"k2", ""}}),
                     field("b", list(field("elem", utf8(), false)))},
                    {{"schema_key", "schema_value"}});
  ArrowSchema c;
  ASSERT_TRUE(ExportSchema(*sch, &c).ok());
  EXPECT_STREQ(c.format, "+s");
  ASSERT_EQ(c.n_children, 2);
  EXPECT_STREQ(c.children[0]->name, "a");
  EXPECT_EQ(c.children[0]->flags & ARROW_FLAG_NULLABLE, 0);
  EXPECT_NE(c.children[1]->flags & ARROW_FLAG_NULLABLE, 0);
  auto back = ImportSchema(&c);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE((*back)->Equals(*sch, /*check_metadata=*/true));
}

TEST(CDataTest, RecordBatchRoundTrip) {
  auto batch = testing::SampleBatch()->Slice(1, 5);
  ArrowArray a;
  ArrowSchema s;
  ASSERT_TRUE(ExportRecordBatch(*batch, &a, &s).ok());
  EXPECT_EQ(a.n_children, batch->num_columns());
  auto back = ImportRecordBatch(&a, &s);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ((*back)->num_rows(), 5);
  EXPECT_TRUE((*back)->schema()->Equals(*batch->schema(), true));
  for (int i = 0; i < batch->num_columns(); ++i) {
    EXPECT_TRUE((*back)->column(i)->Equals(*batch->column(i))) << i;
  }
  EXPECT_TRUE((*back)->Validate().ok());
}

// A producer whose release callback counts calls, around our own export.
struct CountingProducer {
  static inline int releases = 0;
  static inline void (*inner)(ArrowArray*) = nullptr;
  static void Release(ArrowArray* a) {
    ++releases;
    a->release = inner;
    inner(a);
  }
};

TEST(CDataTest, ReleaseCalledExactlyOnceAfterLastView) {
  auto arr = *ArrayFromVector<int64_t>(int64(), {1, 2, 3, 4});
  ArrowArray c;
  ASSERT_TRUE(ExportArray(*arr, &c).ok());
  CountingProducer::releases = 0;
  CountingProducer::inner = c.release;
  c.release = &CountingProducer::Release;
  ArrayPtr sliced;
  {
    auto imported = ImportArray(&c, int64());
    ASSERT_TRUE(imported.ok());
    sliced = (*imported)->Slice(1, 2);
  }
  EXPECT_EQ(CountingProducer::releases, 0);  // the slice still views it
  EXPECT_EQ(static_cast<const Int64Array&>(*sliced).Value(0), 2);
  sliced.reset();
  EXPECT_EQ(CountingProducer::releases, 1);
}

TEST(CDataTest, ReleaseOnImportError) {
  auto arr = *ArrayFromVector<int64_t>(int64(), {1, 2, 3});
  ArrowArray c;
  ASSERT_TRUE(ExportArray(*arr, &c).ok());
  CountingProducer::releases = 0;
  CountingProducer::inner = c.release;
  c.release = &CountingProducer::Release;
  c.n_buffers = 3;  // malformed
  auto r = ImportArray(&c, int64());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(CountingProducer::releases, 1);
  EXPECT_EQ(c.release, nullptr);
}

TEST(CDataTest, ExportedTreeOutlivesSource) {
  ArrowArray c;
  ArrowSchema s;
  {
    auto arr = testing::SampleList(list(int32()));
    ASSERT_TRUE(ExportArray(*arr, &c, &s).ok());
  }
  // The consumer may move a child out and release it independently.
  ArrowArray child = *c.children[0];
  c.children[0]->release = nullptr;
  EXPECT_EQ(child.length, 8);  // valid rows 0,2,3,5,6 hold i % 4 values
  child.release(&child);
  c.release(&c);
  s.release(&s);
  EXPECT_EQ(c.release, nullptr);
}

Result<ArrayPtr> ImportMalformed(const ArrayPtr& arr, void (*mutate)(ArrowArray*)) {
  ArrowArray c;
  QUIVER_RETURN_NOT_OK(ExportArray(*arr, &c));
  mutate(&c);
  return ImportArray(&c, arr->type());
}

TEST(CDataTest, MalformedImportsFail) {
  auto ints = *ArrayFromVector<int32_t>(int32(), {1, 2, 3});
  auto strs = *ArrayFromVector<std::string>(utf8(), {"ab", "c", ""});
  EXPECT_FALSE(ImportMalformed(ints, [](ArrowArray* a) { a->n_buffers = 1; }).ok());
  EXPECT_FALSE(ImportMalformed(ints, [](ArrowArray* a) { a->length = -1; }).ok());
  EXPECT_FALSE(ImportMalformed(ints, [](ArrowArray* a) { a->buffers[1] = nullptr; }).ok());
  EXPECT_FALSE(ImportMalformed(ints, [](ArrowArray* a) { a->null_count = 2; }).ok());
  EXPECT_FALSE(ImportMalformed(ints, [](ArrowArray* a) { a->n_children = 1; }).ok());
  // Offsets that decrease or run past the data.
  static int32_t bad_offsets[] = {0, 2, 1, 3};
  static int32_t neg_offsets[] = {0, -2, 1, 3};
  EXPECT_FALSE(ImportMalformed(strs, [](ArrowArray* a) { a->buffers[1] = bad_offsets; }).ok());
  EXPECT_FALSE(ImportMalformed(strs, [](ArrowArray* a) { a->buffers[1] = neg_offsets; }).ok());
  // A list whose offsets point past its child.
  auto lst = testing::SampleList(list(int32()));
  static int32_t far_offsets[] = {0, 0, 1, 3, 3, 3, 4, 1000};
  EXPECT_FALSE(ImportMalformed(lst, [](ArrowArray* a) { a->buffers[1] = far_offsets; }).ok());
  // Dictionary indices out of range.
  auto dict = testing::SampleDictionary(dictionary(int32(), utf8()));
  static int32_t bad_indices[] = {0, 0, 99, 0, 0, 0, 0};
  EXPECT_FALSE(ImportMalformed(dict, [](ArrowArray* a) { a->buffers[1] = bad_indices; }).ok());
  // A view pointing outside its variadic buffer.
  auto views = testing::SampleStrings(utf8_view());
  EXPECT_FALSE(ImportMalformed(views, [](ArrowArray* a) {
                 auto* sizes = const_cast<int64_t*>(
                     static_cast<const int64_t*>(a->buffers[a->n_buffers - 1]));
                 sizes[0] = 3;
               }).ok());
}

TEST(CDataTest, BadFormatStrings) {
  for (const char* f : {"", "x", "d:", "d:10", "d:10,2,99", "w:", "w:-1", "tt", "ttx",
                        "tsx:", "tDq", "ti", "+", "+w:", "+l", "+ud:0", "+q", "d:99,2"}) {
    ArrowSchema s{};
    s.format = f;
    s.name = "";
    s.release = [](ArrowSchema* p) { p->release = nullptr; };
    auto r = ImportType(&s);
    EXPECT_FALSE(r.ok()) << f;
    EXPECT_EQ(s.release, nullptr) << f;
  }
}

TEST(CDataTest, NullValidityAndNullOffsetsForEmpty) {
  // A foreign producer may give null buffers for an empty string array.
  static const void* bufs[3] = {nullptr, nullptr, nullptr};
  ArrowArray a{};
  a.length = 0;
  a.n_buffers = 3;
  a.buffers = bufs;
  a.release = [](ArrowArray* p) { p->release = nullptr; };
  auto r = ImportArray(&a, utf8());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->length(), 0);
}

}  // namespace
}  // namespace quiver
