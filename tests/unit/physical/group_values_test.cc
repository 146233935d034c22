#include <gtest/gtest.h>

#include "quiver/arrow/builder.h"
#include "quiver/physical/group_values.h"

namespace quiver {
namespace {

TEST(GroupValuesTest, InlineAndArenaKeysWithNulls) {
  // Int32 keys fit the inline path; strings go to the arena.
  for (bool strings : {false, true}) {
    GroupValues gv({strings ? utf8() : int32()});
    ArrayPtr keys;
    if (strings) {
      keys = *ArrayFromVector<std::string>(utf8(), {"a", "b", "a", "", "x"},
                                           {true, true, true, true, false});
    } else {
      keys = *ArrayFromVector<int32_t>(int32(), {1, 2, 1, 0, 0}, {true, true, true, true, false});
    }
    std::vector<uint32_t> ids;
    ASSERT_TRUE(gv.Intern({keys}, &ids).ok());
    EXPECT_EQ(ids, (std::vector<uint32_t>{0, 1, 0, 2, 3}));
    ASSERT_TRUE(gv.Intern({keys->Slice(1, 2)}, &ids).ok());
    EXPECT_EQ(ids, (std::vector<uint32_t>{1, 0}));
    auto emitted = *gv.Emit();
    EXPECT_EQ(emitted[0]->length(), 4);
    EXPECT_TRUE(emitted[0]->IsNull(3));
  }
}

TEST(GroupValuesTest, ManyGroupsGrowTheTable) {
  GroupValues gv({int64(), utf8()});
  Int64Builder a(int64());
  StringBuilder b(utf8());
  for (int i = 0; i < 100000; ++i) {
    ASSERT_TRUE(a.Append(i % 5000).ok());
    ASSERT_TRUE(b.Append(i % 2 ? "odd" : "even").ok());
  }
  std::vector<uint32_t> ids;
  ASSERT_TRUE(gv.Intern({*a.Finish(), *b.Finish()}, &ids).ok());
  EXPECT_EQ(gv.num_groups(), 5000);  // i % 5000 fixes the parity
}

}  // namespace
}  // namespace quiver
