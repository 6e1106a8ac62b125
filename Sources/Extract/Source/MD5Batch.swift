/// MD5 digests of many messages at once, eight at a time, one in each lane of SIMD vectors: a
/// trip's few hundred rows hash in well under half the time one message at a time takes (swift-crypto's
/// MD5, BoringSSL's assembly, 0.6 GB/s against 1.4 GB/s here on the benchmark's rows). For row
/// fingerprints that must equal PostgreSQL's `md5()`, never for security.
enum MD5Batch {
    typealias Lanes = SIMD8<UInt32>

    /// The digest of each message (`bytes[range]`), 16 bytes each, in order, into `digests`.
    static func digests(of bytes: UnsafeRawBufferPointer, messages: [Range<Int>], into digests: inout [UInt8]) {
        digests.removeAll(keepingCapacity: true)
        digests.append(contentsOf: repeatElement(0, count: messages.count * 16))
        digests.withUnsafeMutableBytes { out in
            guard let out = out.baseAddress else { return }
            var batch = Batch(base: bytes.baseAddress, messages: messages, out: out)
            batch.run()
        }
    }

    /// The digest of one message.
    static func digest(of message: [UInt8]) -> [UInt8] {
        var digest: [UInt8] = []
        message.withUnsafeBytes { digests(of: $0, messages: [0..<message.count], into: &digest) }
        return digest
    }

    /// The lanes' state while a batch of messages is hashed.
    private struct Batch: ~Copyable {
        let base: UnsafeRawPointer?
        let messages: [Range<Int>]
        let out: UnsafeMutableRawPointer
        static let lanes = Lanes.scalarCount
        /// Per lane: its message (-1: none), its blocks left, its full blocks left (after them
        /// come its last one or two, padded, from `tails`), the block it reads next.
        let message = UnsafeMutablePointer<Int>.allocate(capacity: lanes)
        let left = UnsafeMutablePointer<Int>.allocate(capacity: lanes)
        let fullLeft = UnsafeMutablePointer<Int>.allocate(capacity: lanes)
        let current = UnsafeMutablePointer<UnsafeRawPointer>.allocate(capacity: lanes)
        let tails = UnsafeMutableRawPointer.allocate(byteCount: lanes * 128, alignment: 16)
        /// What a lane without a message reads.
        let idle = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 16)
        /// The sixteen words of the blocks being compressed, lane by lane.
        let words = UnsafeMutablePointer<Lanes>.allocate(capacity: 16)
        var state = (Lanes(), Lanes(), Lanes(), Lanes())
        var next = 0
        var active = 0

        init(base: UnsafeRawPointer?, messages: [Range<Int>], out: UnsafeMutableRawPointer) {
            self.base = base
            self.messages = messages
            self.out = out
            idle.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
        }

        deinit {
            message.deallocate()
            left.deallocate()
            fullLeft.deallocate()
            current.deallocate()
            tails.deallocate()
            idle.deallocate()
            words.deallocate()
        }

        mutating func run() {
            for lane in 0..<Self.lanes { start(lane) }
            while active > 0 {
                let p = (current[0], current[1], current[2], current[3], current[4], current[5], current[6], current[7])
                for word in 0..<16 {
                    let offset = word &* 4
                    func load(_ pointer: UnsafeRawPointer) -> UInt32 {
                        UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                    }
                    words[word] = Lanes(load(p.0), load(p.1), load(p.2), load(p.3), load(p.4), load(p.5), load(p.6), load(p.7))
                }
                MD5Batch.compress(&state, words)
                for lane in 0..<Self.lanes where message[lane] >= 0 {
                    left[lane] -= 1
                    if left[lane] == 0 {
                        finish(lane)
                        start(lane)
                    } else {
                        fullLeft[lane] -= 1
                        current[lane] = fullLeft[lane] == 0 ? UnsafeRawPointer(tails + lane * 128) : current[lane] + 64
                    }
                }
            }
        }

