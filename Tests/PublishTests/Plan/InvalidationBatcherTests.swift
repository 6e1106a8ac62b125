import Publish
import Testing

@Suite struct InvalidationBatcherTests {
    let batcher = InvalidationBatcher(wildcardThreshold: 5)

    @Test func fewPathsStayExactAndNoneGiveNoBatch() {
        #expect(batcher.batch([String]()).isEmpty)
        let paths = ["/", "/index.html", "/feed.xml", "/sitemap.xml", "/trips/kyoto/", "/trips/kyoto/index.html"]
        #expect(batcher.batch(paths) == paths.sorted(), "the root's files are never collapsed by the threshold")
    }

    @Test func aFolderWithManyChangedPathsBecomesOneWildcard() {
        let trips = ["a", "b", "c"].flatMap { ["/trips/\($0)/", "/trips/\($0)/index.html"] }
        #expect(batcher.batch(trips + ["/index.html"]) == ["/index.html", "/trips/*"])
        let deep = (1...5).map { "/trips/kyoto/photos/\($0).html" } + ["/trips/kyoto/", "/trips/nara/"]
        #expect(
            batcher.batch(deep) == ["/trips/kyoto/", "/trips/kyoto/photos/*", "/trips/nara/"],
            "the deepest folder that reaches the threshold")
    }

    @Test func aSiteUnderAPrefixKeepsItsRoot() {
        let paths = ["/blog/", "/blog/index.html", "/blog/feed.xml", "/blog/sitemap.xml", "/blog/trips/a/", "/blog/trips/a/index.html"]
        #expect(batcher.batch(paths, root: "/blog/") == paths.sorted())
    }

    @Test func atMostFifteenWildcards() {
        let paths = (0..<20).flatMap { folder in (0..<5).map { "/f\(folder)/x/\($0).html" } }
        let batch = batcher.batch(paths)
        #expect(batch.filter { $0.hasSuffix("*") }.count <= 15)
        #expect(Self.covers(batch, paths))
    }

    @Test func atMostThreeThousandPaths() {
        let paths = (0..<40).flatMap { folder in (0..<100).map { "/t\(folder)/p\($0)/" } }
        let batcher = InvalidationBatcher(wildcardThreshold: 1000)
        let batch = batcher.batch(paths)
        #expect(batch.count <= 3000)
        #expect(batch.filter { $0.hasSuffix("*") }.count <= 15)
        #expect(Self.covers(batch, paths))
        #expect(batch.count > 2000, "only as many folders collapse as needed")
    }

    @Test func whenNothingElseFitsTheWholeSiteGoes() {
        let paths = (0..<3001).map { "/page\($0).html" }
        #expect(batcher.batch(paths) == ["/*"])
        #expect(batcher.batch(paths.map { "/blog" + $0 }, root: "/blog/") == ["/blog/*"])
    }

    /// Whether every path is in the batch or under one of its wildcards.
    static func covers(_ batch: [String], _ paths: [String]) -> Bool {
        paths.allSatisfy { path in batch.contains { $0 == path || ($0.hasSuffix("*") && path.hasPrefix($0.dropLast())) } }
    }
}
