#include "quiver/arrow/c_stream.h"

#include <gtest/gtest.h>

#include "ipc/sample_arrays.h"

namespace quiver {
namespace {

TEST(CStreamTest, ExportThenImportBatches) {
  auto batch = testing::SampleBatch();
  std::vector<RecordBatchPtr> batches = {batch, batch->Slice(2, 3), batch->Slice(0, 0)};
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportRecordBatchStream(batch->schema(), batches, &stream).ok());
  auto reader = ImportedStreamReader::Make(&stream);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(stream.release, nullptr);
  EXPECT_TRUE((*reader)->schema()->Equals(*batch->schema(), true));
  for (const auto& expected : batches) {
    auto got = (*reader)->Next();
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_NE(*got, nullptr);
    ASSERT_EQ((*got)->num_rows(), expected->num_rows());
    for (int i = 0; i < expected->num_columns(); ++i) {
      EXPECT_TRUE((*got)->column(i)->Equals(*expected->column(i))) << i;
    }
  }
  auto end = (*reader)->Next();
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(*end, nullptr);
  EXPECT_EQ(*(*reader)->Next(), nullptr);  // stays at the end
}

TEST(CStreamTest, ProducerErrorSurfaces) {
  auto s = schema({field("x", int64())});
  int calls = 0;
  auto producer = [&]() -> Result<RecordBatchPtr> {
    if (calls++ == 0) {
      return RecordBatch::Make(s, 2, {*ArrayFromVector<int64_t>(int64(), {1, 2})});
    }
    return Status::IO("disk went away");
  };
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportRecordBatchStream(s, producer, &stream).ok());
  auto reader = *ImportedStreamReader::Make(&stream);
  auto first = reader->Next();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)->num_rows(), 2);
  auto second = reader->Next();
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("disk went away"), std::string::npos)
      << second.status().ToString();
}

TEST(CStreamTest, RawCallbacks) {
  auto s = schema({field("x", int64())});
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportRecordBatchStream(s, std::vector<RecordBatchPtr>{}, &stream).ok());
  ArrowSchema c_schema;
  ASSERT_EQ(stream.get_schema(&stream, &c_schema), 0);
  EXPECT_STREQ(c_schema.format, "+s");
  c_schema.release(&c_schema);
  ArrowArray arr;
  ASSERT_EQ(stream.get_next(&stream, &arr), 0);
  EXPECT_EQ(arr.release, nullptr);
  EXPECT_EQ(stream.get_last_error(&stream), nullptr);
  stream.release(&stream);
  EXPECT_EQ(stream.release, nullptr);
}

TEST(CStreamTest, MismatchedBatchIsAnError) {
  auto s = schema({field("x", int64())});
  auto other = schema({field("y", utf8())});
  auto bad = RecordBatch::Make(other, 1, {*ArrayFromVector<std::string>(utf8(), {"a"})});
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportRecordBatchStream(s, std::vector<RecordBatchPtr>{bad}, &stream).ok());
  auto reader = *ImportedStreamReader::Make(&stream);
  EXPECT_FALSE(reader->Next().ok());
}

}  // namespace
}  // namespace quiver
