import Foundation

/// The two hand-overs of a listing parsed on a second thread
/// (``LibXMLDocumentReader/runOnSecondThread(_:errorContext:)``): chunks of input, read
/// through the guard by the calling thread, to the parsing thread; batches of recorded
/// events back. At most ``chunksAhead`` chunks and two batches wait, so memory stays
/// bounded whichever side is faster.
///
/// The calling thread does both of its parts in one loop (``serve(read:consume:)``): it
/// reads a chunk when the parser has none waiting, makes the events of a batch when one is
/// waiting, reads ahead while there is room, and waits only when there is nothing to do.
/// The parser never waits for a chunk for longer than one read, and the calling thread
/// never waits while a batch is there.
final class GuardedFeed: @unchecked Sendable {
    /// 512 KiB of input: more than the parser takes while a batch's events are made.
    static let chunksAhead = 8
    private static let batchesWaiting = 2
    private let condition = NSCondition()
    private var chunks: [GuardedChunk] = []
    private var batches: [RecordedBatch] = []
    /// The calling thread has read the end of the input (or a read error).
    private var inputDone = false
    /// The parsing thread has handed over its last batch.
    private var finished = false

    /// The next chunk, on the parsing thread; waits until there is one. Not called again
    /// once it has given the end of the input.
    func takeChunk() -> GuardedChunk {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty { condition.wait() }
        condition.broadcast()
        return chunks.removeFirst()
    }

    /// Hands over a batch, on the parsing thread; waits while two are waiting.
    func put(_ batch: consuming RecordedBatch) {
        condition.lock()
        while batches.count >= Self.batchesWaiting { condition.wait() }
        batches.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// No more batches will come: the parsing thread is done with the parser.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The calling thread's loop: `read` gives the next chunk, `consume` takes each batch,
    /// in order. Returns once the parsing thread has finished and its last batch is
    /// consumed; everything the parsing thread did happens before. Chunks the parser did not
    /// take (it stopped early) are let go of.
    func serve(read: () -> GuardedChunk, consume: (RecordedBatch) -> Void) {
        condition.lock()
        while true {
            let starving = chunks.isEmpty && !inputDone && !finished
            if !starving, !batches.isEmpty {
                let batch = batches.removeFirst()
                condition.broadcast()
                condition.unlock()
                consume(batch)
                condition.lock()
            } else if !inputDone, !finished, chunks.count < Self.chunksAhead {
                condition.unlock()
                let chunk = read()
                condition.lock()
                if chunk.count <= 0 { inputDone = true }
                chunks.append(chunk)
                condition.broadcast()
            } else if finished, batches.isEmpty {
                break
            } else {
                condition.wait()
            }
        }
        chunks.removeAll()
        condition.unlock()
    }
}
