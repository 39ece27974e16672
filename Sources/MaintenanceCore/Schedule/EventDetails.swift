/// An event's details: a few short pairs ("line", "trigger", "by"), kept in one small array sorted by key.
///
/// A dictionary of two pairs takes 220 bytes where this takes 120, and a large plant's first start holds one per
/// announced task (33,334 at the generated 100,000-task plant) until its history is written.
public struct EventDetails: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public struct Element: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// Sorted by key, each key once.
    private var pairs: [Element]

    public init() { pairs = [] }

    /// A key given twice keeps its last value.
    public init(dictionaryLiteral elements: (String, String)...) {
        pairs = []
        pairs.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    public subscript(key: String) -> String? {
        get { pairs.firstIndex { $0.key == key }.map { pairs[$0].value } }
        set {
            let index = pairs.firstIndex { $0.key >= key } ?? pairs.endIndex
            let present = index < pairs.endIndex && pairs[index].key == key
            switch (newValue, present) {
            case (let value?, true): pairs[index].value = value
            case (let value?, false): pairs.insert(Element(key: key, value: value), at: index)
            case (nil, true): pairs.remove(at: index)
            case (nil, false): break
            }
        }
    }

    public var isEmpty: Bool { pairs.isEmpty }

    /// In key order.
    public func makeIterator() -> IndexingIterator<[Element]> { pairs.makeIterator() }

    /// The pairs as a dictionary (the protocol's form).
    public var dictionary: [String: String] {
        Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
    }

    /// These details with `other`'s added; `other`'s value wins where both have a key.
    public func merging(_ other: EventDetails) -> EventDetails {
        var merged = self
        for pair in other { merged[pair.key] = pair.value }
        return merged
    }
}
