import Foundation
import Synchronization
import Testing
@testable import TTHCKit

@Suite struct ConcurrentMapTests {
    /// Results come back in the elements' order whatever each one costs (later elements
    /// finish first here), each computed once; empty and one-element arrays too.
    @Test func resultsKeepTheElementsOrder() {
        let calls = Mutex(0)
        for n in [0, 1, 2, 3, 257] {
            let items = Array(0..<n)
            let results = items.concurrentMap { i -> String in
                calls.withLock { $0 += 1 }
                // Early elements work longest, so an order by completion would differ.
                var x = 0
                for k in 0..<((n - i) * 100) { x &+= k }
                return "\(i):\(x & 1)"
            }
            #expect(results == items.map { i in "\(i):\((0..<((n - i) * 100)).reduce(0, &+) & 1)" })
        }
        #expect(calls.withLock { $0 } == 263)
    }

    /// `concurrently` returns each closure's own result, each run once, the first in the
    /// first place, whichever finishes first (here the first works longest); with
    /// `atOnce: false` both run on the calling thread, in order.
    @Test func concurrentlyReturnsEachResultInItsPlace() {
        let calls = Mutex<[String]>([])
        let (a, b) = concurrently({ () -> [Int] in
            var x = 0
            for k in 0..<2_000_000 { x &+= k }
            calls.withLock { $0.append("first") }
            return [x & 1, 1]
        }, { () -> String in
            calls.withLock { $0.append("second") }
            return "two"
        })
        #expect(a == [(0..<2_000_000).reduce(0, &+) & 1, 1] && b == "two")
        #expect(calls.withLock { $0 }.sorted() == ["first", "second"])
        let caller = pthread_self()
        let (c, d) = concurrently(atOnce: false, { () -> Bool in
            calls.withLock { $0.append("third") }
            return pthread_equal(pthread_self(), caller) != 0
        }, { () -> Bool in
            calls.withLock { $0.append("fourth") }
            return pthread_equal(pthread_self(), caller) != 0
        })
        #expect(c && d)
        #expect(calls.withLock { $0 }.suffix(2) == ["third", "fourth"])
    }
}
