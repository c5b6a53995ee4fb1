// zlib from the system (Debian: zlib1g-dev): raw inflate and crc32 for the parts of Word
// and Excel files (Sources/TTHCKit/Import/Office/ZIPArchiveReader.swift).
#include <zlib.h>
