/// The process's heap, as the C library keeps it.
public enum HeapMemory {
    /// Gives the pages of memory already freed back to the system (glibc's `malloc_trim`,
    /// which also releases whole free pages inside the heap, not only at its top). glibc
    /// keeps freed memory mapped for reuse; after a national reconciliation, the decisions,
    /// the files' bytes and the reading's intermediate arrays are freed but their pages were
    /// still counted, and the 10× workbook, written on top of them, peaked at 1,027–1,050
    /// MiB (1,029 → 978 MiB with this call). Elsewhere it does nothing.
    public static func returnFreedPages() {
        #if os(Linux)
        _ = mallocTrim(0)
        #endif
    }
}

#if os(Linux)
/// `int malloc_trim(size_t pad)` from glibc's <malloc.h>, which the Glibc module does not
/// bring in.
@_silgen_name("malloc_trim") private func mallocTrim(_ pad: Int) -> Int32
#endif
