"""Signs EcsOps' SigV4 test cases with botocore, as installed by Debian's awscli package.

The EcsOps.Aws tests start this once per test class (BotocoreFixture) and write one JSON document to
stdin:

    {"timestamp": "20150830T123600Z", "accessKeyId": "...", "secretAccessKey": "...",
     "requests": [{"id": "...", "form": "header" | "query", "s3": false, "method": "GET",
                   "url": "https://host/path?query", "headers": [["Name", "value"], ...],
                   "body": "text", "sessionToken": null, "region": "us-east-1",
                   "service": "service", "expires": 3600}, ...]}

and read one JSON document back from stdout:

    {"results": [{"id": "...", "canonicalRequest": "...", "stringToSign": "...", "signature": "...",
                  "url": "...", "headers": [["Name", "value"], ...]}
                 | {"id": "...", "error": "..."}, ...]}

"url" and "headers" are the request as botocore left it: the presigned URL in query form, the headers
(Authorization included) in header form. Botocore leaves Host to the HTTP client, so it is not among them.
Input is read as UTF-8 bytes and output is ASCII-only JSON, whatever the locale.

Each request goes through botocore's own add_auth. Only the clock is frozen: add_auth reads
datetime.datetime.utcnow() through botocore.auth's module global, so that global is swapped for a class
whose utcnow() returns the case timestamp.
"""

import datetime
import json
import sys
import traceback
import types

import awscli  # noqa: F401  (installs the alias that lets awscli.botocore import itself as "botocore")

# In this packaging, importing awscli.botocore.auth first trips a circular import through
# botocore.crt.auth; loading the session module first, as the CLI itself does, avoids it.
import awscli.botocore.session  # noqa: F401
from awscli.botocore import auth as botocore_auth
from awscli.botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth
from awscli.botocore.awsrequest import AWSRequest
from awscli.botocore.compat import HTTPHeaders
from awscli.botocore.credentials import Credentials

SIGV4_TIMESTAMP = '%Y%m%dT%H%M%SZ'


def freeze_clock(timestamp):
    frozen = datetime.datetime.strptime(timestamp, SIGV4_TIMESTAMP)

    class FrozenDatetime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return cls(frozen.year, frozen.month, frozen.day, frozen.hour, frozen.minute, frozen.second)

    botocore_auth.datetime = types.SimpleNamespace(datetime=FrozenDatetime)


class Recording:
    """Mixed in before a botocore signer: keeps what add_auth computed, without changing it."""

    def canonical_request(self, request):
        self.recorded_canonical_request = super().canonical_request(request)
        return self.recorded_canonical_request

    def string_to_sign(self, request, canonical_request):
        self.recorded_string_to_sign = super().string_to_sign(request, canonical_request)
        return self.recorded_string_to_sign

    def signature(self, string_to_sign, request):
        self.recorded_signature = super().signature(string_to_sign, request)
        return self.recorded_signature


class RecordingSigV4Auth(Recording, SigV4Auth):
    pass


class RecordingS3SigV4Auth(Recording, S3SigV4Auth):
    pass


class RecordingSigV4QueryAuth(Recording, SigV4QueryAuth):
    pass


class RecordingS3SigV4QueryAuth(Recording, S3SigV4QueryAuth):
    pass


SIGNERS = {
    ('header', False): RecordingSigV4Auth,
    ('header', True): RecordingS3SigV4Auth,
    ('query', False): RecordingSigV4QueryAuth,
    ('query', True): RecordingS3SigV4QueryAuth,
}


def sign(document, spec):
    credentials = Credentials(document['accessKeyId'], document['secretAccessKey'], spec.get('sessionToken'))
    signer_class = SIGNERS[(spec['form'], spec['s3'])]
    if spec['form'] == 'query':
        signer = signer_class(credentials, spec['service'], spec['region'], expires=spec['expires'])
        # A presigned URL carries no body; botocore would otherwise move a JSON body into the query.
        body = None
    else:
        signer = signer_class(credentials, spec['service'], spec['region'])
        body = spec['body'].encode('utf-8') if spec['body'] else None

    request = AWSRequest(method=spec['method'], url=spec['url'], data=body)
    # HTTPHeaders keeps repeated names, in order, the way they arrive on the wire.
    request.headers = HTTPHeaders()
    for name, value in spec['headers']:
        request.headers[name] = value

    signer.add_auth(request)
    return {
        'id': spec['id'],
        'canonicalRequest': signer.recorded_canonical_request,
        'stringToSign': signer.recorded_string_to_sign,
        'signature': signer.recorded_signature,
        'url': request.url,
        'headers': [[name, value] for name, value in request.headers.items()],
    }


def main():
    document = json.load(sys.stdin.buffer)
    freeze_clock(document['timestamp'])
    results = []
    for spec in document['requests']:
        try:
            results.append(sign(document, spec))
        except Exception:  # one bad case must not hide the others
            results.append({'id': spec['id'], 'error': traceback.format_exc()})
    json.dump({'results': results}, sys.stdout, ensure_ascii=True)


if __name__ == '__main__':
    main()
