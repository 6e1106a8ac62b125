import FuzzChecks

/// Built by `make fuzz` (`-sanitize=fuzzer -DFUZZING`): libFuzzer on `FuzzTarget.markdown`.
/// Built plainly: replays the files given, or runs seeded random inputs (see `FuzzReplay`).
@main enum FuzzMarkdown {
    static func main() { FuzzReplay.main(.markdown) }
}
