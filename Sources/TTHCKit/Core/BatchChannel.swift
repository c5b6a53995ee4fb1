import Foundation

/// Batches of items from a producing thread to the calling one, at most two waiting, so
/// memory stays bounded whichever side is faster. Used where a large file is split
/// between two cores: libxml2 parsing a listing while its model is built, the CSV
/// tokenizer reading an annex while the interpreter reads its rows.
///
/// Items are never copied: the producer moves them into a batch's storage and the
/// consumer reads them where they lie. Copying an event into an array and out of it
/// retained and released every string it held twice more, a fifth of the parsing
/// thread's time on a large listing. Batches go back to the producer once read, and the
/// producer destroys their items before it fills them again: what it allocated is freed
/// on its own thread. Freed on the consumer's, it went back through the allocator's lock
/// for the producer's arena, which the producer was taking at the same time (a twentieth
/// of the parsing thread was waking the other from that lock). Storage is reused rather
/// than allocated (and faulted in) again for every batch.
final class BatchChannel<Item>: @unchecked Sendable {
    private static var waitingLimit: Int { 2 }
    private let condition = NSCondition()
    private var waiting: [Batch] = []
    /// Batches read and given back, for the producer to fill again.
    private var spare: [Batch] = []
    private var closed = false

    /// One batch's items: moved in by the producer, read in place by the consumer,
    /// destroyed by the producer when it takes the batch back.
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

    /// A batch read (its items still in it), for the producer to empty and fill again.
    private func giveBack(_ batch: Batch) {
        condition.lock()
        spare.append(batch)
        condition.unlock()
    }

    /// Destroys the items of the batches given back and lets go of them.
    private func emptySpares() {
        condition.lock()
        let batches = spare
        spare = []
        condition.unlock()
        for batch in batches { batch.items.removeAll() }
    }

    /// An empty batch: one given back, its items destroyed here (on the producer's
    /// thread), or a new one.
    private func emptyBatch(capacity: Int) -> Batch {
        condition.lock()
        let reused = spare.popLast()
        condition.unlock()
        guard let reused else { return Batch(capacity: capacity) }
        reused.items.removeAll()
        return reused
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
            batch.items.forEach(consume)
            channel.giveBack(batch)
        }
        // The producer is done with the channel: what the last batches hold goes now,
        // not whenever the thread lets go of it.
        channel.emptySpares()
        return outcome.value!
    }
}

extension BatchChannel {
    /// The other direction of ``split(batchSize:produce:consume:)``: the calling thread
    /// hands items in one at a time (``give(_:)``), and `consume` takes them on a thread of
    /// its own, in order, with at most two waiting; ``finish()`` waits until it has taken
    /// the last. As in `split`, the side that made the items destroys them (the caller,
    /// when it reuses a batch, and in `finish`). For an output written while the next of
    /// its pieces are made (``PieceWriter``).
    final class Drain: @unchecked Sendable {
        private let channel = BatchChannel<Item>()
        private let done = DispatchSemaphore(value: 0)

        init(consume: @escaping @Sendable (Item) -> Void) {
            let channel = channel, done = done
            Thread {
                while let batch = channel.take() {
                    batch.items.forEach(consume)
                    channel.giveBack(batch)
                }
                done.signal()
            }.start()
        }

        func give(_ item: consuming Item) {
            let batch = channel.emptyBatch(capacity: 1)
            batch.items.append(item)
            channel.put(batch)
        }

        /// Everything `consume` did happens before this returns.
        func finish() {
            channel.close()
            done.wait()
            channel.emptySpares()
        }
    }
}

/// What the producing thread of ``BatchChannel/split(batchSize:produce:consume:)``
/// returns, read by the calling thread once the channel is closed.
private final class Outcome<Value>: @unchecked Sendable {
    var value: Value?
}
