internal import CVips
internal import CVipsShim
import Foundation
import Synchronization

/// Process-wide libvips state: start-up (once, from any thread), thread and cache settings, and
/// the memory counters libvips keeps for its pixel buffers.
public enum Vips {
    /// Starts libvips if it has not started yet. Safe to call from any thread, any number of
    /// times; every entry point of this module calls it, so callers rarely need to.
    public static func start() throws(VipsError) {
        try startup.get()
    }

    /// Worker threads libvips may use inside one pipeline. Callers that already run several images
    /// in parallel keep this low (1 when there are as many images in flight as cores), so the
    /// machine is not oversubscribed.
    public static func setConcurrency(_ threads: Int) throws(VipsError) {
        try start()
        vips_concurrency_set(Int32(clamping: max(1, threads)))
    }

    /// Caps the C library's malloc arenas at one per core (at least two), unless
    /// `MALLOC_ARENA_MAX` is set. glibc gives every thread that meets a locked heap an arena of
    /// its own, up to eight per core, and keeps what each held: libvips' worker threads left a
    /// build of the 11 sample photos at a peak RSS of 280–320 MiB; capped, 190–200 MiB at the same
    /// speed (2 cores). Process-wide, so it is the program's call, made before the work starts.
    /// Returns whether the cap was set.
    @discardableResult
    public static func limitMallocArenasToCores() -> Bool {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return false }
        return tabi_limit_malloc_arenas(Int32(clamping: max(ProcessInfo.processInfo.activeProcessorCount, 2))) == 1
    }

    /// Whether libvips refuses to run the operation with this nickname ("svgload_source"): every
    /// loader outside ``VipsLoader/allowedFamilies`` is blocked at start-up, as is every operation
    /// libvips marks untrusted. Nil when this libvips has no such operation.
    public static func isBlocked(_ nickname: String) throws(VipsError) -> Bool? {
        try start()
        switch tabi_vips_operation_is_blocked(nickname) {
        case 1: return true
        case 0: return false
        default: return nil
        }
    }

    /// The most bytes libvips has had allocated for pixel buffers at once since the process
    /// started: a full decode of a W×H RGB image shows up here as at least W·H·3.
    public static var trackedMemoryHighwater: Int { Int(vips_tracked_get_mem_highwater()) }

    // MARK: - Start-up

    /// A `static let` is initialised exactly once, under a lock, whichever thread gets there first.
    /// How many times the start-up below has run in this process: once, whoever calls first and
    /// however many threads call at once (tests check it in a process of their own).
    package static var startups: Int { startupRuns.load(ordering: .acquiring) }
    private static let startupRuns = Atomic<Int>(0)

    private static let startup: Result<Void, VipsError> = {
        startupRuns.add(1, ordering: .releasing)
        if tabi_vips_init("tabi-press") != 0 {
            return .failure(VipsError.take(operation: "start"))
        }
        // Warnings go to stderr by default and would interleave with the progress bar; what
        // matters to a build arrives as an error (we ask loaders to fail on truncation).
        if ProcessInfo.processInfo.environment["TABI_VIPS_WARNINGS"] == nil {
            tabi_vips_silence_warnings()
        }
        vips_cache_set_max(0)
        vips_cache_set_max_mem(0)
        vips_cache_set_max_files(0)
        // Only the loaders of the allow-list may run, whoever calls libvips in this process.
        let names = VipsLoader.allowedFamilies.map { strdup($0 + "_base") }
        defer { names.forEach { free($0) } }
        let found = names.map { UnsafePointer($0) }.withUnsafeBufferPointer { pointers in
            tabi_vips_allow_only_loaders(pointers.baseAddress, Int32(pointers.count))
        }
        guard found > 0 else {
            return .failure(VipsError(operation: "start", message: "this libvips has none of the loaders \(VipsLoader.allowedFamilies)"))
        }
        return .success(())
    }()
}
