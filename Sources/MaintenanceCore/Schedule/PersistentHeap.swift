/// A min-heap that is a value whose copies share structure (a leftist heap of immutable nodes): inserting or removing
/// the minimum makes O(log n) new nodes and leaves every copy as it was. A plant is copied before each command (a
/// failed write must leave it as it was), so its deadline queue must not be copied whole on each change, as an
/// array-backed heap would be.
struct PersistentHeap<Element: Comparable & Sendable>: Sendable {
    /// Immutable once made; its children are cleared only by its own teardown, when nothing else holds it.
    private final class Node: @unchecked Sendable {
        let element: Element
        /// The length of the rightmost path: kept short on the right, so merging walks O(log n) nodes.
        let rank: Int
        private(set) var left: Node?
        private(set) var right: Node?

        init(_ element: Element, _ a: Node?, _ b: Node?) {
            self.element = element
            // The child with the longer right path goes left.
            let (ra, rb) = (a?.rank ?? 0, b?.rank ?? 0)
            (left, right) = ra >= rb ? (a, b) : (b, a)
            rank = Swift.min(ra, rb) + 1
        }

        /// A left path can be as long as the heap: children no one else holds are torn down here, one by one,
        /// rather than by a recursion as deep as the path.
        deinit {
            // Most nodes released share their children with newer nodes: nothing to do, and nothing allocated.
            var pending: [Node] = []
            Self.detach(&left, into: &pending)
            Self.detach(&right, into: &pending)
            while let node = pending.popLast() {
                Self.detach(&node.left, into: &pending)
                Self.detach(&node.right, into: &pending)
            }
        }

        /// Takes a child no one else holds out of its parent, to be torn down iteratively.
        private static func detach(_ child: inout Node?, into pending: inout [Node]) {
            guard var node = child else { return }
            child = nil
            if isKnownUniquelyReferenced(&node) { pending.append(node) }
        }
    }

    private var root: Node?
    private(set) var count = 0

    init() {}

    init(_ elements: some Sequence<Element>) {
        // The elements are put in heap order in place (O(n)), then each becomes one node, children before parents:
        // element i's children are 2i + 1 and 2i + 2. A complete tree's right paths are already its shortest, as a
        // leftist heap needs. (Pairwise merging, as before, made and released a node per merge step: at 100,000
        // deadlines that was a tenth of a second of a start.)
        var items = Array(elements)
        Self.heapify(&items)
        count = items.count
        var nodes = [Node?](repeating: nil, count: items.count)
        for index in items.indices.reversed() {
            let (left, right) = (2 * index + 1, 2 * index + 2)
            // Taken out of the array, so each node has one owner and is never retained twice.
            let a = left < nodes.count ? nodes[left].take() : nil
            let b = right < nodes.count ? nodes[right].take() : nil
            nodes[index] = Node(items[index], a, b)
        }
        root = nodes.first ?? nil
    }

    /// Floyd's construction: every element no greater than its children at 2i + 1 and 2i + 2.
    private static func heapify(_ items: inout [Element]) {
        guard items.count > 1 else { return }
        for start in stride(from: items.count / 2 - 1, through: 0, by: -1) {
            var parent = start
            while true {
                var smallest = parent
                let (left, right) = (2 * parent + 1, 2 * parent + 2)
                if left < items.count, items[left] < items[smallest] { smallest = left }
                if right < items.count, items[right] < items[smallest] { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }

    var min: Element? { root?.element }

    mutating func insert(_ element: Element) {
        root = Self.merge(root, Node(element, nil, nil))
        count += 1
    }

    mutating func removeMin() {
        guard let root else { return }
        self.root = Self.merge(root.left, root.right)
        count -= 1
    }

    private static func merge(_ a: Node?, _ b: Node?) -> Node? {
        guard let a else { return b }
        guard let b else { return a }
        let (low, high) = b.element < a.element ? (b, a) : (a, b)
        return Node(low.element, low.left, merge(low.right, high))
    }
}
