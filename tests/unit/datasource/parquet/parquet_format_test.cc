// Format layer tests: thrift codec, metadata, RLE and value encodings, codecs.
#include <gtest/gtest.h>

#include <random>

#include "quiver/datasource/parquet/codec.h"
#include "quiver/datasource/parquet/encoding.h"
#include "quiver/datasource/parquet/metadata.h"
#include "quiver/datasource/parquet/rle.h"
#include "quiver/datasource/parquet/thrift_compact.h"

namespace quiver::parquet {
namespace {

const uint8_t* U8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

FileMetaData SampleMetaData() {
  FileMetaData md;
  md.version = 2;
  md.num_rows = 3;
  md.created_by = "quiver test";
  SchemaElement root;
  root.name = "schema";
  root.num_children = 2;
  SchemaElement a;
  a.name = "a";
  a.type = PhysicalType::kInt64;
  a.repetition_type = Repetition::kOptional;
  a.logical_type = LogicalType{};
  a.logical_type->kind = LogicalType::kTimestamp;
  a.logical_type->unit = TimeUnit::kNanos;
  a.logical_type->is_adjusted_to_utc = true;
  SchemaElement b;
  b.name = "b";
  b.type = PhysicalType::kFixedLenByteArray;
  b.type_length = 16;
  b.converted_type = ConvertedType::kDecimal;
  b.scale = 2;
  b.precision = 30;
  b.field_id = 500;  // needs a long-form field header delta? no: id, value
  md.schema = {root, a, b};
  RowGroup rg;
  rg.num_rows = 3;
  rg.total_byte_size = 100;
  rg.ordinal = 0;
  rg.sorting_columns.push_back({1, true, false});
  ColumnChunk cc;
  cc.file_offset = 4;
  ColumnMetaData cmd;
  cmd.type = PhysicalType::kInt64;
  cmd.encodings = {Encoding::kPlain, Encoding::kRle};
  cmd.path_in_schema = {"a"};
  cmd.codec = Compression::kZstd;
  cmd.num_values = 3;
  cmd.data_page_offset = 4;
  cmd.dictionary_page_offset = 4;
  cmd.statistics = Statistics{};
  cmd.statistics->null_count = 1;
  cmd.statistics->min_value = std::string("\x01\0\0\0\0\0\0\0", 8);
  cmd.statistics->is_min_value_exact = true;
  cmd.key_value_metadata.push_back({"k", std::nullopt});
  cc.meta_data = cmd;
  rg.columns = {cc, cc};
  md.row_groups = {rg};
  md.key_value_metadata.push_back({"ARROW:schema", "xyz"});
  md.column_orders = {true, true};
  return md;
}

TEST(ParquetThrift, FileMetaDataRoundTrip) {
  FileMetaData md = SampleMetaData();
  std::string bytes = EncodeFileMetaData(md);
  auto back = DecodeFileMetaData(U8(bytes), bytes.size());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->version, 2);
  ASSERT_EQ(back->schema.size(), 3u);
  EXPECT_EQ(back->schema[1].logical_type->kind, LogicalType::kTimestamp);
  EXPECT_EQ(back->schema[1].logical_type->unit, TimeUnit::kNanos);
  EXPECT_TRUE(back->schema[1].logical_type->is_adjusted_to_utc);
  EXPECT_EQ(*back->schema[2].precision, 30);
  EXPECT_EQ(*back->schema[2].field_id, 500);
  EXPECT_EQ(back->row_groups[0].columns.size(), 2u);
  const auto& c = *back->row_groups[0].columns[1].meta_data;
  EXPECT_EQ(c.codec, Compression::kZstd);
  EXPECT_EQ(c.encodings.size(), 2u);
  EXPECT_EQ(*c.statistics->null_count, 1);
  EXPECT_TRUE(*c.statistics->is_min_value_exact);
  EXPECT_EQ(c.statistics->min_value->size(), 8u);
  EXPECT_FALSE(c.key_value_metadata[0].value.has_value());
  EXPECT_TRUE(back->row_groups[0].sorting_columns[0].descending);
  EXPECT_EQ(back->column_orders.size(), 2u);
  // Re-encoding gives the same bytes.
  EXPECT_EQ(EncodeFileMetaData(*back), bytes);
}

TEST(ParquetThrift, PageHeaderRoundTrip) {
  PageHeader h;
  h.type = PageType::kDataPageV2;
  h.compressed_page_size = 10;
  h.uncompressed_page_size = 20;
  h.crc = -5;
  h.data_page_header_v2 = DataPageHeaderV2{};
  h.data_page_header_v2->num_values = 7;
  h.data_page_header_v2->is_compressed = false;
  std::string bytes = EncodePageHeader(h) + "trailing";
  int64_t used = 0;
  auto back = DecodePageHeader(U8(bytes), bytes.size(), &used);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(used, static_cast<int64_t>(bytes.size() - 8));
  EXPECT_EQ(*back->crc, -5);
  EXPECT_EQ(back->data_page_header_v2->num_values, 7);
  EXPECT_FALSE(back->data_page_header_v2->is_compressed);
}

TEST(ParquetThrift, SkipsUnknownFieldsAndRejectsGarbage) {
  thrift::CompactWriter w;
  w.BeginStruct();
  w.FieldI32(1, 1);
  w.WriteFieldHeader(100, thrift::CType::kMap);  // unknown: a map<i32, list<binary>>
  w.WriteVarint(1);
  w.WriteI8(static_cast<int8_t>(0x59));
  w.WriteI32(3);
  w.WriteListHeader(thrift::CType::kBinary, 1);
  w.WriteBinary("x");
  w.FieldI64(3, 42);
  w.EndStruct();
  std::string bytes = w.Finish();
  auto md = DecodeFileMetaData(U8(bytes), bytes.size());
  ASSERT_TRUE(md.ok()) << md.status().ToString();
  EXPECT_EQ(md->num_rows, 42);
  // Every truncation fails cleanly.
  std::string full = EncodeFileMetaData(SampleMetaData());
  for (size_t n = 0; n < full.size(); ++n) {
    EXPECT_FALSE(DecodeFileMetaData(U8(full), n).ok()) << n;
  }
  // Random mutations never crash.
  std::mt19937 rng(7);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string m = full;
    for (int k = 0; k < 3; ++k) m[rng() % m.size()] = static_cast<char>(rng());
    (void)DecodeFileMetaData(U8(m), m.size());
  }
  // Deep nesting is bounded.
  // An unknown field (id 100) holding structs nested 100000 deep.
  std::string deep = "\x0C\xC8\x01" + std::string(100000, '\x1C');
  EXPECT_FALSE(DecodeFileMetaData(U8(deep), deep.size()).ok());
}

