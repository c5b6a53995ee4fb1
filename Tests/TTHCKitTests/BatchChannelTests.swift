import Foundation
import Synchronization
import Testing
@testable import TTHCKit

/// ``BatchChannel`` moves items from the producing thread to the calling one through
/// storage it manages by hand: every item must arrive once, in order, and be destroyed
/// exactly once, whatever the number of items against the batch size.
@Suite(.serialized) struct BatchChannelTests {
    /// Counts how many of its kind are alive.
    final class Tracked: Sendable {
        static let alive = Atomic<Int>(0)
        let number: Int

        init(_ number: Int) {
            self.number = number
            Self.alive.add(1, ordering: .relaxed)
        }

        deinit { Self.alive.subtract(1, ordering: .relaxed) }
    }

    /// Item counts around the batch size: none, one, a batch less one, a batch, a batch and
    /// one, and many batches (more than the two that may wait, so batches are reused);
    /// given one at a time, a few at a time, and more than a batch at a time.
    @Test(arguments: [0, 1, 6, 7, 8, 50, 1_000], [1, 3, 20])
    func everyItemArrivesOnceInOrderAndIsFreedOnce(_ count: Int, _ givenTogether: Int) {
        Tracked.alive.store(0, ordering: .relaxed)
        var seen: [Int] = []
        var kept: [Tracked] = []
        let produced = BatchChannel<(Tracked, String)>.split(batchSize: 7, produce: { give in
            // `give` takes every item out of the buffer (checked here, on the producing
            // thread, and expected on the test's).
            var items = MoveBuffer<(Tracked, String)>(capacity: 2)
            var alwaysEmptied = true
            for i in 0..<count {
                items.append((Tracked(i), "item \(i) " + String(repeating: "x", count: i % 40)))
                if items.count == givenTogether {
                    give(&items)
                    alwaysEmptied = alwaysEmptied && items.count == 0
                }
            }
            give(&items)
            return (count, alwaysEmptied && items.count == 0)
        }, consume: { item in
            seen.append(item.0.number)
            #expect(item.1 == "item \(item.0.number) " + String(repeating: "x", count: item.0.number % 40))
            if item.0.number % 10 == 0 { kept.append(item.0) }
        })
        #expect(produced == (count, true))
        #expect(seen == Array(0..<count))
        // Only what the consumer kept is still alive: nothing leaked in a batch, nothing freed twice.
        #expect(Tracked.alive.load(ordering: .relaxed) == kept.count)
        kept.removeAll()
        #expect(Tracked.alive.load(ordering: .relaxed) == 0)
    }

    /// ``MoveBuffer/forEach(_:)`` moves each item out for the call and back in: the items
    /// are all there afterwards, in order, and are destroyed once, with the buffer.
    @Test func forEachLeavesEveryItemInItsPlace() {
        Tracked.alive.store(0, ordering: .relaxed)
        do {
            var buffer = MoveBuffer<(Tracked, String)>(capacity: 3)
            for i in 0..<10 { buffer.append((Tracked(i), "item \(i)")) }
            for _ in 0..<2 {
                var seen: [Int] = []
                buffer.forEach { item in
                    seen.append(item.0.number)
                    #expect(item.1 == "item \(item.0.number)")
                }
                #expect(seen == Array(0..<10))
                #expect(Tracked.alive.load(ordering: .relaxed) == 10)
            }
        }
        #expect(Tracked.alive.load(ordering: .relaxed) == 0)
    }
}
