import Concurrency
import Foundation
import Testing
import Vips

/// What changes a whole process runs in a process of its own (an exit test): libvips' start-up,
/// which another test would already have done in this one, and glibc's malloc settings, which
/// would otherwise change for every test that runs after.
@Suite struct ProcessWideTests {
    @Test func eightThreadsStartingLibvipsAtOnceRunItsStartUpOnce() async {
        await #expect(processExitsWith: .success) {
            guard Vips.startups == 0 else { exit(10) }  // a fresh process: nothing started it yet
            let group = DispatchGroup()
            let failed = Locked(false)
            for _ in 0..<8 {
                DispatchQueue.global().async(group: group) {
                    do { try Vips.start() } catch { failed.withLock { $0 = true } }
                }
            }
            group.wait()
            guard !failed.withLock({ $0 }) else { exit(11) }
            guard Vips.startups == 1 else { exit(12) }
            // Started for real: the loaders outside the allow-list are blocked.
            guard (try? Vips.isBlocked("svgload_source")) == true, (try? Vips.isBlocked("jpegload_source")) == false else { exit(13) }
            exit(0)
        }
    }

    @Test func mallocArenasAreCappedUnlessTheEnvironmentSaysOtherwise() async {
        await #expect(processExitsWith: .success) {
            unsetenv("MALLOC_ARENA_MAX")
            // glibc's mallopt answers 1 when it takes the setting.
            exit(Vips.limitMallocArenasToCores() ? 0 : 20)
        }
        await #expect(processExitsWith: .success) {
            setenv("MALLOC_ARENA_MAX", "3", 1)
            // The environment wins: nothing is changed.
            exit(Vips.limitMallocArenasToCores() ? 21 : 0)
        }
    }
}
