#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>

#include "quiver/arrow/ipc/reader.h"
#include "quiver/arrow/ipc/writer.h"
#include "sample_arrays.h"

namespace quiver::ipc {
namespace {

namespace fs = std::filesystem;

void ExpectBatchesEqual(const RecordBatch& a, const RecordBatch& b) {
  ASSERT_EQ(a.num_rows(), b.num_rows());
  ASSERT_EQ(a.num_columns(), b.num_columns());
  for (int i = 0; i < a.num_columns(); ++i) {
    EXPECT_TRUE(a.column(i)->Equals(*b.column(i))) << a.schema()->field(i)->name() << "\n"
                                                   << a.column(i)->ToString() << "\nvs\n"
                                                   << b.column(i)->ToString();
  }
}

void RoundTrip(const std::vector<RecordBatchPtr>& batches, bool file, Compression codec) {
  SCOPED_TRACE(std::string(file ? "file" : "stream") + " codec " +
               std::to_string(static_cast<int>(codec)));
  auto schema = batches[0]->schema();
  auto data = SerializeBatches(schema, batches, file, {codec});
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_EQ(IsIpcFile(**data), file);
  SchemaPtr read_schema;
  auto back = ReadAllBatches(*data, &read_schema);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(read_schema->Equals(*schema, /*check_metadata=*/true)) << read_schema->ToString();
  ASSERT_EQ(back->size(), batches.size());
  for (size_t i = 0; i < batches.size(); ++i) ExpectBatchesEqual(*(*back)[i], *batches[i]);
}

TEST(IpcTest, RoundTripEveryTypeAllFormatsAndCodecs) {
  auto batch = testing::SampleBatch();
  std::vector<RecordBatchPtr> batches = {batch, batch->Slice(1, 5), batch->Slice(3, 1),
                                         batch->Slice(0, 0)};
  for (bool file : {false, true}) {
    for (auto codec : {Compression::kNone, Compression::kLz4Frame, Compression::kZstd}) {
      RoundTrip(batches, file, codec);
    }
  }
}

TEST(IpcTest, UncompressedReadIsZeroCopy) {
  auto batch = testing::SampleBatch();
  auto data = *SerializeBatches(batch->schema(), {batch}, true);
  auto reader = *IpcFileReader::Open(data);
  auto back = *reader->ReadRecordBatch(0);
  const uint8_t* begin = data->data();
  const uint8_t* end = begin + data->size();
  int idx = batch->schema()->GetFieldIndex("int64");
  const uint8_t* values = back->column(idx)->data()->buffers[1]->data();
  EXPECT_TRUE(values >= begin && values < end);
  EXPECT_EQ((values - begin) % 64, 0);  // 64-byte aligned in file
}

TEST(IpcTest, DictionaryReplacementInStreamAndErrorInFile) {
  auto s = schema({field("d", dictionary(int32(), utf8()))});
  auto a = RecordBatch::Make(s, 3,
                             {*ArrayFromVector<std::string>(s->field(0)->type(), {"x", "y", "x"})});
  auto b =
      RecordBatch::Make(s, 2, {*ArrayFromVector<std::string>(s->field(0)->type(), {"z", "w"})});
  RoundTrip({a, b, a}, false, Compression::kNone);
  auto file = SerializeBatches(s, {a, b}, true);
  EXPECT_FALSE(file.ok());
  RoundTrip({a, a}, true, Compression::kNone);  // same dictionary: fine
}

TEST(IpcTest, FileOnDisk) {
  auto path = fs::temp_directory_path() / ("quiver_ipc_test_" + std::to_string(::getpid()));
  auto batch = testing::SampleBatch();
  {
    auto out = *FileOutputStream::Open(path.string());
    auto w = *IpcWriter::OpenFile(out.get(), batch->schema(), {Compression::kZstd});
    ASSERT_TRUE(w->Write(*batch).ok());
    ASSERT_TRUE(w->Write(*batch->Slice(2)).ok());
    ASSERT_TRUE(w->Close().ok());
    ASSERT_TRUE(out->Close().ok());
  }
  auto r = IpcFileReader::Open(path.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ((*r)->num_record_batches(), 2);
  ExpectBatchesEqual(**(*r)->ReadRecordBatch(1), *batch->Slice(2));
  fs::remove(path);
}

TEST(IpcTest, MalformedInputFails) {
  auto batch = testing::SampleBatch();
  for (bool file : {false, true}) {
    auto data = *SerializeBatches(batch->schema(), {batch}, file);
    // Every truncation must fail cleanly (or, for streams cut at a message
    // boundary, yield fewer batches).
    for (int64_t n = 0; n < data->size(); n += 7) {
      auto cut = Buffer::Slice(data, 0, n);
      auto r = ReadAllBatches(cut);
      if (r.ok()) {
        EXPECT_FALSE(file) << n;
      }
    }
    // Flipped bytes: errors or valid data, never a crash.
    std::string bytes(data->view());
    for (size_t i = 0; i < bytes.size(); i += 13) {
      std::string corrupt = bytes;
      corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
      auto buf = *CopyBuffer(corrupt);
      (void)ReadAllBatches(buf);
    }
  }
  EXPECT_FALSE(ReadAllBatches(*CopyBuffer("not arrow at all")).ok());
  EXPECT_FALSE(ReadAllBatches(std::string("/nonexistent/file.arrow")).ok());
}

std::string CorpusDir() {
  return std::string(QUIVER_SHARED_DIR) + "/datafusion-tests/testing/data";
}

TEST(IpcTest, IntegrationCorpus) {
  const fs::path root = fs::path(CorpusDir()) / "arrow-ipc-stream" / "integration";
  if (!fs::exists(root)) GTEST_SKIP() << "no corpus at " << root;
  // Types we do not support are expected to fail with NotImplemented.
  const std::vector<std::string> unsupported = {"union", "run_end_encoded", "list_view",
                                                "decimal32", "decimal64"};
  int read = 0;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    const bool big_endian = dir.path().filename() == "1.0.0-bigendian";
    for (const auto& entry : fs::directory_iterator(dir.path())) {
      if (entry.path().extension() != ".stream") continue;
      const std::string base = entry.path().stem().string();
      SCOPED_TRACE(entry.path().string());
      bool expect_fail = big_endian;
      for (const auto& u : unsupported) expect_fail |= base.find(u) != std::string::npos;
      SchemaPtr s1, s2;
      auto stream = ReadAllBatches(entry.path().string(), &s1);
      auto file_path = entry.path();
      file_path.replace_extension(".arrow_file");
      auto file = ReadAllBatches(file_path.string(), &s2);
      if (expect_fail) {
        EXPECT_FALSE(stream.ok());
        EXPECT_FALSE(file.ok());
        if (!stream.ok()) {
          EXPECT_EQ(stream.status().kind(), ErrorKind::kNotImplemented);
        }
        continue;
      }
      ASSERT_TRUE(stream.ok()) << stream.status().ToString();
      ASSERT_TRUE(file.ok()) << file.status().ToString();
      ASSERT_EQ(stream->size(), file->size());
      // The non-canonical map file's stream twin was written with canonical
      // field names, so only that pair differs in names.
      if (base.find("non_canonical") == std::string::npos) {
        EXPECT_TRUE(s1->Equals(*s2, true));
        for (size_t i = 0; i < stream->size(); ++i) {
          ExpectBatchesEqual(*(*stream)[i], *(*file)[i]);
        }
      }
      // And what we read, we write back identically.
      if (!stream->empty()) {
        auto again = SerializeBatches(s1, *stream, true, {Compression::kLz4Frame});
        ASSERT_TRUE(again.ok()) << again.status().ToString();
        auto back = ReadAllBatches(*again);
        ASSERT_TRUE(back.ok()) << back.status().ToString();
        for (size_t i = 0; i < stream->size(); ++i) ExpectBatchesEqual(*(*back)[i], *(*stream)[i]);
      }
      ++read;
    }
  }
  EXPECT_GT(read, 30);
}

TEST(IpcTest, FuzzCorpusNeverCrashes) {
  for (const char* sub : {"arrow-ipc-stream", "arrow-ipc-file"}) {
    const fs::path dir = fs::path(CorpusDir()) / sub;
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      SCOPED_TRACE(entry.path().string());
      (void)ReadAllBatches(entry.path().string());
    }
  }
}

TEST(IpcTest, DataFusionExampleArrow) {
  const fs::path path =
      fs::path(QUIVER_SHARED_DIR) / "datafusion-tests/datafusion/core/tests/data/example.arrow";
  if (!fs::exists(path)) GTEST_SKIP();
  SchemaPtr s;
  auto batches = ReadAllBatches(path.string(), &s);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  ASSERT_FALSE(batches->empty());
  EXPECT_EQ(s->num_fields(), 3);
  std::string table = (*batches)[0]->ToString();
  EXPECT_NE(table.find("f0"), std::string::npos) << table;
}

TEST(IpcTest, FixedWidthThroughput) {
  // Spill-sized batches: 8192 rows of 8 int64/float64 columns.
  std::vector<FieldPtr> fields;
  std::vector<ArrayPtr> cols;
  for (int c = 0; c < 8; ++c) {
    std::vector<int64_t> v(8192);
    for (int i = 0; i < 8192; ++i) v[i] = i * (c + 1);
    fields.push_back(field("c" + std::to_string(c), int64()));
    cols.push_back(*ArrayFromVector<int64_t>(int64(), v));
  }
  auto batch = RecordBatch::Make(schema(fields), 8192, cols);
  std::vector<RecordBatchPtr> batches(64, batch);  // 32 MiB
  auto t0 = std::chrono::steady_clock::now();
  auto data = *SerializeBatches(batch->schema(), batches, false);
  auto t1 = std::chrono::steady_clock::now();
  auto back = *ReadAllBatches(data);
  auto t2 = std::chrono::steady_clock::now();
  ASSERT_EQ(back.size(), batches.size());
  double mib = 64.0 * 8 * 8192 * 8 / (1 << 20);
  double w = std::chrono::duration<double>(t1 - t0).count();
  double r = std::chrono::duration<double>(t2 - t1).count();
  std::printf("IPC stream: %.0f MiB written in %.1f ms (%.0f MiB/s), read in %.2f ms\n", mib,
              w * 1e3, mib / w, r * 1e3);
}

}  // namespace
}  // namespace quiver::ipc
