import FuzzChecks

/// Built by `make fuzz` (`-sanitize=fuzzer -DFUZZING`): libFuzzer on `FuzzTarget.escapers`.
/// Built plainly: replays the files given, or runs seeded random inputs (see `FuzzReplay`).
@main enum FuzzEscapers {
    static func main() { FuzzReplay.main(.escapers) }
}
