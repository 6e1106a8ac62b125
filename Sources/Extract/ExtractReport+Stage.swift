import TabiCore

extension ExtractReport: StageReport {
    public static let stage = "extract"

    public var json: JSONValue {
        func trips(_ list: [TripReference]) -> JSONValue {
            .array(list.map { ["id": .string($0.id), "slug": .string($0.slug)] })
        }
        return [
            "stage": .string(Self.stage), "dryRun": .bool(dryRun), "seconds": .seconds(duration),
            "exitCode": .int(Int(exitCode)),
            "written": trips(written), "unchanged": .int(unchanged.count), "withdrawn": trips(withdrawn),
            "restored": trips(restored),
            "renamed": .array(renamed.map { ["id": .string($0.id), "slug": .string($0.slug), "from": .string($0.from)] }),
            "toRead": .array(toRead.map { ["id": .string($0.trip.id), "slug": .string($0.trip.slug), "new": .bool($0.isNew)] }),
            "failed": .strings(failed), "posts": .int(posts), "photos": .int(photos), "statements": .int(statements),
            "problems": .strings(problems.map(\.description)),
        ]
    }
}
