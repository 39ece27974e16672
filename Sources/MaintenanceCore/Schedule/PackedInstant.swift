public import FoundationEssentials

/// An optional instant in eight bytes, where `Date?` takes sixteen inside a struct (its flag byte is padded to the
/// next eight). Every task's status keeps six of them.
@propertyWrapper
public struct PackedInstant: Sendable, Equatable {
    /// The instant's seconds since the reference date as a bit pattern, or ``absent``.
    private var bits: UInt64
    /// A NaN that no `Date` holds (arithmetic and `Date(timeIntervalSinceReferenceDate: .nan)` give the canonical one).
    private static let absent = UInt64.max

    public init(wrappedValue: Date?) {
        bits = wrappedValue.map(\.timeIntervalSinceReferenceDate.bitPattern) ?? Self.absent
    }

    public var wrappedValue: Date? {
        get { bits == Self.absent ? nil : Date(timeIntervalSinceReferenceDate: Double(bitPattern: bits)) }
        set { bits = newValue.map(\.timeIntervalSinceReferenceDate.bitPattern) ?? Self.absent }
    }
}
