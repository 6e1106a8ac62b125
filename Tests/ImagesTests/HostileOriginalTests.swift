import Foundation
import Images
import TabiCore
import Testing
import Vips

/// Originals that are not photos, or photos built to exhaust memory, fail alone with a reason
/// naming what they are; the photos beside them are made as usual.
@Suite struct HostileOriginalTests {
    @Test func otherFormatsFailByNameAndTheRestOfTheBatchIsMade() async throws {
        let workspace = ImageWorkspace()
        let good = try workspace.add("small.jpg", id: "good")
        let samples = HostileFiles.handwritten + (try HostileFiles.converted(from: ImageFixtures.url("small.jpg")))
        var hostile: [Photo] = []
        for sample in samples {
            // Named like a photo: the name says nothing, the bytes decide.
            let key = "travels/trip/\(sample.name).jpg"
            try workspace.put(sample.bytes, at: key)
            hostile.append(Photo(id: sample.name, storageKey: key))
        }
        let batch = await workspace.make(hostile + [good])

        #expect(batch.renditions.keys.sorted() == ["good"])
        #expect(batch.failures.map(\.photoId) == hostile.map(\.id))
        for (failure, sample) in zip(batch.failures, samples) {
            if sample.recognisedInMemory {
                #expect(failure.reason.hasPrefix("it is "), "\(failure)")
                #expect(failure.reason.contains("(\(sample.family)_source)"), "\(failure)")
                #expect(failure.reason.hasSuffix("only JPEG, PNG, WebP, HEIF/AVIF and GIF are read"), "\(failure)")
            } else {
                #expect(failure.reason.contains("not an image libvips can read"), "\(failure)")
            }
        }
        #expect(batch.failures.first?.reason == "it is SVG (svgload_source), and only JPEG, PNG, WebP, HEIF/AVIF and GIF are read")
        #expect(batch.encoded == 4 && batch.files.count == 4)
    }
}
