/// How `publish` uploads; `publish:` in `tabi.yml`. Filled in by the publish stage.
public struct PublishSettings: Codable, Sendable, Equatable {
    /// The largest number of deletes a plan may carry before publish refuses it.
    public var maxDeletes: Int

    public static let defaults = PublishSettings(maxDeletes: 256)

    public init(maxDeletes: Int) {
        self.maxDeletes = maxDeletes
    }
}
