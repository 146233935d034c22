// BooleanArray::true_count counts valid true values word by word; checked
// against a row-by-row count over slices at every bit offset and lengths
// around the 64-bit word size, with and without nulls.
#include <gtest/gtest.h>

#include "quiver/arrow/builder.h"

namespace quiver {
namespace {

int64_t RowByRow(const BooleanArray& a) {
  int64_t n = 0;
  for (int64_t i = 0; i < a.length(); ++i) n += a.IsValid(i) && a.Value(i);
  return n;
}

TEST(TrueCountTest, SlicesAndNulls) {
  std::vector<bool> values, valid, all_valid;
  for (int i = 0; i < 300; ++i) {
    values.push_back((i * 7) % 3 != 0);
    valid.push_back(i % 5 != 2);
    all_valid.push_back(true);
  }
  for (const auto& v : {valid, all_valid}) {
    auto arr = *ArrayFromVector<bool>(boolean(), values, v);
    for (int64_t off : {0, 1, 3, 7, 8, 9, 63, 64, 65}) {
      for (int64_t len : {0, 1, 7, 63, 64, 65, 128, 200}) {
        if (off + len > arr->length()) continue;
        auto s = std::static_pointer_cast<BooleanArray>(arr->Slice(off, len));
        EXPECT_EQ(s->true_count(), RowByRow(*s)) << off << " " << len;
      }
    }
  }
}

}  // namespace
}  // namespace quiver
