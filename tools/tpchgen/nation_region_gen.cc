// NATION and REGION rows (dbgen's mk_nation and mk_region): fixed names from
// dists.dss with generated comments.
#include "tpchgen/dists.h"
#include "tpchgen/gen_common.h"
#include "tpchgen/generators.h"
#include "tpchgen/text_pool.h"

namespace quiver::tpchgen {
namespace {

class NationGenerator : public RowGenerator {
 public:
  NationGenerator(int64_t first, int64_t count)
      : RowGenerator(TpchTable::kNation), next_(first), end_(first + count) {
    comment_.SkipRows(first);
  }

  bool Next(Field* f) override {
    if (next_ >= end_) return false;
    const Distribution& nations = Distributions::Get().nations;
    int i = static_cast<int>(next_++);
    f[0].i = i;
    f[1].s = nations.text(i);
    // The nation list's cumulative weight is the region key.
    f[2].i = nations.cumulative_weight(i);
    f[3].s = TextPool::Get().Comment(&comment_, 72);
    comment_.RowFinished();
    return true;
  }

 private:
  int64_t next_, end_;
  RandomStream comment_{606179079, 2};
};

class RegionGenerator : public RowGenerator {
 public:
  RegionGenerator(int64_t first, int64_t count)
      : RowGenerator(TpchTable::kRegion), next_(first), end_(first + count) {
    comment_.SkipRows(first);
  }

  bool Next(Field* f) override {
    if (next_ >= end_) return false;
    int i = static_cast<int>(next_++);
    f[0].i = i;
    f[1].s = Distributions::Get().regions.text(i);
    f[2].s = TextPool::Get().Comment(&comment_, 72);
    comment_.RowFinished();
    return true;
  }

 private:
  int64_t next_, end_;
  RandomStream comment_{1500869201, 2};
};

}  // namespace

std::unique_ptr<RowGenerator> MakeNationGenerator(int64_t first, int64_t count) {
  return std::make_unique<NationGenerator>(first, count);
}

std::unique_ptr<RowGenerator> MakeRegionGenerator(int64_t first, int64_t count) {
  return std::make_unique<RegionGenerator>(first, count);
}

}  // namespace quiver::tpchgen