TEST(ParquetRle, RoundTripAllWidths) {
  std::mt19937 rng(1);
  for (int bw = 0; bw <= 32; ++bw) {
    std::vector<uint32_t> v(1000);
    uint64_t mask = bw == 32 ? 0xFFFFFFFFull : ((1ull << bw) - 1);
    for (size_t i = 0; i < v.size(); ++i) {
      v[i] = (i / 50) % 2 ? static_cast<uint32_t>(7 & mask) : static_cast<uint32_t>(rng() & mask);
    }
    std::string enc;
    EncodeRleBitPacked(v.data(), v.size(), bw, &enc);
    RleBitPackedDecoder dec(U8(enc), enc.size(), bw);
    std::vector<uint32_t> out(v.size());
    int done = 0;
    while (done < static_cast<int>(v.size())) {
      auto got = dec.GetBatch(out.data() + done, std::min<int>(37, v.size() - done));
      ASSERT_TRUE(got.ok());
      ASSERT_GT(*got, 0);
      done += *got;
    }
    EXPECT_EQ(out, v) << bw;
  }
}

TEST(ParquetEncoding, DeltaBinaryPackedRoundTrip) {
  std::mt19937_64 rng(3);
  for (int n : {0, 1, 2, 127, 128, 129, 1000}) {
    std::vector<int64_t> v(n);
    for (int i = 0; i < n; ++i) v[i] = i % 3 ? static_cast<int64_t>(rng()) : i * 5 - 100;
    if (n > 3) v[3] = INT64_MIN, v[2] = INT64_MAX;
    std::string enc;
    EncodeDeltaBinaryPacked(v.data(), n, &enc);
    std::vector<int64_t> out;
    int64_t used = 0;
    ASSERT_TRUE(DecodeDeltaBinaryPacked(U8(enc), enc.size(), &out, &used).ok());
    EXPECT_EQ(out, v);
    EXPECT_EQ(used, static_cast<int64_t>(enc.size()));
    auto dec = MakeDecoder(Encoding::kDeltaBinaryPacked, PhysicalType::kInt64, 0);
    ASSERT_TRUE(dec.ok());
    ASSERT_TRUE((*dec)->SetData(n, U8(enc), enc.size()).ok());
    std::vector<int64_t> out2(n);
    EXPECT_EQ(*(*dec)->Decode(out2.data(), n), n);
    EXPECT_EQ(out2, v);
  }
}

