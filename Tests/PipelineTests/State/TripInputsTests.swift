import Foundation
import TabiCore
import Testing

@testable import Pipeline

/// A trip's inputs hash is what its record is compared with every night: the way it is worked
/// out may change, its value may not, or every trip of every site is built again.
@Suite struct TripInputsTests {
    @Test func aTripsHashIsTheSiteKeyAndItsContentHashedTogether() throws {
        let theme = FileManager.default.temporaryDirectory.appendingPathComponent("inputs-theme-\(UUID())")
        defer { try? FileManager.default.removeItem(at: theme) }
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try Data("name: t\n".utf8).write(to: theme.appendingPathComponent("theme.yml"))
        let inputs = try TripInputs(configText: "title: x\n", theme: theme, keepsHeaders: false)
        for content in ["", "0f3a", "e\u{301}\"\u{200D}\n末尾", String(repeating: "ab", count: 300)] {
            #expect(inputs.hash(content: content) == ContentHash.sha256(inputs.siteKey + "\n" + content))
        }
        let other = try TripInputs(configText: "title: y\n", theme: theme, keepsHeaders: false)
        #expect(other.siteKey != inputs.siteKey)
        #expect(other.hash(content: "0f3a") != inputs.hash(content: "0f3a"))
    }
}
