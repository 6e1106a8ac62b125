import Foundation
import Gzip
import TestSupport
import Testing

@Suite struct GzipTests {
    let text = Data(String(repeating: "<p>Temples, tea and red maples.</p>\n", count: 200).utf8)

    @Test func compressionIsDeterministicWithAFixedHeader() throws {
        let once = try Gzip.compress(text)
        #expect(once == (try Gzip.compress(text)))
        #expect(Array(once.prefix(10)) == [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x02, 0xFF], "no name, no time, OS unknown")
        #expect(once.count < text.count / 10)
    }

    @Test func gunzipGivesTheBytesBack() async throws {
        let folder = TemporaryFolder("tabi-gzip")
        for (name, data) in [
            ("text", text), ("empty", Data()), ("binary", Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })),
        ] {
            let file = folder("\(name).gz")
            try Gzip.compress(data).write(to: file)
            let result = try await CommandRunner.run(URL(fileURLWithPath: "/bin/gzip"), ["-t", file.path])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let decoded = try await CommandRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "gzip -dc '\(file.path)' | md5sum"])
            #expect(decoded.stdout.hasPrefix(ContentDigest.md5(data)), "\(name)")
        }
    }
}
