// Builders must produce the Arrow columnar layout bit for bit: the buffer
// count of each layout, 64-byte aligned buffers, offsets from zero.
#include <gtest/gtest.h>

#include "ipc/sample_arrays.h"

namespace quiver {
namespace {

// Buffers (validity included) of each layout in our ArrayData; views have at
// least one variadic data buffer.
size_t ExpectedBuffers(TypeId id) {
  switch (id) {
    case TypeId::kNull: return 1;
    case TypeId::kStruct:
    case TypeId::kFixedSizeList: return 1;
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeBinary:
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: return 3;
    default: return 2;
  }
}

template <typename OffsetT>
void CheckOffsets(const ArrayData& d, int64_t limit) {
  const auto* o = d.buffers[1]->data_as<OffsetT>();
  EXPECT_EQ(o[0], 0);
  for (int64_t i = 0; i < d.length; ++i) EXPECT_LE(o[i], o[i + 1]);
  EXPECT_EQ(static_cast<int64_t>(o[d.length]), limit);
}

void CheckLayout(const ArrayData& d) {
  SCOPED_TRACE(d.type->ToString());
  const TypeId id = d.type->id();
  EXPECT_EQ(d.offset, 0);
  EXPECT_EQ(d.buffers.size(), ExpectedBuffers(id));
  EXPECT_TRUE(d.Validate().ok()) << d.Validate().ToString();
  for (size_t i = 0; i < d.buffers.size(); ++i) {
    if (!d.buffers[i]) continue;
    EXPECT_EQ(reinterpret_cast<uintptr_t>(d.buffers[i]->data()) % 64, 0u) << "buffer " << i;
    EXPECT_EQ(d.buffers[i]->capacity() % 64, 0) << "buffer " << i;
  }
  // Validity only when there are nulls (null type: never), sized for length.
  if (id == TypeId::kNull) {
    EXPECT_EQ(d.buffers[0], nullptr);
  } else if (d.null_count > 0) {
    ASSERT_NE(d.buffers[0], nullptr);
    EXPECT_GE(d.buffers[0]->size(), bit_util::BytesForBits(d.length));
  }
  switch (id) {
    case TypeId::kUtf8:
    case TypeId::kBinary: CheckOffsets<int32_t>(d, d.buffers[2]->size()); break;
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: CheckOffsets<int64_t>(d, d.buffers[2]->size()); break;
    case TypeId::kList:
    case TypeId::kMap: CheckOffsets<int32_t>(d, d.children[0]->length); break;
    case TypeId::kLargeList: CheckOffsets<int64_t>(d, d.children[0]->length); break;
    case TypeId::kFixedSizeList:
      EXPECT_EQ(d.children[0]->length, d.length * d.type->list_size());
      break;
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: EXPECT_EQ(d.buffers[1]->size(), d.length * 16); break;
    case TypeId::kStruct:
      for (const auto& c : d.children) EXPECT_EQ(c->length, d.length);
      break;
    default:
      if (d.type->bit_width() >= 8) {
        EXPECT_EQ(d.buffers[1]->size(), d.length * d.type->bit_width() / 8);
      }
  }
  for (const auto& c : d.children) CheckLayout(*c);
  if (d.dictionary) CheckLayout(*d.dictionary);
}

TEST(LayoutTest, BuildersProduceSpecLayouts) {
  for (const auto& [name, arr] : testing::AllSampleArrays()) {
    SCOPED_TRACE(name);
    CheckLayout(*arr->data());
  }
}

TEST(LayoutTest, MapEntriesAreNonNullStructOfKeyValue) {
  auto arr = testing::SampleList(map(utf8(), int64()));
  const auto& entries = arr->data()->children[0];
  EXPECT_EQ(entries->type->id(), TypeId::kStruct);
  EXPECT_EQ(entries->null_count, 0);
  EXPECT_EQ(entries->children[0]->null_count, 0);  // keys are never null
}

TEST(LayoutTest, ViewsInlineShortStringsAndReferenceLongOnes) {
  auto arr = testing::SampleStrings(utf8_view());
  const auto* views = arr->data()->buffers[1]->data_as<StringViewHeader>();
  for (int64_t i = 0; i < arr->length(); ++i) {
    if (arr->IsNull(i)) continue;
    auto s = testing::SampleString(static_cast<int>(i));
    EXPECT_EQ(views[i].size, static_cast<int32_t>(s.size()));
    if (s.size() > 12) {
      EXPECT_EQ(std::string(views[i].ref.prefix, 4), s.substr(0, 4));
      EXPECT_EQ(views[i].ref.buffer_index, 0);
    } else {
      EXPECT_EQ(std::string(views[i].inlined, s.size()), s);
    }
  }
}

}  // namespace
}  // namespace quiver
