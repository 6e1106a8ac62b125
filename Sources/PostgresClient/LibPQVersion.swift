import CPostgres

/// The linked libpq's version as a number (150018 for 15.18).
public func libpqVersion() -> Int { Int(PQlibVersion()) }
