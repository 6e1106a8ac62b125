import CCurl
import CCurlShim
import Foundation

extension HTTPError.Kind {
    /// The kind of a failed transfer's `CURLcode`; `osErrno` tells a refused connection from an
    /// unreachable one (both are `CURLE_COULDNT_CONNECT`).
    init(curlCode code: CURLcode, osErrno: Int) {
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_BAD_FUNCTION_ARGUMENT:
            self = .invalidRequest
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            self = .nameResolution
        case CURLE_COULDNT_CONNECT:
            self = osErrno == Int(ECONNREFUSED) ? .connectionRefused : .connectFailed
        case CURLE_OPERATION_TIMEDOUT:
            self = .timeout
        case CURLE_SSL_CONNECT_ERROR:
            self = .tlsHandshake
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS:
            self = .tlsCertificate
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM, CURLE_SEND_FAIL_REWIND:
            self = .connectionLost
        case CURLE_READ_ERROR:
            self = .bodyUnreadable
        case CURLE_WRITE_ERROR:
            self = .responseUnwritable
        case CURLE_FILESIZE_EXCEEDED:
            self = .responseTooLarge
        default:
            self = .other
        }
    }
}
