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

/// `first()` and `second()` run at once (on two cores when there are two), their results
/// returned together: for two independent pieces of work that only read shared state, such
/// as the parts of a reconciliation computed after its change rows. Each result is what the
/// closure alone returns, so the output does not depend on the threads' timing.
///
/// `atOnce: false` runs them one after the other on the calling thread: for inputs too
/// small to repay waking a second thread.
func concurrently<A: Sendable, B: Sendable>(atOnce: Bool = true, _ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    if !atOnce { return (first(), second()) }
    let a = UnsafeMutablePointer<A>.allocate(capacity: 1), b = UnsafeMutablePointer<B>.allocate(capacity: 1)
    defer {
        a.deallocate()
        b.deallocate()
    }
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            // Each iteration initialises only its own result; concurrentPerform returns
            // after both.
            nonisolated(unsafe) let slots = (a, b)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { slots.0.initialize(to: first()) } else { slots.1.initialize(to: second()) }
            }
        }
    }
    return (a.move(), b.move())
}
