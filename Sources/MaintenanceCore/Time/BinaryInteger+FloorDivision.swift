extension BinaryInteger {
    /// Division rounding towards negative infinity.
    package func floorDivided(by divisor: Self) -> Self {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }

    /// Remainder with the sign of the divisor.
    package func floorModulo(_ divisor: Self) -> Self {
        let r = self % divisor
        return r != 0 && (r < 0) != (divisor < 0) ? r + divisor : r
    }
}
