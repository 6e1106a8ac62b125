import CCurl
import CCurlShim
import Concurrency
import Foundation

/// One thread driving every transfer of an ``HTTPClient`` through a libcurl multi handle.
///
/// Why a multi handle on a dedicated thread, rather than `curl_easy_perform` per request on a
/// pool of threads: a blocking perform would hold a thread for the whole transfer (the Swift
/// cooperative pool must never block, so that is one OS thread per concurrent upload), while the
/// multi handle runs any number of transfers on one thread. It also owns a single connection
/// cache and DNS cache for all of them, so the many small PUTs of a publish reuse warm
/// connections, and an HTTP/2 connection can carry several streams. Cancelling is removing the
/// handle. The thread sleeps in `curl_multi_poll` and is woken by `curl_multi_wakeup`, the one
/// multi call that is safe from other threads; everything else happens on the loop thread.
final class CurlMultiLoop: @unchecked Sendable {
    private struct Inbox {
        var added: [CurlTransfer] = []
        var cancelled: [CurlTransfer] = []
        var stopping = false
    }

    private let inbox = Locked(Inbox())
    private let multi: UnsafeMutableRawPointer
    private let share: UnsafeMutableRawPointer?
    /// ``HTTPClient/Configuration/maxIdleTime`` in seconds, set on each transfer.
    private let maxIdleSeconds: Int
    /// Running transfers by easy handle. Loop thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init(configuration: HTTPClient.Configuration) {
        _ = CurlGlobal.isReady
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: libcurl is out of memory") }
        self.multi = multi
        maxIdleSeconds = configuration.maxIdleTime.roundedUpSeconds
        tabi_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.idleConnections)
        tabi_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        // TLS sessions are per easy handle unless shared; sharing lets a new connection to a
        // host resume a session instead of a full handshake. One thread, so no lock callbacks.
        share = curl_share_init()
        if let share { tabi_curl_share_setopt_long(share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_SSL_SESSION.rawValue)) }
        NamedThread.start(named: "tabi-http") { [self] in run() }
    }

    deinit {
        curl_multi_cleanup(multi)
        if let share { curl_share_cleanup(share) }
    }

    // MARK: - Any thread

    /// Hands a prepared transfer to the loop; its continuation must be set.
    func submit(_ transfer: CurlTransfer) {
        inbox.withLock { $0.added.append(transfer) }
        curl_multi_wakeup(multi)
    }

    /// Stops a transfer (if it has not finished) and fails it as cancelled. The flag on the
    /// transfer covers a cancel that overtakes the transfer's own submission.
    func cancel(_ transfer: CurlTransfer) {
        inbox.withLock {
            transfer.cancelRequested = true
            $0.cancelled.append(transfer)
        }
        curl_multi_wakeup(multi)
    }

    /// Lets the thread finish once the running transfers are done.
    func shutdown() {
        inbox.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
    }

    // MARK: - Loop thread

    private func run() {
        while true {
            let (start, cancel, stopping) = takeInbox()
            for transfer in start { add(transfer) }
            for transfer in cancel { remove(transfer) }
            if stopping, active.isEmpty { return }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectFinished()
            // libcurl shortens the wait to its own next timer; a wakeup ends it at once.
            curl_multi_poll(multi, nil, 0, active.isEmpty ? 60_000 : 1_000, nil)
        }
    }

    /// The transfers to start and to stop; one already cancelled is failed instead of started.
    private func takeInbox() -> (start: [CurlTransfer], cancel: [CurlTransfer], stopping: Bool) {
        let (added, cancelled, stopping) = inbox.withLock { inbox in
            let taken = (inbox.added.map { ($0, $0.cancelRequested) }, inbox.cancelled, inbox.stopping)
            inbox.added = []
            inbox.cancelled = []
            return taken
        }
        var start: [CurlTransfer] = []
        for (transfer, cancelRequested) in added {
            if cancelRequested { transfer.complete(.cancelled) } else { start.append(transfer) }
        }
        return (start, cancelled, stopping)
    }

    private func add(_ transfer: CurlTransfer) {
        guard let easy = transfer.handle else { return }
        if let share { tabi_curl_setopt_ptr(easy, CURLOPT_SHARE, share) }
        tabi_curl_setopt_long(easy, CURLOPT_MAXAGE_CONN, maxIdleSeconds)
        let code = curl_multi_add_handle(multi, easy)
        guard code == CURLM_OK else {
            transfer.complete(.other, detail: String(cString: curl_multi_strerror(code)))
            return
        }
        active[easy] = transfer
    }

    private func remove(_ transfer: CurlTransfer) {
        guard let easy = transfer.handle, active.removeValue(forKey: easy) != nil else { return }
        curl_multi_remove_handle(multi, easy)
        transfer.complete(.cancelled)
    }

    private func collectFinished() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            // Copy out before removing the handle: that invalidates the message.
            let (kind, easy, result) = (message.pointee.msg, message.pointee.easy_handle, message.pointee.data.result)
            guard kind == CURLMSG_DONE, let easy, let transfer = active.removeValue(forKey: easy) else { continue }
            curl_multi_remove_handle(multi, easy)
            transfer.complete(code: result)
        }
    }
}
