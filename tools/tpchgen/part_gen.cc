// PART and PARTSUPP rows (dbgen's mk_part).
#include <numeric>

#include "tpchgen/dists.h"
#include "tpchgen/gen_common.h"
#include "tpchgen/generators.h"
#include "tpchgen/text_pool.h"

namespace quiver::tpchgen {
namespace {

constexpr int kNameWords = 5;

class PartGenerator : public RowGenerator {
 public:
  PartGenerator(int64_t first, int64_t count)
      : RowGenerator(TpchTable::kPart), next_(first + 1), end_(first + count + 1) {
    for (RandomStream* s : {&mfgr_, &brand_, &type_, &size_, &container_, &comment_, &name_}) {
      s->SkipRows(first);
    }
  }

  bool Next(Field* f) override {
    if (next_ >= end_) return false;
    const Distributions& d = Distributions::Get();
    int64_t key = next_++;
    f[0].i = key;
    f[1].s = Name(d.colors);
    int64_t mfgr = mfgr_.Next(1, 5);
    int64_t brand = brand_.Next(1, 5);
    mfgr_buf_[13] = static_cast<char>('0' + mfgr);
    f[2].s = {mfgr_buf_, 14};
    brand_buf_[6] = static_cast<char>('0' + mfgr);
    brand_buf_[7] = static_cast<char>('0' + brand);
    f[3].s = {brand_buf_, 8};
    f[4].s = d.p_types.PickText(&type_);
    f[5].i = size_.Next(1, 50);
    f[6].s = d.p_cntr.PickText(&container_);
    f[7].i = RetailPrice(key);
    f[8].s = TextPool::Get().Comment(&comment_, 14);
    for (RandomStream* s : {&mfgr_, &brand_, &type_, &size_, &container_, &comment_, &name_}) {
      s->RowFinished();
    }
    return true;
  }

 private:
  // dbgen shuffles all 92 colors (one draw per position) and joins the first
  // five; positions are final once visited, so only five draws are needed and
  // the row boundary skips the rest.
  std::string_view Name(const Distribution& colors) {
    int n = colors.size();
    std::iota(perm_, perm_ + n, 0);
    char* p = name_buf_;
    for (int i = 0; i < kNameWords; ++i) {
      int64_t j = name_.Next(i, n - 1);
      std::swap(perm_[i], perm_[j]);
      if (i > 0) *p++ = ' ';
      std::string_view w = colors.text(perm_[i]);
      std::memcpy(p, w.data(), w.size());
      p += w.size();
    }
    return {name_buf_, static_cast<size_t>(p - name_buf_)};
  }

  int64_t next_, end_;
  RandomStream mfgr_{1, 1}, brand_{46831694, 1}, type_{1841581359, 1}, size_{1193163244, 1},
      container_{727633698, 1}, comment_{804159733, 2}, name_{709314158, 92};
  int perm_[128];
  char name_buf_[256];
  char mfgr_buf_[15] = "Manufacturer#0";
  char brand_buf_[9] = "Brand#00";
};

class PartSuppGenerator : public RowGenerator {
 public:
  PartSuppGenerator(const TpchScale& scale, int64_t first, int64_t count)
      : RowGenerator(TpchTable::kPartSupp),
        suppliers_(scale.suppliers),
        part_(first + 1),
        end_(first + count + 1) {
    for (RandomStream* s : {&qty_, &cost_, &comment_}) s->SkipRows(first);
  }

  bool Next(Field* f) override {
    if (part_ >= end_) return false;
    f[0].i = part_;
    f[1].i = PartSupplier(part_, slot_, suppliers_);
    f[2].i = qty_.Next(1, 9999);
    f[3].i = cost_.Next(100, 100000);
    f[4].s = TextPool::Get().Comment(&comment_, 124);
    if (++slot_ == kSuppPerPart) {
      slot_ = 0;
      ++part_;
      for (RandomStream* s : {&qty_, &cost_, &comment_}) s->RowFinished();
    }
    return true;
  }

 private:
  int64_t suppliers_;
  int64_t part_, end_;
  int slot_ = 0;
  RandomStream qty_{1671059989, kSuppPerPart}, cost_{1051288424, kSuppPerPart},
      comment_{1961692154, kSuppPerPart * 2};
};

}  // namespace

std::unique_ptr<RowGenerator> MakePartGenerator(const TpchScale&, int64_t first, int64_t count) {
  return std::make_unique<PartGenerator>(first, count);
}

std::unique_ptr<RowGenerator> MakePartSuppGenerator(const TpchScale& scale, int64_t first,
                                                    int64_t count) {
  return std::make_unique<PartSuppGenerator>(scale, first, count);
}

}  // namespace quiver::tpchgen
