import FuzzChecks

#if FUZZING
/// libFuzzer's entry point (built with `-sanitize=fuzzer -DFUZZING`, which brings its own `main`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPaths(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.paths.fuzzOne(data, size)
    return 0
}
#else
/// Without libFuzzer: replays the files given, or runs random inputs (see `FuzzReplay`).
@main enum FuzzPaths {
    static func main() { FuzzReplay.main(.paths) }
}
#endif
