#include <stddef.h>
#include <stdint.h>
#include "FuzzEntry.h"

// libFuzzer's driver (compiler-rt, FuzzerInterface.h) and the target's input function (in Swift).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ENTRY(target) \
    int target##_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }

FUZZ_ENTRY(FuzzEdgeList)
FUZZ_ENTRY(FuzzRoster)
FUZZ_ENTRY(FuzzGraphML)
FUZZ_ENTRY(FuzzGEXF)
FUZZ_ENTRY(FuzzNodeLinkJSON)
FUZZ_ENTRY(FuzzPajek)
FUZZ_ENTRY(FuzzUCINETDL)
FUZZ_ENTRY(FuzzSurveySpec)
FUZZ_ENTRY(FuzzMemberships)

/// Referenced from Swift so that the linker keeps this object file.
int FuzzEntryLinked(void) { return 1; }
