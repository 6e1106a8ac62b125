import AWS
import Build
import Foundation
import Images

/// `--media`: where photo originals resolve: a folder (default `<content>/media`), or a bucket for
/// `s3://bucket[/prefix]`, with AWS found as the AWS CLI finds it.
enum MediaOption {
    static func source(_ media: String?, content: URL, profile: String?) throws -> any MediaSource {
        guard let media, media.hasPrefix("s3://") else {
            return MediaRoot(folder: media.map { URL(fileURLWithPath: $0) } ?? content.appendingPathComponent("media"))
        }
        guard let (bucket, prefix) = S3MediaSource.parse(media) else {
            throw CLIFailure(message: "--media \(media) is not s3://bucket[/prefix]", code: 2)
        }
        do {
            let settings = try AWSConfiguration.load(profile: profile).settings(for: .s3)
            return S3MediaSource(s3: S3Client(settings: settings, bucket: bucket), prefix: prefix)
        } catch {
            throw CLIFailure(message: "--media \(media): \(error)", code: 2)
        }
    }
}
