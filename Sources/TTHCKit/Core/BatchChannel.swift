import Foundation

/// Batches of items from a producing thread to the calling one, at most two waiting, so
/// memory stays bounded whichever side is faster. Used where a large file is split
/// between two cores: libxml2 parsing a listing while its model is built, the CSV
/// tokenizer reading an annex while the interpreter reads its rows.
///
/// Items are moved, never copied: the producer moves each into a batch's storage and the
/// consumer moves it out again. Copying an event into an array and out of it retained and
/// released every string it held twice more, a fifth of the parsing thread's time on a
/// large listing. Batches go back to the producer once read, so their storage is reused
/// rather than allocated (and faulted in) again for every batch.
final class BatchChannel<Item>: @unchecked Sendable {
    private static var waitingLimit: Int { 2 }
    private let condition = NSCondition()
    private var waiting: [Batch] = []
    /// Batches read and given back, for the producer to fill again.
    private var spare: [Batch] = []
    private var closed = false

    /// One batch's items, moved in by the producer and out by the consumer.
    final class Batch {
        fileprivate var items: MoveBuffer<Item>

        fileprivate init(capacity: Int) { items = MoveBuffer(capacity: capacity) }
    }

    /// Hands over a batch, waiting while two are waiting already.
    private func put(_ batch: Batch) {
        condition.lock()
        while waiting.count >= Self.waitingLimit { condition.wait() }
        waiting.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// No more batches will come.
    private func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; `nil` once the channel is closed and empty.
    private func take() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !closed { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        let batch = waiting.removeFirst()
        condition.broadcast()
        return batch
    }

    /// A batch read, for the producer to fill again.
    private func giveBack(_ batch: Batch) {
        condition.lock()
        spare.append(batch)
        condition.unlock()
    }

    /// An empty batch: one given back, or a new one.
    private func emptyBatch(capacity: Int) -> Batch {
        condition.lock()
        let reused = spare.popLast()
        condition.unlock()
        return reused ?? Batch(capacity: capacity)
    }

    /// Runs `produce` on a thread of its own, handing what it gives to `consume` on the
    /// calling thread, in order, about `batchSize` items at a time; returns what `produce`
    /// returned. `produce` gives items by filling a buffer of its own and passing it to
    /// `give`, which moves them all out (into the batch being filled), as often as suits
    /// it: after each item, or after each piece of work that makes many. Everything
    /// `produce` did happens before `consume` sees its last batch and before this returns
    /// (the channel's lock orders them).
    static func split<Result>(batchSize: Int,
                              produce: @escaping @Sendable (_ give: (inout MoveBuffer<Item>) -> Void) -> Result,
                              consume: (Item) -> Void) -> Result {
        precondition(batchSize > 0, "a batch holds at least one item")
        let channel = BatchChannel<Item>()
        let outcome = Outcome<Result>()
        let thread = Thread {
            var batch = channel.emptyBatch(capacity: batchSize)
            let result = produce { items in
                batch.items.append(movingAllOf: &items)
                if batch.items.count >= batchSize {
                    channel.put(batch)
                    batch = channel.emptyBatch(capacity: batchSize)
                }
            }
            outcome.value = result
            channel.put(batch)
            channel.close()
        }
        thread.start()
        while let batch = channel.take() {
            batch.items.removeAll(passingEachTo: consume)
            channel.giveBack(batch)
        }
        return outcome.value!
    }
}

/// What the producing thread of ``BatchChannel/split(batchSize:produce:consume:)``
/// returns, read by the calling thread once the channel is closed.
private final class Outcome<Value>: @unchecked Sendable {
    var value: Value?
}
