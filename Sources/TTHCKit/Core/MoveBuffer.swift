/// A growable buffer of items that are moved in, read where they lie and destroyed
/// together, never copied: what an item holds (strings, arrays) is not retained and
/// released on the way through, as it is when an item is copied into an array and out of
/// it. For the millions of events or rows of a large file handed from where they are made
/// to where they are used.
struct MoveBuffer<Item>: ~Copyable {
    private var base: UnsafeMutablePointer<Item>
    private var capacity: Int
    /// How many items are in the buffer.
    private(set) var count = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a buffer holds at least one item")
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Moves `item` in at the end, growing the storage when it is full.
    @inline(__always)
    mutating func append(_ item: consuming Item) {
        if count == capacity { grow() }
        (base + count).initialize(to: item)
        count += 1
    }

    /// Hands every item to `body`, in order: nothing is copied or retained. Each item is
    /// moved out for the call and back in after it. Passed as `base[i]`, it was copied
    /// whole (every string it holds retained) and the copy destroyed after the call: the
    /// compiler cannot tell that `body` leaves the buffer's memory alone, so it keeps a
    /// copy of its own to lend. A local value that is moved is one it can lend as it is.
    @inline(__always)
    func forEach(_ body: (Item) -> Void) {
        for i in 0..<count {
            let item = (base + i).move()
            body(item)
            (base + i).initialize(to: consume item)
        }
    }

    /// Destroys every item, leaving the buffer empty (its storage kept).
    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// ``forEach(_:)``, then ``removeAll()``.
    @inline(__always)
    mutating func removeAll(passingEachTo body: (Item) -> Void) {
        forEach(body)
        removeAll()
    }

    /// Moves every item of `other` in at the end, in order, leaving `other` empty (its
    /// storage kept): one `memcpy`-like move, whatever the items hold.
    mutating func append(movingAllOf other: inout MoveBuffer<Item>) {
        while capacity - count < other.count { grow() }
        (base + count).moveInitialize(from: other.base, count: other.count)
        count += other.count
        other.count = 0
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Item>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
