#include "tpchgen/tpchgen.h"

int main(int argc, char** argv) { return quiver::RunTpchgenCommand(argc, argv); }
