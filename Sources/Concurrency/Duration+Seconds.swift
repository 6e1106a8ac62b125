extension Duration {
    /// Seconds as a floating-point number (reports, `Date` arithmetic, log lines): the one
    /// conversion every layer uses.
    public var secondsValue: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
