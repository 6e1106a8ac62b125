import Crypto
import TestSupport
import Testing

@testable import Extract

/// The row digests are hashed eight at a time (`MD5Batch`): each must be exactly MD5, whatever
/// the messages' lengths (around the 55, 56 and 64 bytes where MD5's padding takes another block)
/// and however many there are.
@Suite struct MD5BatchTests {
    @Test func everyDigestIsMD5() {
        var random = SplitMix(seed: 3)
        let edges = [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1_000]
        for round in 0..<300 {
            let count = round == 0 ? edges.count : Int(random.next() % 20)
            var text: [UInt8] = []
            var messages: [Range<Int>] = []
            for index in 0..<count {
                let length = round == 0 ? edges[index] : Int(random.next() % 300)
                let start = text.count
                for _ in 0..<length { text.append(UInt8(truncatingIfNeeded: random.next())) }
                messages.append(start..<text.count)
            }
            var digests: [UInt8] = [1, 2, 3]  // left over from before: replaced
            text.withUnsafeBytes { MD5Batch.digests(of: $0, messages: messages, into: &digests) }

            #expect(digests.count == 16 * count)
            for (index, range) in messages.enumerated() {
                let expected = Array(Insecure.MD5.hash(data: text[range]))
                #expect(Array(digests[(16 * index)..<(16 * index + 16)]) == expected, "round \(round), \(range.count) bytes")
            }
        }
        #expect(MD5Batch.digest(of: Array("abc".utf8)) == Array(Insecure.MD5.hash(data: Array("abc".utf8))))
    }
}
