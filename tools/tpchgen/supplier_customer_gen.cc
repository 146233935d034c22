// SUPPLIER and CUSTOMER rows (dbgen's mk_supp and mk_cust).
#include <array>
#include <string>

#include "tpchgen/dists.h"
#include "tpchgen/gen_common.h"
#include "tpchgen/generators.h"
#include "tpchgen/text_pool.h"

namespace quiver::tpchgen {
namespace {

constexpr int kAddressAvg = 25;
constexpr int kNations = 25;

// Better Business Bureau remarks planted in some supplier comments (query 16).
constexpr std::string_view kBbbBase = "Customer ";
constexpr std::string_view kBbbComplain = "Complaints";
constexpr std::string_view kBbbCommend = "Recommends";
constexpr int64_t kBbbLength = 19;  // base + type

class SupplierGenerator : public RowGenerator {
 public:
  SupplierGenerator(int64_t first, int64_t count)
      : RowGenerator(TpchTable::kSupplier), next_(first + 1), end_(first + count + 1) {
    for (RandomStream* s : Streams()) s->SkipRows(first);
  }

  bool Next(Field* f) override {
    if (next_ >= end_) return false;
    int64_t key = next_++;
    f[0].i = key;
    f[1].s = KeyName(name_buf_, "Supplier#", key);
    f[2].s = RandomAlphaNum(addr_buf_, &address_, kAddressAvg);
    int64_t nation = nation_.Next(0, kNations - 1);
    f[3].i = nation;
    f[4].s = Phone(phone_buf_, &phone_, nation);
    f[5].i = balance_.Next(-99999, 999999);
    std::string_view comment = TextPool::Get().Comment(&comment_, 63);
    int64_t len = static_cast<int64_t>(comment.size());
    int64_t bad_press = bbb_comment_.Next(1, 10000);
    int64_t type = bbb_type_.Next(0, 100);
    int64_t noise = bbb_junk_.Next(0, len - kBbbLength);
    int64_t offset = bbb_offset_.Next(0, len - (kBbbLength + noise));
    if (bad_press <= 10) {
      comment_buf_.assign(comment);
      comment_buf_.replace(offset, kBbbBase.size(), kBbbBase);
      comment_buf_.replace(offset + kBbbBase.size() + noise, kBbbComplain.size(),
                           type < 50 ? kBbbComplain : kBbbCommend);
      comment = comment_buf_;
    }
    f[6].s = comment;
    for (RandomStream* s : Streams()) s->RowFinished();
    return true;
  }

 private:
  std::array<RandomStream*, 9> Streams() {
    return {&address_,    &nation_,   &phone_,       &balance_, &comment_,
            &bbb_offset_, &bbb_type_, &bbb_comment_, &bbb_junk_};
  }

  int64_t next_, end_;
  RandomStream address_{706178559, 9}, nation_{110356601, 1}, phone_{884434366, 3},
      balance_{962338209, 1}, comment_{1341315363, 2}, bbb_offset_{263032577, 1},
      bbb_type_{753643799, 1}, bbb_comment_{202794285, 1}, bbb_junk_{715851524, 1};
  char name_buf_[32];
  char addr_buf_[64];
  char phone_buf_[16];
  std::string comment_buf_;
};

class CustomerGenerator : public RowGenerator {
 public:
  CustomerGenerator(int64_t first, int64_t count)
      : RowGenerator(TpchTable::kCustomer), next_(first + 1), end_(first + count + 1) {
    for (RandomStream* s : Streams()) s->SkipRows(first);
  }

  bool Next(Field* f) override {
    if (next_ >= end_) return false;
    int64_t key = next_++;
    f[0].i = key;
    f[1].s = KeyName(name_buf_, "Customer#", key);
    f[2].s = RandomAlphaNum(addr_buf_, &address_, kAddressAvg);
    int64_t nation = nation_.Next(0, kNations - 1);
    f[3].i = nation;
    f[4].s = Phone(phone_buf_, &phone_, nation);
    f[5].i = balance_.Next(-99999, 999999);
    f[6].s = Distributions::Get().msegmnt.PickText(&segment_);
    f[7].s = TextPool::Get().Comment(&comment_, 73);
    for (RandomStream* s : Streams()) s->RowFinished();
    return true;
  }

 private:
  std::array<RandomStream*, 6> Streams() {
    return {&address_, &nation_, &phone_, &balance_, &segment_, &comment_};
  }

  int64_t next_, end_;
  RandomStream address_{881155353, 9}, nation_{1489529863, 1}, phone_{1521138112, 3},
      balance_{298370230, 1}, segment_{1140279430, 1}, comment_{1335826707, 2};
  char name_buf_[32];
  char addr_buf_[64];
  char phone_buf_[16];
};

}  // namespace

std::unique_ptr<RowGenerator> MakeSupplierGenerator(const TpchScale&, int64_t first,
                                                    int64_t count) {
  return std::make_unique<SupplierGenerator>(first, count);
}

std::unique_ptr<RowGenerator> MakeCustomerGenerator(const TpchScale&, int64_t first,
                                                    int64_t count) {
  return std::make_unique<CustomerGenerator>(first, count);
}

}  // namespace quiver::tpchgen
