// The entry points SwiftPM links each fuzz executable with.
//
// SwiftPM links an executable target with `--defsym main=<Module>_main` (so that tests can
// import it), but `-parse-as-library`, which libFuzzer needs, keeps Swift from emitting
// `<Module>_main`. These define it for each fuzz target: libFuzzer's driver, running the
// target's LLVMFuzzerTestOneInput.
#ifndef FUZZ_ENTRY_H
#define FUZZ_ENTRY_H
int FuzzEntryLinked(void);
#endif
