import Foundation
import TestSupport

/// The `vips` and ImageMagick `convert` command-line tools (`scripts/install-deps test` installs
/// both), for fixtures the Vips wrapper cannot write: formats tabi-press refuses (TIFF, .v,
/// Radiance, JPEG 2000), PNGs and animated GIFs.
enum ImageTools {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `vips <arguments>` and fails the test with its message when it fails.
    static func vips(_ arguments: [String]) throws {
        try run("vips", arguments)
    }

    /// Runs ImageMagick's `convert <arguments>`.
    static func convert(_ arguments: [String]) throws {
        try run("convert", arguments)
    }

    /// Converts `source` to the format `vips copy` picks from `extension` and returns the bytes.
    static func vipsCopy(_ source: URL, to fileExtension: String) throws -> Data {
        let folder = TemporaryFolder("tabi-vips-copy")
        let target = folder("out.\(fileExtension)")
        try vips(["copy", source.path, target.path])
        return try Data(contentsOf: target)
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let result = try CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments)
        guard result.status == 0 else {
            throw Failure(
                description: "\(tool) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)"
                    + " (scripts/install-deps test installs libvips-tools and imagemagick)")
        }
    }
}