TEST(ParquetEncoding, PlainAndDictionaryRoundTrip) {
  std::vector<std::string> strs = {"apple", "", "banana", "apple", "cherry"};
  std::vector<ByteArray> views;
  for (auto& s : strs) views.push_back({U8(s), static_cast<uint32_t>(s.size())});
  std::string enc;
  EncodePlain(PhysicalType::kByteArray, 0, views.data(), views.size(), &enc);
  auto dec = *MakeDecoder(Encoding::kPlain, PhysicalType::kByteArray, 0);
  ASSERT_TRUE(dec->SetData(5, U8(enc), enc.size()).ok());
  std::vector<ByteArray> out(5);
  ASSERT_EQ(*dec->Decode(out.data(), 5), 5);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(out[i].ptr), out[i].len), strs[i]);
  }
  // Dictionary: values {apple, banana}, indices.
  std::string dict_page;
  EncodePlain(PhysicalType::kByteArray, 0, views.data(), 3, &dict_page);
  auto dict = DecodeDictionaryPage(PhysicalType::kByteArray, 0, 3, U8(dict_page), dict_page.size(),
                                   nullptr);
  ASSERT_TRUE(dict.ok());
  std::vector<uint32_t> idx = {2, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 0};
  std::string data;
  EncodeDictionaryIndices(idx.data(), idx.size(), 3, &data);
  auto dd = MakeDictionaryDecoder(*dict);
  ASSERT_TRUE(dd->SetData(idx.size(), U8(data), data.size()).ok());
  std::vector<ByteArray> got(idx.size());
  ASSERT_EQ(*dd->Decode(got.data(), idx.size()), static_cast<int64_t>(idx.size()));
  for (size_t i = 0; i < idx.size(); ++i) {
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(got[i].ptr), got[i].len), strs[idx[i]]);
  }
  // Out-of-range index is an error.
  std::vector<uint32_t> bad = {5};
  std::string bd;
  EncodeDictionaryIndices(bad.data(), 1, 8, &bd);
  ASSERT_TRUE(dd->SetData(1, U8(bd), bd.size()).ok());
  EXPECT_FALSE(dd->Decode(got.data(), 1).ok());

  std::vector<uint8_t> bools = {1, 0, 1, 1, 0, 0, 0, 1, 1};
  std::string be;
  EncodePlain(PhysicalType::kBoolean, 0, bools.data(), bools.size(), &be);
  auto bdec = *MakeDecoder(Encoding::kPlain, PhysicalType::kBoolean, 0);
  ASSERT_TRUE(bdec->SetData(bools.size(), U8(be), be.size()).ok());
  std::vector<uint8_t> bout(bools.size());
  ASSERT_EQ(*bdec->Decode(bout.data(), bools.size()), 9);
  EXPECT_EQ(bout, bools);
}

