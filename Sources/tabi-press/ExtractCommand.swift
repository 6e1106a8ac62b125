import ArgumentParser
import Console
import Extract
import Foundation
import Logging

/// `tabi-press extract`: the app's PostgreSQL → Content/trips/<slug>/trip.json, public data only.
///
/// A plain synchronous command: extract is one blocking pipeline on one libpq connection, so it
/// runs on the main thread instead of holding a thread of Swift's cooperative pool.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read the public and unlisted trips out of the app's PostgreSQL into Content/trips/.",
        discussion: """
            Only public and unlisted trips leave the database, and of them only public posts and \
            their photos (never a photo's GPS position). Each trip keeps its slug once given. Trips \
            that became private or were deleted are withdrawn: their trip.json is removed and their \
            story.md is kept in Content/trips/.withdrawn/<slug>/.

            The database is DATABASE_URL or --database-url (a postgresql:// URL or a libpq \
            conninfo string); with neither, libpq's environment is used (PGHOST, PGPORT, PGUSER, \
            PGPASSWORD, PGDATABASE, PGSSLMODE, ~/.pgpass). A role with SELECT only is enough.

            A run that would withdraw more than --max-withdrawals trips (default 25) changes \
            nothing and fails: the guard against a wrong or emptied database.

            Exit status: 0 all trips extracted, 1 some trip failed, 2 cannot connect, bad \
            arguments, or a plan over --max-withdrawals.
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("The content folder (trips are written to <content>/trips/<slug>/trip.json).", valueName: "dir"))
    var content: String = "Content"

    @Option(
        name: .customLong("trip"), help: ArgumentHelp("Only this trip (its UUID); repeat for more.", valueName: TripArgument.valueName),
        transform: TripArgument.uuid)
    var trips: [String] = []

    @Flag(help: "Only the trips whose public data changed since the last extract.")
    var changed = false

    @Option(
        help: ArgumentHelp(
            "The database (default: DATABASE_URL, then libpq's PG* environment).",
            valueName: "url"))
    var databaseURL: String?

    @Flag(help: "Print which trips would be read (with their slugs) and which withdrawn; change nothing.")
    var dryRun = false

    @Option(
        help: ArgumentHelp(
            "Refuse a run that would withdraw more trips than this (default \(ExtractOptions.defaultMaxWithdrawals)).",
            valueName: "n"))
    var maxWithdrawals = ExtractOptions.defaultMaxWithdrawals

    @Flag(help: "Read over one connection only (by default four or five more join the same snapshot).")
    var singleConnection = false

    func validate() throws {
        guard maxWithdrawals >= 0 else { throw ValidationError("--max-withdrawals must be 0 or more") }
    }

    func run() throws {
        // Extract uses no setting of tabi.yml today; a --config that does not load still stops it,
        // as it stops every other command.
        _ = try site.loadConfig()
        site.bootstrapLogging()
        let options = ExtractOptions(
            content: URL(fileURLWithPath: content, isDirectory: true), tripIds: Self.once(trips),
            changedOnly: changed, parallelReads: !singleConnection, dryRun: dryRun,
            maxWithdrawals: maxWithdrawals, progress: site.quiet ? nil : ProgressDrawer().progress)
        let extractor = Extractor(options: options, logger: Logger(label: "tabi-press.extract"))
        let url = databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"]
        let report: ExtractReport
        do { report = try extractor.run(databaseURL: url) } catch {
            printError(error.description)
            throw ExitCode(error.exitCode)
        }
        for (trip, isNew) in report.toRead { print("would read \(trip)" + (isNew ? " (new)" : "")) }
        if report.dryRun {
            for trip in report.withdrawn { print("would withdraw \(trip)") }
            for rename in report.toRename { print("would rename \(rename) (an unlisted trip gets its token)") }
            if report.withdrawn.count > maxWithdrawals {
                print("a real run would refuse this plan: \(report.withdrawn.count) withdrawals, over --max-withdrawals \(maxWithdrawals)")
            }
        }
        print(report.summary)
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// Each trip id once, in the order given.
    private static func once(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}
