import Foundation

/// Batches of items from a producing thread to the calling one, at most two waiting, so
/// memory stays bounded whichever side is faster. Used where a large file is split
/// between two cores: libxml2 parsing a listing while its model is built, the CSV
/// tokenizer reading an annex while the interpreter reads its rows.
final class BatchChannel<Item>: @unchecked Sendable {
    private static var waitingLimit: Int { 2 }
    private let condition = NSCondition()
    private var waiting: [[Item]] = []
    private var closed = false

    /// Hands over a batch, waiting while two are waiting already.
    func put(_ batch: [Item]) {
        condition.lock()
        while waiting.count >= Self.waitingLimit { condition.wait() }
        waiting.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// No more batches will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; `nil` once the channel is closed and empty.
    func take() -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !closed { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        let batch = waiting.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Runs `produce` on a thread of its own, handing what it gives to `consume` on the
    /// calling thread, in order, `batchSize` items at a time; returns what `produce`
    /// returned. Everything `produce` did happens before `consume` sees its last batch
    /// and before this returns (the channel's lock orders them).
    static func split<Result>(batchSize: Int, produce: @escaping @Sendable (_ give: (Item) -> Void) -> Result,
                              consume: (Item) -> Void) -> Result {
        let channel = BatchChannel<Item>()
        let outcome = Outcome<Result>()
        let thread = Thread {
            var batch: [Item] = []
            batch.reserveCapacity(batchSize)
            let result = produce { item in
                batch.append(item)
                if batch.count == batchSize {
                    channel.put(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            outcome.value = result
            channel.put(batch)
            channel.close()
        }
        thread.start()
        while let batch = channel.take() {
            for item in batch { consume(item) }
        }
        return outcome.value!
    }
}

/// What the producing thread of ``BatchChannel/split(batchSize:produce:consume:)``
/// returns, read by the calling thread once the channel is closed.
private final class Outcome<Value>: @unchecked Sendable {
    var value: Value?
}
