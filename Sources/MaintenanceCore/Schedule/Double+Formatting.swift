extension Double {
    /// "12", "12.5", "0.25": no trailing zeros, at most `maxFractionDigits` decimals.
    public func formatted(maxFractionDigits: Int) -> String {
        if self == rounded() && abs(self) < 1e15 { return String(Int64(self)) }
        var scale = 1.0
        for _ in 0..<maxFractionDigits { scale *= 10 }
        let value = (self * scale).rounded() / scale
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
