// ORDERS and LINEITEM rows (dbgen's mk_order). Both tables need the whole
// order: the order's total price and status come from its lines, and the
// lines' dates from the order date.
#include <algorithm>
#include <array>

#include "tpchgen/dists.h"
#include "tpchgen/gen_common.h"
#include "tpchgen/generators.h"
#include "tpchgen/text_pool.h"

namespace quiver::tpchgen {
namespace {

// Order dates leave room for the latest ship (121 days) and receipt (30 days).
constexpr int64_t kMaxOrderDay = kTotalDays - (121 + 30) - 1;

struct Line {
  int64_t partkey, suppkey, quantity, extended_price, discount, tax;
  int ship_day, commit_day, receipt_day;
  std::string_view return_flag, line_status, instruct, mode, comment;
};

struct Order {
  int64_t orderkey, custkey, total_price;
  int day;
  std::string_view status, priority, clerk, comment;
  int line_count;
  std::array<Line, kMaxLinesPerOrder> lines;
};

class OrderMaker {
 public:
  OrderMaker(const TpchScale& scale, int64_t first) : scale_(scale) {
    for (RandomStream* s : Streams()) s->SkipRows(first);
  }

  // Fills `o` with order number `index` (1-based) and moves to the next row.
  void Make(int64_t index, Order* o) {
    const Distributions& d = Distributions::Get();
    // Sparse keys: only 8 of every 32 key values are used.
    o->orderkey = ((index >> 3) << 5) | (index & 7);
    int64_t cust = custkey_.Next(1, scale_.customers);
    // Every third customer places no orders.
    int64_t delta = 1;
    while (cust % 3 == 0) {
      cust = std::min(cust + delta, scale_.customers);
      delta = -delta;
    }
    o->custkey = cust;
    o->day = static_cast<int>(date_.Next(0, kMaxOrderDay));
    o->priority = d.o_oprio.PickText(&priority_);
    o->clerk = KeyName(clerk_buf_, "Clerk#", clerk_.Next(1, scale_.clerks));
    o->comment = TextPool::Get().Comment(&comment_, 49);
    o->line_count = static_cast<int>(line_count_.Next(1, kMaxLinesPerOrder));
    int64_t total = 0;
    int shipped = 0;
    for (int n = 0; n < o->line_count; ++n) {
      Line& l = o->lines[n];
      l.quantity = quantity_.Next(1, 50);
      l.discount = discount_.Next(0, 10);
      l.tax = tax_.Next(0, 8);
      l.instruct = d.instruct.PickText(&instruct_);
      l.mode = d.smode.PickText(&mode_);
      l.comment = TextPool::Get().Comment(&line_comment_, 27);
      l.partkey = partkey_.Next(1, scale_.parts);
      l.suppkey = PartSupplier(l.partkey, suppkey_.Next(0, 3), scale_.suppliers);
      l.extended_price = RetailPrice(l.partkey) * l.quantity;
      total += ((l.extended_price * (100 - l.discount)) / 100) * (100 + l.tax) / 100;
      l.ship_day = o->day + static_cast<int>(ship_.Next(1, 121));
      l.commit_day = o->day + static_cast<int>(commit_.Next(30, 90));
      l.receipt_day = l.ship_day + static_cast<int>(receipt_.Next(1, 30));
      l.return_flag = l.receipt_day <= kCurrentDay ? d.rflag.PickText(&return_flag_) : "N";
      bool done = l.ship_day <= kCurrentDay;
      l.line_status = done ? "F" : "O";
      shipped += done ? 1 : 0;
    }
    o->total_price = total;
    o->status = shipped == o->line_count ? "F" : (shipped == 0 ? "O" : "P");
    for (RandomStream* s : Streams()) s->RowFinished();
  }

 private:
  std::array<RandomStream*, 18> Streams() {
    return {&clerk_,    &comment_,  &date_,   &priority_, &custkey_,     &line_count_,
            &quantity_, &discount_, &tax_,    &instruct_, &mode_,        &partkey_,
            &suppkey_,  &ship_,     &commit_, &receipt_,  &return_flag_, &line_comment_};
  }

  TpchScale scale_;
  RandomStream clerk_{1171034773, 1}, comment_{276090261, 2}, date_{1066728069, 1},
      priority_{591449447, 1}, custkey_{851767375, 1}, line_count_{1434868289, 1};
  RandomStream quantity_{209208115, 7}, discount_{554590007, 7}, tax_{721958466, 7},
      instruct_{1371272478, 7}, mode_{675466456, 7}, partkey_{1808217256, 7},
      suppkey_{2095021727, 7}, ship_{1769349045, 7}, commit_{904914315, 7}, receipt_{373135028, 7},
      return_flag_{717419739, 7}, line_comment_{1095462486, 14};
  char clerk_buf_[32];
};

void SetDate(Field* f, int day) {
  f->i = kStartEpochDay + day;
  f->s = DateText(day);
}

class OrdersGenerator : public RowGenerator {
 public:
  OrdersGenerator(const TpchScale& scale, int64_t first, int64_t count)
      : RowGenerator(TpchTable::kOrders),
        maker_(scale, first),
        next_(first + 1),
        end_(first + count + 1) {}

  bool Next(Field* f) override {
    if (next_ >= end_) return false;
    maker_.Make(next_++, &order_);
    f[0].i = order_.orderkey;
    f[1].i = order_.custkey;
    f[2].s = order_.status;
    f[3].i = order_.total_price;
    SetDate(&f[4], order_.day);
    f[5].s = order_.priority;
    f[6].s = order_.clerk;
    f[7].i = 0;  // ship priority
    f[8].s = order_.comment;
    return true;
  }

 private:
  OrderMaker maker_;
  int64_t next_, end_;
  Order order_;
};

class LineitemGenerator : public RowGenerator {
 public:
  LineitemGenerator(const TpchScale& scale, int64_t first, int64_t count)
      : RowGenerator(TpchTable::kLineitem),
        maker_(scale, first),
        next_(first + 1),
        end_(first + count + 1) {}

  bool Next(Field* f) override {
    if (line_ == order_.line_count) {
      if (next_ >= end_) return false;
      maker_.Make(next_++, &order_);
      line_ = 0;
    }
    const Line& l = order_.lines[line_++];
    f[0].i = order_.orderkey;
    f[1].i = l.partkey;
    f[2].i = l.suppkey;
    f[3].i = line_;
    f[4].i = l.quantity;
    f[5].i = l.extended_price;
    f[6].i = l.discount;
    f[7].i = l.tax;
    f[8].s = l.return_flag;
    f[9].s = l.line_status;
    SetDate(&f[10], l.ship_day);
    SetDate(&f[11], l.commit_day);
    SetDate(&f[12], l.receipt_day);
    f[13].s = l.instruct;
    f[14].s = l.mode;
    f[15].s = l.comment;
    return true;
  }

 private:
  OrderMaker maker_;
  int64_t next_, end_;
  Order order_{};
  int line_ = 0;
};

}  // namespace

std::unique_ptr<RowGenerator> MakeOrdersGenerator(const TpchScale& scale, int64_t first,
                                                  int64_t count) {
  return std::make_unique<OrdersGenerator>(scale, first, count);
}

std::unique_ptr<RowGenerator> MakeLineitemGenerator(const TpchScale& scale, int64_t first,
                                                    int64_t count) {
  return std::make_unique<LineitemGenerator>(scale, first, count);
}

}  // namespace quiver::tpchgen
