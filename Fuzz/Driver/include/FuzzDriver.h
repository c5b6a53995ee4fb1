#ifndef TTHC_FUZZ_DRIVER_H
#define TTHC_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's documented entry for programs that have their own main (the fuzz targets
/// are SwiftPM executables, whose main SwiftPM renames and links itself).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
