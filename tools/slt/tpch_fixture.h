// TPC-H data for the corpus' tpch/*.slt scripts, which expect SF 0.1 tables
// in test_files/tpch/data of the scratch copy of the corpus.
#pragma once

#include <string>

namespace quiver::slt {

/// Runs the generator (`tpchgen_flag`, else quiver-tpchgen built beside this
/// program, else on PATH) into <slt_dir>/test_files/tpch/data; returns "" on
/// success, else why there is no data.
std::string PrepareTpch(const std::string& slt_dir, const std::string& tpchgen_flag);

}  // namespace quiver::slt
