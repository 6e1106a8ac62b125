/// Where a connection points, as libpq resolved it: for messages and logs. Never holds the password.
public struct ConnectionTarget: Sendable, Equatable, CustomStringConvertible {
    /// Host name, address or Unix-socket folder.
    public var host: String
    /// The port, as text (libpq's form).
    public var port: String
    /// The database name.
    public var database: String
    /// The role connected as.
    public var user: String

    public init(host: String, port: String, database: String, user: String) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
    }

    /// `host 127.0.0.1, port 5432, database "tabi", user "reader"`
    public var description: String {
        "host \(host.isEmpty ? "(default)" : host), port \(port.isEmpty ? "(default)" : port), "
            + "database \"\(database)\", user \"\(user)\""
    }
}
