import Crypto
import Foundation
import Render
import TabiCore

extension Finalizer {
    /// The keys of trip pages' links: each the first 64 bits, in hex, of the SHA-256 of the site
    /// key, a line feed and ``TripNeighbours/key`` (plenty to tell a page's links from its last
    /// ones, and it keeps site.json small). The site key is hashed once; the neighbours' text
    /// goes in piece by piece, without being put together first.
    struct LinkKeys {
        private let site: SHA256

        init(siteKey: String) {
            var site = SHA256()
            site.update(data: Data((siteKey + "\n").utf8))
            self.site = site
        }

        func key(_ around: TripNeighbours) -> String {
            var hasher = site
            func add(_ text: String) {
                var text = text
                text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            }
            func add(_ placement: ListingPlacement?) {
                guard let placement else { return add("-") }
                add(placement.slug)
                add("\t")
                add(placement.title)
            }
            add(around.newer)
            add("\n")
            add(around.older)
            return ContentHash.hex(hasher.finalize().prefix(8))
        }

        /// How many trips of the listing order one of ``chunks(_:)`` covers.
        static let chunkSize = 256

        /// The positions of chunk `chunk` in an order of `count` trips.
        static func positions(ofChunk chunk: Int, in count: Int) -> Range<Int> {
            chunk * chunkSize..<min(count, (chunk + 1) * chunkSize)
        }

        /// What the links of the trips in each run of ``chunkSize`` trips of `order` are made
        /// from, a hash each: the site key, then the id, slug and title of the run's trips and of
        /// the trip on either side of it, each text after its length in bytes.
        func chunks(_ order: [ListingPlacement]) -> [String] {
            var bytes: [UInt8] = []
            return stride(from: 0, to: order.count, by: Self.chunkSize).map { start in
                // Put together first and hashed in one go: a hash update per field cost more than the hashing.
                bytes.removeAll(keepingCapacity: true)
                func add(_ text: String) {
                    withUnsafeBytes(of: UInt32(text.utf8.count).littleEndian) { bytes += $0 }
                    bytes += text.utf8
                }
                for trip in order[max(0, start - 1)..<min(order.count, start + Self.chunkSize + 1)] {
                    add(trip.id)
                    add(trip.slug)
                    add(trip.title)
                }
                var hasher = site
                hasher.update(data: bytes)
                return ContentHash.hex(hasher.finalize())
            }
        }
    }
}
