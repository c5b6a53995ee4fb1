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
}
