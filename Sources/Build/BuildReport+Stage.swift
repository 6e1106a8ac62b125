import TabiCore

extension BuildReport: StageReport {
    public static let stage = "build"

    public var exitCode: Int32 { failed ? 1 : 0 }

    public var json: JSONValue {
        [
            "stage": .string(Self.stage), "seconds": .seconds(duration), "exitCode": .int(Int(exitCode)),
            "trips": .int(trips), "pagesWritten": .int(pagesWritten), "pagesUnchanged": .int(pagesUnchanged),
            "derivativesEncoded": .int(photosEncoded), "derivativesReused": .int(photosReused),
            "removed": .strings(removed), "failures": .strings(failures.map(\.description)),
        ]
    }
}
