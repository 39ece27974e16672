/// A value kept out of line: large values that few of many structs have (a task's calendar expression, a status's
/// deferral), or that many share, cost a pointer where they are held. Compared by value.
final class Boxed<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}

extension Boxed: Equatable where Value: Equatable {
    static func == (a: Boxed, b: Boxed) -> Bool { a === b || a.value == b.value }
}
