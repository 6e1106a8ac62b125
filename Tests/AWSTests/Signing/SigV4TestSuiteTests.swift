import AWS
import Foundation
import Testing

/// The official SigV4 test suite: every case's canonical request, string to sign and
/// Authorization header. botocore skips `normalize-path/get-space` (its HTTP parser chokes on the
/// space) and the three duplicate-key query cases (it reads the query into a dict); this signer
/// passes them too, so nothing is skipped.
@Suite struct SigV4TestSuiteTests {
    static let cases = (try? SigV4TestCase.all()) ?? []

    @Test func theWholeSuiteIsThere() throws {
        let names = try SigV4TestCase.all().map(\.name)
        #expect(names.count == 34)
        #expect(names.contains("normalize-path/get-space"))
        #expect(names.contains("post-sts-token/post-sts-header-before"))
    }

    @Test(arguments: cases)
    func signsLikeTheSuite(_ testCase: SigV4TestCase) {
        let signer = SigV4Signer(signingName: "service", region: "us-east-1")
        var request = testCase.request
        let signature = signer.sign(&request, credentials: testCase.signingCredentials, date: SigV4TestCase.date)
        #expect(signature.canonicalRequest == testCase.canonicalRequest)
        #expect(signature.stringToSign == testCase.stringToSign)
        #expect(signature.authorization == testCase.authorization)
        #expect(request.headers["Authorization"] == testCase.authorization)
        #expect(request.headers["X-Amz-Date"] == "20150830T123600Z")
    }
}
