import FuzzChecks

/// Built by `make fuzz` (`-sanitize=fuzzer -DFUZZING`): libFuzzer on `FuzzTarget.frontMatter`.
/// Built plainly: replays the files given, or runs seeded random inputs (see `FuzzReplay`).
@main enum FuzzFrontMatter {
    static func main() { FuzzReplay.main(.frontMatter) }
}
