import ContentStore
import TabiCore

extension ContentDirectory {
    /// Writes a fixture trip's `trip.json` where extract would (extract itself writes trips from
    /// database rows, never from a `Trip`).
    @discardableResult
    public func write(_ trip: Trip) throws(FileError) -> AtomicFile.Outcome {
        try AtomicFile.write(TripJSON.encode(trip), to: tripFile(of: trip.slug))
    }
}
