// Parquet decoding: bit unpacking per width (the width-specialized kernels
// against a per-value shift-and-mask loop), and whole-column reads of 1M rows
// through RowGroupBatchReader: a dictionary string column, a dictionary
// int64 column, a plain int64 decimal column, a plain string column and an
// optional int64 column with nulls (levels -> validity bits).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <random>

#include "quiver/arrow/builder.h"
#include "quiver/arrow/compute/compute.h"
#include "quiver/datasource/parquet/bit_unpack.h"
#include "quiver/datasource/parquet/bit_unpack_avx2.h"
#include "quiver/datasource/parquet/file_reader.h"
#include "quiver/datasource/parquet/file_writer.h"
#include "quiver/datasource/parquet/row_group_reader.h"

namespace quiver::parquet {
namespace {

constexpr int kValues = 1 << 20;

std::vector<uint8_t> PackedRandom(int bw) {
  std::mt19937_64 rng(bw);
  std::vector<uint8_t> in(static_cast<size_t>(int64_t{kValues} * bw / 8 + 8));
  for (auto& b : in) b = static_cast<uint8_t>(rng());
  return in;
}

// Kernels: 1M values of width range(0) in calls of 1024 (a dictionary page's
// batches), so per-call head/tail handling is included; range(1) 0: portable
// kernels only, 1: AVX2 where the CPU has it (widths up to 24).
void BM_Unpack32(benchmark::State& state) {
  const int bw = static_cast<int>(state.range(0));
  const bool prev = internal::SetAvx2Unpack(state.range(1) != 0);
  state.SetLabel(internal::Avx2Unpacker(bw) ? "avx2" : "portable");
  const auto in = PackedRandom(bw);
  std::vector<uint32_t> out(1024);
  for (auto _ : state) {
    for (int64_t i = 0; i < kValues; i += 1024) {
      UnpackBits32(in.data(), static_cast<int64_t>(in.size()), i * bw, bw, 1024, out.data());
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * kValues);
  internal::SetAvx2Unpack(prev);
}
BENCHMARK(BM_Unpack32)->ArgsProduct({benchmark::CreateDenseRange(1, 32, 1), {0, 1}});

// The per-value loop the kernels replaced: a 64-bit load, shift and mask.
void BM_UnpackPerValue(benchmark::State& state) {
  const int bw = static_cast<int>(state.range(0));
  const auto in = PackedRandom(bw);
  std::vector<uint32_t> out(1024);
  const uint64_t mask = bw == 32 ? 0xFFFFFFFFull : (1ull << bw) - 1;
  for (auto _ : state) {
    for (int64_t i = 0; i < kValues; i += 1024) {
      for (int j = 0; j < 1024; ++j) {
        const int64_t bit = (i + j) * bw;
        uint64_t w;
        std::memcpy(&w, in.data() + (bit >> 3), 8);
        out[j] = static_cast<uint32_t>((w >> (bit & 7)) & mask);
      }
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}
BENCHMARK(BM_UnpackPerValue)->DenseRange(1, 32);

// One column of kValues rows written once to a temporary file.
struct ColumnFile {
  std::string path;
  ~ColumnFile() { std::filesystem::remove(path); }
};

std::unique_ptr<ColumnFile> WriteColumn(const std::string& tag, const ArrayPtr& col,
                                        bool dictionary) {
  auto f = std::make_unique<ColumnFile>();
  f->path = (std::filesystem::temp_directory_path() /
             ("quiver_decode_bench_" + tag + "_" + std::to_string(::getpid()) + ".parquet"))
                .string();
  auto sch = schema({field("c", col->type())});
  ParquetWriteOptions o;
  o.column.dictionary = dictionary;
  o.column.codec = Compression::kUncompressed;  // decoding only, no codec
  auto st = WriteParquetFile(f->path, sch, {RecordBatch::Make(sch, col->length(), {col})}, o);
  if (!st.ok()) f->path.clear();
  return f;
}

void ReadAll(benchmark::State& state, const ColumnFile& f) {
  if (f.path.empty()) {
    state.SkipWithError("could not write the file");
    return;
  }
  auto reader = OpenParquetFile(f.path).value();
  for (auto _ : state) {
    for (int rg = 0; rg < reader->num_row_groups(); ++rg) {
      auto rows = RowGroupBatchReader::Open(reader, rg, {0}).value();
      while (true) {
        auto b = rows->Next(8192);
        if (!b.ok() || !*b) break;
        benchmark::DoNotOptimize(b->get());
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}

ArrayPtr Strings(int distinct, bool nulls) {
  std::mt19937_64 rng(1);
  std::vector<std::string> v(kValues);
  std::vector<bool> valid(kValues, true);
  for (int i = 0; i < kValues; ++i) {
    v[i] = "value-" + std::to_string(rng() % distinct);
    if (nulls) valid[i] = rng() % 10 != 0;
  }
  return *ArrayFromVector(utf8(), v, valid);
}

ArrayPtr Ints(int64_t range, bool nulls) {
  std::mt19937_64 rng(2);
  std::vector<int64_t> v(kValues);
  std::vector<bool> valid(kValues, true);
  for (int i = 0; i < kValues; ++i) {
    v[i] = static_cast<int64_t>(rng() % range);
    if (nulls) valid[i] = rng() % 10 != 0;
  }
  return *ArrayFromVector(int64(), v, valid);
}

void BM_ReadDictStrings(benchmark::State& state) {
  ReadAll(state, *WriteColumn("dstr", Strings(50, false), true));
}
BENCHMARK(BM_ReadDictStrings);

void BM_ReadPlainStrings(benchmark::State& state) {
  ReadAll(state, *WriteColumn("pstr", Strings(1 << 30, false), false));
}
BENCHMARK(BM_ReadPlainStrings);

void BM_ReadDictInt64(benchmark::State& state) {
  ReadAll(state, *WriteColumn("dint", Ints(2000, false), true));
}
BENCHMARK(BM_ReadDictInt64);

void BM_ReadPlainDecimal(benchmark::State& state) {
  auto d = compute::Cast(Ints(int64_t{1} << 40, false), decimal128(15, 2));
  ReadAll(state, *WriteColumn("dec", d.ok() ? *d : Ints(1, false), false));
}
BENCHMARK(BM_ReadPlainDecimal);

void BM_ReadOptionalInt64(benchmark::State& state) {
  ReadAll(state, *WriteColumn("oint", Ints(int64_t{1} << 40, true), false));
}
BENCHMARK(BM_ReadOptionalInt64);

}  // namespace
}  // namespace quiver::parquet
