/// Positions (entry indices) grouped by the hash of a key, for a multi-map look-up without
/// a dictionary of arrays: one sorted array of 16-byte pairs.
///
/// Why not `[String: [Int]]`: at national 10x the catalogue's 680,000 entries made one
/// key string and one array allocation each, twice (by code and by folded name), about
/// 150 MB alive at once while reconciling; the process's peak memory was there. Hashes can
/// collide, so ``positions(forHash:)`` gives candidates, which the caller confirms against
/// the key; within a hash, positions ascend, so a group keeps file order.
struct PositionsByHash {
    private var pairs: [(hash: Int, position: Int)] = []

    init() {}

    /// `keyed` gives each position's key hash, or nil to leave the position out.
    init(count: Int, _ keyed: (Int) -> Int?) {
        pairs.reserveCapacity(count)
        for position in 0..<count {
            if let hash = keyed(position) { pairs.append((hash, position)) }
        }
        pairs.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.position < $1.position }
    }

    /// As ``init(count:_:)``, the hashes computed in two halves at once: for keys that cost
    /// (folded names).
    init(inTwoHalves count: Int, _ keyed: @Sendable (Int) -> Int?) {
        let middle = count / 2
        let (low, high) = concurrently({ (0..<middle).map(keyed) }, { (middle..<count).map(keyed) })
        self.init(count: count) { $0 < middle ? low[$0] : high[$0 - middle] }
    }

    var isEmpty: Bool { pairs.isEmpty }

    /// By position (of `count`), the earliest position whose key equals its own when that
    /// is an earlier one, else -1; `same` tells whether two positions of one hash have
    /// equal keys. One pass over the pairs, no key hashed again: most hashes are one
    /// position's.
    func earliestEqual(count: Int, _ same: (Int, Int) -> Bool) -> [Int] {
        var out = [Int](repeating: -1, count: count)
        var start = 0
        while start < pairs.count {
            var end = start + 1
            while end < pairs.count && pairs[end].hash == pairs[start].hash { end += 1 }
            // Positions ascend within a hash: the first equal one met is the earliest.
            for j in (start + 1)..<max(end, start + 1) {
                let later = pairs[j].position
                if let k = (start..<j).first(where: { same(pairs[$0].position, later) }) { out[later] = pairs[k].position }
            }
            start = end
        }
        return out
    }

    /// The positions whose key has this hash, ascending.
    func positions(forHash hash: Int) -> some Collection<Int> {
        var low = 0, high = pairs.count
        while low < high {
            let mid = (low + high) / 2
            if pairs[mid].hash < hash { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < pairs.count && pairs[end].hash == hash { end += 1 }
        return pairs[low..<end].lazy.map(\.position)
    }
}
