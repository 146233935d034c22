#include <cmath>

#include "test_util.h"

namespace quiver::compute {
namespace {

using namespace testing;  // NOLINT

TEST(SortTest, SinglePrimitiveKey) {
  auto v = I64({3, 1, 0, 2, 1}, {true, true, false, true, true});
  EXPECT_EQ(ShowOk(SortIndices({{v}})), "1,4,3,0,2");
  EXPECT_EQ(ShowOk(SortIndices({{v, true, true}})), "2,0,3,1,4");
  EXPECT_EQ(ShowOk(SortIndices({{v, false, false}}, 2)), "1,4");
  EXPECT_EQ(ShowOk(SortIndices({{v, true, true}}, 2)), "2,0");
  auto f = F64({NAN, 1.0, -INFINITY, 2.0});
  EXPECT_EQ(ShowOk(SortIndices({{f}})), "2,1,3,0");
  EXPECT_EQ(ShowOk(SortIndices({{f, true}})), "0,3,1,2");
}

TEST(SortTest, MultiKeyStable) {
  auto a = Str({"b", "a", "b", "a", "c"});
  auto b = I64({1, 2, 0, 2, 5});
  EXPECT_EQ(ShowOk(SortIndices({{a}, {b, true}})), "1,3,0,2,4");
  EXPECT_EQ(ShowOk(SortIndices({{a, true}, {b}}, 3)), "4,2,0");
  auto s = Str({"x", "y"}, {false, true}, large_utf8());
  EXPECT_EQ(ShowOk(SortIndices({{s, false, true}})), "0,1");
  EXPECT_EQ(ShowOk(SortIndices({{s, false, false}})), "1,0");
}

// Several numeric keys take the normalized-word path: nulls by their own
// rank, NaN above every number, -0 equal to 0, ties in input order.
TEST(SortTest, MultiKeyNumeric) {
  auto a = I64({2, 1, 2, 0, 1}, {true, true, true, false, true});
  auto b = F64({0.5, NAN, -0.0, 3, 0.0});
  EXPECT_EQ(ShowOk(SortIndices({{a}, {b, true}})), "1,4,0,2,3");
  EXPECT_EQ(ShowOk(SortIndices({{a, false, true}, {b, true}})), "3,1,4,0,2");
  EXPECT_EQ(ShowOk(SortIndices({{a}, {b, true}}, 2)), "1,4");
  EXPECT_EQ(ShowOk(SortIndices({{a, true}, {b}})), "2,0,4,1,3");
  auto ones = I64({1, 1});
  auto zeros = F64({0.0, -0.0});
  EXPECT_EQ(ShowOk(SortIndices({{ones}, {zeros}})), "0,1");
  EXPECT_EQ(ShowOk(SortIndices({{ones, true}, {zeros, true}})), "0,1");
}

TEST(HashTest, LayoutsAgreeAndNullsEqual) {
  auto a = Str({"x", "yy", "zzzzzzzzzzzzzzzzzzz", ""}, {true, true, true, false});
  auto b = Str({"x", "yy", "zzzzzzzzzzzzzzzzzzz", "q"}, {true, true, true, false}, large_utf8());
  auto c = Str({"x", "yy", "zzzzzzzzzzzzzzzzzzz", "q"}, {true, true, true, false}, utf8_view());
  auto d = Str({"x", "yy", "zzzzzzzzzzzzzzzzzzz", "q"}, {true, true, true, false},
               dictionary(int32(), utf8()));
  std::vector<std::vector<uint64_t>> hs;
  for (const auto& col : {a, b, c, d}) {
    std::vector<uint64_t> h(4, 42);
    ASSERT_TRUE(HashColumns({col, I64({1, 2, 3, 4})}, h.data()).ok());
    hs.push_back(h);
  }
  for (size_t k = 1; k < hs.size(); ++k) EXPECT_EQ(hs[0], hs[k]);
  EXPECT_NE(hs[0][0], hs[0][1]);
  std::vector<uint64_t> h1(2, 0), h2(2, 0);
  ASSERT_TRUE(HashColumns({I64({5, 0}, {true, false})}, h1.data()).ok());
  ASSERT_TRUE(HashColumns({I64({5, 7}, {true, false})}, h2.data()).ok());
  EXPECT_EQ(h1, h2);
  std::vector<uint64_t> f1(2, 0);
  ASSERT_TRUE(HashColumns({F64({0.0, NAN})}, f1.data()).ok());
  std::vector<uint64_t> f2(2, 0);
  ASSERT_TRUE(HashColumns({F64({-0.0, -NAN})}, f2.data()).ok());
  EXPECT_EQ(f1, f2);
}

}  // namespace
}  // namespace quiver::compute
