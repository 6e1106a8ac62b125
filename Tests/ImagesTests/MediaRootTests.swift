import Foundation
import Images
import TabiCore
import TestSupport
import Testing

/// The media root is read without following links and without reading more than
/// `images.maxBytes`: a link, a FIFO or an oversized file fails alone, named.
@Suite struct MediaRootTests {
    @Test func linksInsideTheRootAreRefusedButTheRootMayBeOne() async throws {
        let workspace = ImageWorkspace()
        let good = try workspace.add("small.jpg", as: "travels/trip/good.jpg", id: "good")
        let media = workspace.media.standardizedFileURL
        let elsewhere = TemporaryFolder("tabi-elsewhere")
        try ImageFixtures.data("landscape-gps.jpg").write(to: elsewhere("secret.jpg"))
        let links = FileManager.default
        // A photo that is a link (to a file outside, and to the good photo inside), and one under
        // a folder that is a link.
        try links.createSymbolicLink(
            at: media.appendingPathComponent("travels/trip/outside.jpg"), withDestinationURL: elsewhere("secret.jpg"))
        try links.createSymbolicLink(atPath: media.appendingPathComponent("travels/trip/inside.jpg").path, withDestinationPath: "good.jpg")
        try links.createSymbolicLink(at: media.appendingPathComponent("travels/linked"), withDestinationURL: elsewhere.url)
        let photos = [
            Photo(id: "outside", storageKey: "travels/trip/outside.jpg"),
            Photo(id: "inside", storageKey: "travels/trip/inside.jpg"),
            Photo(id: "folder", storageKey: "travels/linked/secret.jpg"),
        ]
        let batch = await workspace.make(photos + [good])
        #expect(batch.renditions.keys.sorted() == ["good"])
        #expect(
            batch.failures.map(\.reason) == [
                "it is a symbolic link, and links inside the media root are never followed",
                "it is a symbolic link, and links inside the media root are never followed",
                "\(media.path)/travels/linked is a symbolic link, and links inside the media root are never followed",
            ])
        #expect(batch.failures.map(\.file) == photos.map { "\(media.path)/\($0.storageKey)" })

        // The root itself may be a link (a mounted volume): it is followed once.
        let root = TemporaryFolder("tabi-root")
        try links.createSymbolicLink(at: root("media"), withDestinationURL: media)
        let throughLink = DerivativeMaker(recipes: .defaults, media: MediaRoot(folder: root("media")), output: root("Output"))
        let linked = await throughLink.make([PhotoJob(tripSlug: "t", photo: good)])
        #expect(linked.failures.isEmpty && linked.encoded == 4)
    }

    @Test func onlyRegularFilesAreRead() async throws {
        let workspace = ImageWorkspace()
        let fifo = workspace.media.appendingPathComponent("travels/trip/fifo.jpg")
        try FileManager.default.createDirectory(at: fifo.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(fifo.path, 0o600) == 0)
        try FileManager.default.createDirectory(
            at: workspace.media.appendingPathComponent("travels/trip/folder.jpg"),
            withIntermediateDirectories: true)
        // A FIFO nobody writes to would block a plain open forever.
        let batch = await workspace.make([
            Photo(id: "fifo", storageKey: "travels/trip/fifo.jpg"),
            Photo(id: "folder", storageKey: "travels/trip/folder.jpg"),
        ])
        #expect(
            batch.failures.map(\.reason) == [
                "it is not a regular file (a FIFO, device or socket is never read)", "it is a folder, not a file",
            ])
    }

    @Test func anOriginalOverMaxBytesIsRefusedBeforeItIsRead() async throws {
        let workspace = ImageWorkspace()
        // 64 GiB that take no disk (a sparse file): reading it whole would exhaust memory long
        // before it ended, so failing with its size proves it was measured, not read.
        let huge = workspace.media.appendingPathComponent("travels/trip/huge.jpg")
        try FileManager.default.createDirectory(at: huge.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: huge.path, contents: try ImageFixtures.data("small.jpg")))
        #expect(truncate(huge.path, 64 << 30) == 0)
        let photo = try workspace.add("small.jpg", as: "travels/trip/small.jpg")
        let size = try ImageFixtures.data("small.jpg").count

        let batch = await workspace.make([Photo(id: "huge", storageKey: "travels/trip/huge.jpg"), photo])
        #expect(
            batch.failures.map(\.reason) == [
                "it is 68719476736 bytes, more than images.maxBytes (52428800); it was not read"
            ])
        #expect(batch.renditions[photo.id] != nil)

        // The limit is inclusive: a file of exactly maxBytes is read, one byte more is not.
        let exact = await workspace.make([photo], limits: ImageLimits(maxPixels: 100_000_000, maxBytes: size))
        #expect(exact.failures.isEmpty)
        let under = await workspace.make([photo], limits: ImageLimits(maxPixels: 100_000_000, maxBytes: size - 1))
        #expect(under.failures.map(\.reason) == ["it is \(size) bytes, more than images.maxBytes (\(size - 1)); it was not read"])
    }
}