        /// Gives `lane` the next message: its full blocks are read in place, its last bytes with
        /// MD5's padding (0x80, zeros, the length in bits) from a block or two of its own.
        private mutating func start(_ lane: Int) {
            guard next < messages.count else {
                message[lane] = -1
                current[lane] = UnsafeRawPointer(idle)
                return
            }
            let range = messages[next]
            message[lane] = next
            next += 1
            active += 1
            let full = range.count / 64, rest = range.count - full * 64
            let tailBlocks = rest + 9 <= 64 ? 1 : 2
            let tail = tails + lane * 128
            tail.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
            if rest > 0, let base { tail.copyMemory(from: base + range.lowerBound + full * 64, byteCount: rest) }
            tail.storeBytes(of: 0x80, toByteOffset: rest, as: UInt8.self)
            tail.storeBytes(of: (UInt64(range.count) &* 8).littleEndian, toByteOffset: tailBlocks * 64 - 8, as: UInt64.self)
            current[lane] = full > 0 ? base! + range.lowerBound : UnsafeRawPointer(tail)
            fullLeft[lane] = full
            left[lane] = full + tailBlocks
            state.0[lane] = 0x6745_2301
            state.1[lane] = 0xefcd_ab89
            state.2[lane] = 0x98ba_dcfe
            state.3[lane] = 0x1032_5476
        }

