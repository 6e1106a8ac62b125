import FuzzChecks

/// Built by `make fuzz` (`-sanitize=fuzzer -DFUZZING`): libFuzzer on `FuzzTarget.paths`.
/// Built plainly: replays the files given, or runs seeded random inputs (see `FuzzReplay`).
@main enum FuzzPaths {
    static func main() { FuzzReplay.main(.paths) }
}