TEST(ParquetEncoding, ByteStreamSplit) {
  std::vector<float> v = {1.5f, -2.25f, 3.0f};
  std::string enc(12, '\0');
  const auto* raw = reinterpret_cast<const uint8_t*>(v.data());
  for (int i = 0; i < 3; ++i)
    for (int b = 0; b < 4; ++b) enc[b * 3 + i] = static_cast<char>(raw[i * 4 + b]);
  auto dec = *MakeDecoder(Encoding::kByteStreamSplit, PhysicalType::kFloat, 0);
  ASSERT_TRUE(dec->SetData(3, U8(enc), enc.size()).ok());
  std::vector<float> out(3);
  ASSERT_EQ(*dec->Decode(out.data(), 3), 3);
  EXPECT_EQ(out, v);
}

TEST(ParquetEncoding, CorruptInputsFailCleanly) {
  std::mt19937 rng(11);
  for (Encoding e : {Encoding::kDeltaBinaryPacked, Encoding::kDeltaLengthByteArray,
                     Encoding::kDeltaByteArray, Encoding::kPlain, Encoding::kRle}) {
    PhysicalType t = e == Encoding::kDeltaBinaryPacked ? PhysicalType::kInt64
                     : e == Encoding::kRle             ? PhysicalType::kBoolean
                                                       : PhysicalType::kByteArray;
    auto dec = *MakeDecoder(e, t, 0);
    std::vector<uint8_t> out(64 * 1000);
    for (int iter = 0; iter < 500; ++iter) {
      std::string junk(rng() % 64, '\0');
      for (auto& c : junk) c = static_cast<char>(rng());
      if (dec->SetData(1000, U8(junk), junk.size()).ok()) (void)dec->Decode(out.data(), 1000);
    }
  }
}

TEST(ParquetCodec, RoundTripEveryCodec) {
  std::string data;
  for (int i = 0; i < 20000; ++i) data += std::to_string(i % 97) + ",";
  for (Compression c :
       {Compression::kUncompressed, Compression::kSnappy, Compression::kGzip, Compression::kZstd,
        Compression::kBrotli, Compression::kLz4Raw, Compression::kLz4}) {
    auto comp = Compress(c, U8(data), data.size());
    ASSERT_TRUE(comp.ok()) << CompressionName(c);
    std::string out(data.size(), '\0');
    ASSERT_TRUE(
        Decompress(c, U8(*comp), comp->size(), reinterpret_cast<uint8_t*>(out.data()), out.size())
            .ok())
        << CompressionName(c);
    EXPECT_EQ(out, data);
    // Wrong size or corrupt bytes are errors, not crashes.
    std::string small(10, '\0');
    EXPECT_FALSE(Decompress(c, U8(*comp), comp->size(), reinterpret_cast<uint8_t*>(small.data()),
                            small.size())
                     .ok());
    std::string bad = *comp;
    for (size_t i = 0; i < bad.size(); i += 7) bad[i] ^= 0x5A;
    (void)Decompress(c, U8(bad), bad.size(), reinterpret_cast<uint8_t*>(out.data()), out.size());
  }
  // The legacy LZ4 id also reads a bare LZ4 block.
  auto raw = *Compress(Compression::kLz4Raw, U8(data), data.size());
  std::string out(data.size(), '\0');
  EXPECT_TRUE(Decompress(Compression::kLz4, U8(raw), raw.size(),
                         reinterpret_cast<uint8_t*>(out.data()), out.size())
                  .ok());
  EXPECT_EQ(out, data);
}

}  // namespace
}  // namespace quiver::parquet
