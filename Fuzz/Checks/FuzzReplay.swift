import Foundation

/// What a `fuzz-<name>` executable does: built with `-DFUZZING`, runs libFuzzer; otherwise, with
/// files, checks each (to replay a finding), and without, a long random run from `FUZZ_SEED`
/// for `FUZZ_SECONDS`.
public enum FuzzReplay {
    public static func main(_ target: FuzzTarget) -> Never {
        #if FUZZING
        exit(FuzzDriver.run(target))
        #else
        replayOrRun(target)
        #endif
    }

    private static func replayOrRun(_ target: FuzzTarget) -> Never {
        let files = CommandLine.arguments.dropFirst()
        guard files.isEmpty else {
            var failed = false
            for path in files {
                guard let bytes = FileManager.default.contents(atPath: path) else {
                    print("\(path): cannot be read"); failed = true; continue
                }
                let problems = target.findings(bytes)
                print("\(path): " + (problems.isEmpty ? "ok" : problems.joined(separator: "; ")))
                failed = failed || !problems.isEmpty
            }
            exit(failed ? 1 : 0)
        }
        let run = FuzzRun.fromEnvironment(iterations: .max, seconds: 300, maximumLength: 4096)
        let start = Date()
        let (failure, count) = run.run(target)
        let elapsed = Date().timeIntervalSince(start)
        print(
            "fuzz-\(target.rawValue): \(count) inputs in \(Int(elapsed)) s (\(Int(Double(count) / max(elapsed, 0.001))) exec/s), FUZZ_SEED=\(run.seed)"
        )
        if let failure {
            print("FAILED: \(failure)")
            exit(1)
        }
        exit(0)
    }
}
