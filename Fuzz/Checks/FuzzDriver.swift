#if FUZZING
/// libFuzzer's driver, started from the executable's own `main`: SwiftPM renames every
/// executable's `main` (to `fuzz_paths_main`, …) and aliases it back at link time, so libFuzzer's
/// `main` cannot be used. `LLVMFuzzerRunDriver` takes the same arguments and the check to run.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

enum FuzzDriver {
    /// The target libFuzzer's callback runs; set once, before the driver starts.
    nonisolated(unsafe) static var target = FuzzTarget.markdown

    static func run(_ target: FuzzTarget) -> CInt {
        Self.target = target
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzDriver.target.fuzzOne(data, size)
            return 0
        }
    }
}
#endif
