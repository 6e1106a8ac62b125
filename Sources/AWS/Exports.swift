// The AWS API speaks HTTPClient's types (requests, headers, bodies, responses, errors), so
// importing AWS is enough to use it; the stages need not depend on HTTPClient themselves.
@_exported import HTTPClient
