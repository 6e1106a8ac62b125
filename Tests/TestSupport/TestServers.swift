import Foundation

/// The addresses of the throwaway servers `make test` starts (scripts/servers/*.sh export them).
public enum TestServers {
    /// The value of a variable a server script exports, or a failure telling how to get it: a
    /// test that needs a server fails without it, it never skips.
    public static func require(_ variable: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            throw MissingServer(variable: variable)
        }
        return value
    }

    public struct MissingServer: Error, CustomStringConvertible {
        public var variable: String
        public var description: String {
            "\(variable) is not set: the server this test needs is not running. Run the suite with `make test`, which starts it."
        }
    }
}