        private mutating func finish(_ lane: Int) {
            let digest = out + message[lane] * 16
            digest.storeBytes(of: state.0[lane].littleEndian, toByteOffset: 0, as: UInt32.self)
            digest.storeBytes(of: state.1[lane].littleEndian, toByteOffset: 4, as: UInt32.self)
            digest.storeBytes(of: state.2[lane].littleEndian, toByteOffset: 8, as: UInt32.self)
            digest.storeBytes(of: state.3[lane].littleEndian, toByteOffset: 12, as: UInt32.self)
            active -= 1
        }
    }

    /// A left rotation. Added rather than or-ed: the halves never overlap, and the compiler
    /// turns `|` into a rotate that SSE does not have, one lane at a time (three times slower).
    @inline(__always)
    private static func rotate(_ x: Lanes, _ bits: UInt32) -> Lanes { (x &<< bits) &+ (x &>> (32 - bits)) }

    /// MD5's compression of one 64-byte block per lane (RFC 1321, section 3.4); `m` holds the
    /// block's sixteen words, lane by lane.
    @inline(__always)
    private static func compress(_ state: inout (Lanes, Lanes, Lanes, Lanes), _ m: UnsafePointer<Lanes>) {
        var (a, b, c, d) = state
        let m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7]
        let m8 = m[8], m9 = m[9], m10 = m[10], m11 = m[11], m12 = m[12], m13 = m[13], m14 = m[14], m15 = m[15]
        // Round 1
        a = b &+ rotate(a &+ (d ^ (b & (c ^ d))) &+ Lanes(repeating: 0xd76aa478) &+ m0, 7)
        d = a &+ rotate(d &+ (c ^ (a & (b ^ c))) &+ Lanes(repeating: 0xe8c7b756) &+ m1, 12)
        c = d &+ rotate(c &+ (b ^ (d & (a ^ b))) &+ Lanes(repeating: 0x242070db) &+ m2, 17)
        b = c &+ rotate(b &+ (a ^ (c & (d ^ a))) &+ Lanes(repeating: 0xc1bdceee) &+ m3, 22)
        a = b &+ rotate(a &+ (d ^ (b & (c ^ d))) &+ Lanes(repeating: 0xf57c0faf) &+ m4, 7)
        d = a &+ rotate(d &+ (c ^ (a & (b ^ c))) &+ Lanes(repeating: 0x4787c62a) &+ m5, 12)
        c = d &+ rotate(c &+ (b ^ (d & (a ^ b))) &+ Lanes(repeating: 0xa8304613) &+ m6, 17)
        b = c &+ rotate(b &+ (a ^ (c & (d ^ a))) &+ Lanes(repeating: 0xfd469501) &+ m7, 22)
        a = b &+ rotate(a &+ (d ^ (b & (c ^ d))) &+ Lanes(repeating: 0x698098d8) &+ m8, 7)
        d = a &+ rotate(d &+ (c ^ (a & (b ^ c))) &+ Lanes(repeating: 0x8b44f7af) &+ m9, 12)
        c = d &+ rotate(c &+ (b ^ (d & (a ^ b))) &+ Lanes(repeating: 0xffff5bb1) &+ m10, 17)
        b = c &+ rotate(b &+ (a ^ (c & (d ^ a))) &+ Lanes(repeating: 0x895cd7be) &+ m11, 22)
        a = b &+ rotate(a &+ (d ^ (b & (c ^ d))) &+ Lanes(repeating: 0x6b901122) &+ m12, 7)
        d = a &+ rotate(d &+ (c ^ (a & (b ^ c))) &+ Lanes(repeating: 0xfd987193) &+ m13, 12)
        c = d &+ rotate(c &+ (b ^ (d & (a ^ b))) &+ Lanes(repeating: 0xa679438e) &+ m14, 17)
        b = c &+ rotate(b &+ (a ^ (c & (d ^ a))) &+ Lanes(repeating: 0x49b40821) &+ m15, 22)
        // Round 2
        a = b &+ rotate(a &+ (c ^ (d & (b ^ c))) &+ Lanes(repeating: 0xf61e2562) &+ m1, 5)
        d = a &+ rotate(d &+ (b ^ (c & (a ^ b))) &+ Lanes(repeating: 0xc040b340) &+ m6, 9)
        c = d &+ rotate(c &+ (a ^ (b & (d ^ a))) &+ Lanes(repeating: 0x265e5a51) &+ m11, 14)
        b = c &+ rotate(b &+ (d ^ (a & (c ^ d))) &+ Lanes(repeating: 0xe9b6c7aa) &+ m0, 20)
        a = b &+ rotate(a &+ (c ^ (d & (b ^ c))) &+ Lanes(repeating: 0xd62f105d) &+ m5, 5)
        d = a &+ rotate(d &+ (b ^ (c & (a ^ b))) &+ Lanes(repeating: 0x02441453) &+ m10, 9)
        c = d &+ rotate(c &+ (a ^ (b & (d ^ a))) &+ Lanes(repeating: 0xd8a1e681) &+ m15, 14)
        b = c &+ rotate(b &+ (d ^ (a & (c ^ d))) &+ Lanes(repeating: 0xe7d3fbc8) &+ m4, 20)
        a = b &+ rotate(a &+ (c ^ (d & (b ^ c))) &+ Lanes(repeating: 0x21e1cde6) &+ m9, 5)
        d = a &+ rotate(d &+ (b ^ (c & (a ^ b))) &+ Lanes(repeating: 0xc33707d6) &+ m14, 9)
        c = d &+ rotate(c &+ (a ^ (b & (d ^ a))) &+ Lanes(repeating: 0xf4d50d87) &+ m3, 14)
        b = c &+ rotate(b &+ (d ^ (a & (c ^ d))) &+ Lanes(repeating: 0x455a14ed) &+ m8, 20)
        a = b &+ rotate(a &+ (c ^ (d & (b ^ c))) &+ Lanes(repeating: 0xa9e3e905) &+ m13, 5)
        d = a &+ rotate(d &+ (b ^ (c & (a ^ b))) &+ Lanes(repeating: 0xfcefa3f8) &+ m2, 9)
        c = d &+ rotate(c &+ (a ^ (b & (d ^ a))) &+ Lanes(repeating: 0x676f02d9) &+ m7, 14)
        b = c &+ rotate(b &+ (d ^ (a & (c ^ d))) &+ Lanes(repeating: 0x8d2a4c8a) &+ m12, 20)
        // Round 3
        a = b &+ rotate(a &+ (b ^ c ^ d) &+ Lanes(repeating: 0xfffa3942) &+ m5, 4)
        d = a &+ rotate(d &+ (a ^ b ^ c) &+ Lanes(repeating: 0x8771f681) &+ m8, 11)
        c = d &+ rotate(c &+ (d ^ a ^ b) &+ Lanes(repeating: 0x6d9d6122) &+ m11, 16)
        b = c &+ rotate(b &+ (c ^ d ^ a) &+ Lanes(repeating: 0xfde5380c) &+ m14, 23)
        a = b &+ rotate(a &+ (b ^ c ^ d) &+ Lanes(repeating: 0xa4beea44) &+ m1, 4)
        d = a &+ rotate(d &+ (a ^ b ^ c) &+ Lanes(repeating: 0x4bdecfa9) &+ m4, 11)
        c = d &+ rotate(c &+ (d ^ a ^ b) &+ Lanes(repeating: 0xf6bb4b60) &+ m7, 16)
        b = c &+ rotate(b &+ (c ^ d ^ a) &+ Lanes(repeating: 0xbebfbc70) &+ m10, 23)
        a = b &+ rotate(a &+ (b ^ c ^ d) &+ Lanes(repeating: 0x289b7ec6) &+ m13, 4)
        d = a &+ rotate(d &+ (a ^ b ^ c) &+ Lanes(repeating: 0xeaa127fa) &+ m0, 11)
        c = d &+ rotate(c &+ (d ^ a ^ b) &+ Lanes(repeating: 0xd4ef3085) &+ m3, 16)
        b = c &+ rotate(b &+ (c ^ d ^ a) &+ Lanes(repeating: 0x04881d05) &+ m6, 23)
        a = b &+ rotate(a &+ (b ^ c ^ d) &+ Lanes(repeating: 0xd9d4d039) &+ m9, 4)
        d = a &+ rotate(d &+ (a ^ b ^ c) &+ Lanes(repeating: 0xe6db99e5) &+ m12, 11)
        c = d &+ rotate(c &+ (d ^ a ^ b) &+ Lanes(repeating: 0x1fa27cf8) &+ m15, 16)
        b = c &+ rotate(b &+ (c ^ d ^ a) &+ Lanes(repeating: 0xc4ac5665) &+ m2, 23)
        // Round 4
        a = b &+ rotate(a &+ (c ^ (b | ~d)) &+ Lanes(repeating: 0xf4292244) &+ m0, 6)
        d = a &+ rotate(d &+ (b ^ (a | ~c)) &+ Lanes(repeating: 0x432aff97) &+ m7, 10)
        c = d &+ rotate(c &+ (a ^ (d | ~b)) &+ Lanes(repeating: 0xab9423a7) &+ m14, 15)
        b = c &+ rotate(b &+ (d ^ (c | ~a)) &+ Lanes(repeating: 0xfc93a039) &+ m5, 21)
        a = b &+ rotate(a &+ (c ^ (b | ~d)) &+ Lanes(repeating: 0x655b59c3) &+ m12, 6)
        d = a &+ rotate(d &+ (b ^ (a | ~c)) &+ Lanes(repeating: 0x8f0ccc92) &+ m3, 10)
        c = d &+ rotate(c &+ (a ^ (d | ~b)) &+ Lanes(repeating: 0xffeff47d) &+ m10, 15)
        b = c &+ rotate(b &+ (d ^ (c | ~a)) &+ Lanes(repeating: 0x85845dd1) &+ m1, 21)
        a = b &+ rotate(a &+ (c ^ (b | ~d)) &+ Lanes(repeating: 0x6fa87e4f) &+ m8, 6)
        d = a &+ rotate(d &+ (b ^ (a | ~c)) &+ Lanes(repeating: 0xfe2ce6e0) &+ m15, 10)
        c = d &+ rotate(c &+ (a ^ (d | ~b)) &+ Lanes(repeating: 0xa3014314) &+ m6, 15)
        b = c &+ rotate(b &+ (d ^ (c | ~a)) &+ Lanes(repeating: 0x4e0811a1) &+ m13, 21)
        a = b &+ rotate(a &+ (c ^ (b | ~d)) &+ Lanes(repeating: 0xf7537e82) &+ m4, 6)
        d = a &+ rotate(d &+ (b ^ (a | ~c)) &+ Lanes(repeating: 0xbd3af235) &+ m11, 10)
        c = d &+ rotate(c &+ (a ^ (d | ~b)) &+ Lanes(repeating: 0x2ad7d2bb) &+ m2, 15)
        b = c &+ rotate(b &+ (d ^ (c | ~a)) &+ Lanes(repeating: 0xeb86d391) &+ m9, 21)
        state.0 &+= a
        state.1 &+= b
        state.2 &+= c
        state.3 &+= d
    }
}
