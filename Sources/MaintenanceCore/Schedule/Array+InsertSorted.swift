public import FoundationEssentials

extension Array {
    /// Inserts keeping the array ordered by `key`, after any element with an equal key.
    mutating func insertSorted(_ element: Element, by key: (Element) -> Date) {
        let value = key(element)
        if let last = last, key(last) <= value {
            append(element)
            return
        }
        let index = firstIndex { key($0) > value } ?? endIndex
        insert(element, at: index)
    }
}
