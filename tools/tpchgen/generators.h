// Factories of the per-table row generators (one file per table family).
#pragma once

#include <memory>

#include "tpchgen/tpch_rows.h"

namespace quiver::tpchgen {

// `first` and `count` are 0-based parent rows, as in RowGenerator::MakeRange.
std::unique_ptr<RowGenerator> MakeNationGenerator(int64_t first, int64_t count);
std::unique_ptr<RowGenerator> MakeRegionGenerator(int64_t first, int64_t count);
std::unique_ptr<RowGenerator> MakePartGenerator(const TpchScale& scale, int64_t first,
                                                int64_t count);
std::unique_ptr<RowGenerator> MakePartSuppGenerator(const TpchScale& scale, int64_t first,
                                                    int64_t count);
std::unique_ptr<RowGenerator> MakeSupplierGenerator(const TpchScale& scale, int64_t first,
                                                    int64_t count);
std::unique_ptr<RowGenerator> MakeCustomerGenerator(const TpchScale& scale, int64_t first,
                                                    int64_t count);
std::unique_ptr<RowGenerator> MakeOrdersGenerator(const TpchScale& scale, int64_t first,
                                                  int64_t count);
std::unique_ptr<RowGenerator> MakeLineitemGenerator(const TpchScale& scale, int64_t first,
                                                    int64_t count);

}  // namespace quiver::tpchgen
