#include "test_util.h"

namespace quiver::compute {
namespace {

using namespace testing;  // NOLINT

TEST(TakeTest, PrimitiveWithNullsAndSlice) {
  auto v = I64({10, 20, 30, 40}, {true, false, true, true})->Slice(1);  // null,30,40
  auto idx = I32({2, 0, 1, 0}, {true, true, true, false});
  EXPECT_EQ(ShowOk(Take(v, *idx)), "40,null,30,null");
  EXPECT_NE(ErrorOf(Take(v, *I64({3}))).find("out of bounds"), std::string::npos);
  EXPECT_NE(ErrorOf(Take(v, *I64({-1}))).find("out of bounds"), std::string::npos);
}

TEST(TakeTest, StringsViewsBoolean) {
  for (auto t : {utf8(), large_utf8(), utf8_view(), binary()}) {
    auto v = Str({"a", "bb", "a long string over twelve bytes", "d"}, {true, true, true, false}, t);
    auto r = Take(v->Slice(1), *Make<uint64_t>(uint64(), {1, 2, 0, 1}));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE((*r)->data()->Validate().ok());
    EXPECT_EQ((*r)->length(), 4);
    EXPECT_EQ(GetBinaryView(**r, 0), "a long string over twelve bytes");
    EXPECT_TRUE((*r)->IsNull(1));
    EXPECT_EQ(GetBinaryView(**r, 2), "bb");
  }
  EXPECT_EQ(ShowOk(Take(Bool({true, false, true}, {true, true, false}), *I32({2, 1, 0}))),
            "null,false,true");
}

TEST(TakeTest, NestedAndDictionary) {
  auto lb = *MakeBuilder(list(int64()));
  auto* l = static_cast<ListBuilder*>(lb.get());
  auto* vb = static_cast<Int64Builder*>(l->value_builder());
  ASSERT_TRUE(l->Append().ok());
  ASSERT_TRUE(vb->Append(1).ok());
  ASSERT_TRUE(vb->Append(2).ok());
  ASSERT_TRUE(l->AppendNull().ok());
  ASSERT_TRUE(l->Append().ok());
  ASSERT_TRUE(vb->Append(3).ok());
  auto lists = *l->Finish();
  auto r = Take(lists, *I32({2, 1, 0}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Show(*r), "[3],null,[1, 2]");
  EXPECT_TRUE((*r)->data()->Validate().ok());

  auto dict = Str({"x", "y", "x", "z"}, {}, dictionary(int32(), utf8()));
  auto d = Take(dict, *I32({3, 0, 2}));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->type_id(), TypeId::kDictionary);
  EXPECT_EQ(Show(*d), "z,x,x");

  auto st = struct_({field("a", int64()), field("b", utf8())});
  auto sb = *MakeBuilder(st);
  auto* s = static_cast<StructBuilder*>(sb.get());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(s->Append().ok());
    ASSERT_TRUE(static_cast<Int64Builder*>(s->field_builder(0))->Append(i).ok());
    ASSERT_TRUE(static_cast<StringBuilder*>(s->field_builder(1))->Append(std::to_string(i)).ok());
  }
  auto structs = (*s->Finish())->Slice(1);
  auto t = Take(structs, *I32({1, 0}));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Show(*t), "{a: 2, b: 2},{a: 1, b: 1}");
}

TEST(FilterTest, MaskWithNullsAndOffsets) {
  std::vector<int64_t> vals(100);
  std::vector<bool> mask(100);
  for (int i = 0; i < 100; ++i) {
    vals[i] = i;
    mask[i] = i % 7 == 0;
  }
  auto v = I64(vals)->Slice(3);
  auto m = Bool(mask)->Slice(3);
  auto r = Filter(v, static_cast<const BooleanArray&>(*m));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Show(*r), "7,14,21,28,35,42,49,56,63,70,77,84,91,98");
  auto m2 = Bool({true, true, false}, {true, false, true});
  EXPECT_EQ(ShowOk(Filter(Str({"a", "b", "c"}), static_cast<const BooleanArray&>(*m2))), "a");
  EXPECT_FALSE(Filter(I64({1}), static_cast<const BooleanArray&>(*m2)).ok());
  auto all = Bool({true, true, true});
  EXPECT_EQ(ShowOk(Filter(F64({1, 2, 3}), static_cast<const BooleanArray&>(*all))), "1.0,2.0,3.0");
}

TEST(FilterTest, Batch) {
  auto schema = quiver::schema({field("a", int64()), field("b", utf8())});
  auto batch = RecordBatch::Make(schema, 3, {I64({1, 2, 3}), Str({"x", "y", "z"})});
  auto m = Bool({false, true, true});
  auto r = FilterBatch(batch, static_cast<const BooleanArray&>(*m));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->num_rows(), 2);
  EXPECT_EQ(Show((*r)->column(1)), "y,z");
  auto t = TakeBatch(batch, *I64({2, 2}));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Show((*t)->column(0)), "3,3");
}

TEST(ConcatenateTest, AllKinds) {
  EXPECT_EQ(ShowOk(Concatenate({I64({1, 2}, {true, false}), I64({3, 4, 5})->Slice(1)})),
            "1,null,4,5");
  EXPECT_EQ(ShowOk(Concatenate({Str({"a"}, {}, large_utf8()), Str({"b", "c"}, {}, large_utf8())})),
            "a,b,c");
  EXPECT_FALSE(Concatenate({I64({1}), I32({1})}).ok());
  auto d1 = Str({"x", "y"}, {}, dictionary(int32(), utf8()));
  auto d2 = Str({"z", "x"}, {}, dictionary(int32(), utf8()));
  auto r = Concatenate({d1, d2});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->type_id(), TypeId::kDictionary);
  EXPECT_EQ(Show(*r), "x,y,z,x");
  auto schema = quiver::schema({field("a", int64())});
  auto b = RecordBatch::Make(schema, 2, {I64({1, 2})});
  auto cb = ConcatenateBatches(schema, {b, b});
  ASSERT_TRUE(cb.ok());
  EXPECT_EQ((*cb)->num_rows(), 4);
  auto empty = ConcatenateBatches(schema, {});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ((*empty)->num_rows(), 0);
}

}  // namespace
}  // namespace quiver::compute
