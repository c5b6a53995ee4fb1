import Dispatch

extension Array where Element: Sendable {
    /// `transform` applied to every element, on every core, the results in the elements'
    /// order: for independent work that only reads, such as parsing the files of a
    /// catalogue directory (each file read whole by one thread, so the output is the same
    /// whatever the threads' timing).
    ///
    /// `DispatchQueue.concurrentPerform` runs as many iterations at once as there are
    /// cores and returns when all are done; each writes only its own slot of the results.
    func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        if count < 2 { return map(transform) }
        let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let results = slots
        withoutActuallyEscaping(transform) { transform in
            DispatchQueue.concurrentPerform(iterations: count) { i in results[i] = transform(self[i]) }
        }
        return slots.map { $0! }
    }
}
