namespace EcsOps.Aws.Tests.Signing;

/// <summary>
/// The requests our signer is checked on. They cover the same ground as the published SigV4 test suite
/// (plain requests, query ordering and encoding, path normalisation, header canonicalisation, bodies, session
/// tokens, presigning, S3's own rules), but the requests are ours: the suite's files are not used. The
/// credentials are the documentation's well-known example key pair; the time is fixed so results are stable.
/// </summary>
internal static class SigV4Cases
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";
    public const string Service = "service";
    public const string Host = "example.amazonaws.com";
    public const int PresignedExpirySeconds = 3600;
    public static readonly DateTimeOffset SigningTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static readonly SigV4Case[] All =
    [
        // Plain requests.
        new("get-root", "A GET of / with nothing else: the smallest signed request.", "GET", "/"),
        new("post-root", "A POST of / without a body.", "POST", "/"),
        new("get-nested-path", "A GET of a multi-segment path with a trailing slash.", "GET", "/v1/clusters/")
        {
            Query = "detail=full",
        },

        // Query strings.
        new("query-out-of-order", "Parameters sent in no particular order are signed sorted by name.", "GET", "/")
        {
            Query = "zulu=26&alpha=1&mike=13",
        },
        new("query-repeated-name", "A name sent three times: the pairs sort by value when names tie.", "GET", "/")
        {
            Query = "tag=red&size=9&tag=blue&tag=green",
        },
        new("query-name-case", "Names that differ only in case are different names and sort by code point (upper first).", "GET", "/")
        {
            Query = "b=lower&B=upper&a=first",
        },
        new("query-unreserved", "Every unreserved character, in names and values, is signed as it is.", "GET", "/")
        {
            Query = "AZaz09-_.~=~.-_09zaZA&plain=value",
        },
        new("query-reserved-escaped", "Reserved characters and a space, sent escaped, are signed escaped once in uppercase hex.", "GET", "/")
        {
            Query = "filter=a%2Fb%2Bc%3Dd%26e%20f%2A%21&next=%3F%23",
        },
        new("query-lowercase-escapes", "Escapes sent in lowercase hex, and an unreserved character sent escaped, are signed in canonical form.", "GET", "/")
        {
            Query = "path=%2fhome%2fuser&tilde=%7e",
        },
        new("query-empty-values", "A parameter with '=' and no value, and one without '=', are both signed as 'name='.", "GET", "/")
        {
            Query = "verbose&limit=&x=1",
        },
        new("query-utf8", "Non-ASCII names and values, UTF-8 percent-encoded; sorting uses the encoded form.", "GET", "/")
        {
            Query = "zulu=%C3%A9t%C3%A9&%E2%82%AC=euro&alpha=%E6%97%A5%E6%9C%AC",
        },

        // Paths (every service but S3 normalises, then encodes the wire path once more).
        new("path-utf8", "A non-ASCII segment, sent percent-encoded: its escapes are escaped again.", "GET", "/docs/%E2%82%AC%C3%A9"),
        new("path-space", "A space sent as %20 is signed as %2520.", "GET", "/my%20file"),
        new("path-dot-segments", "'.' segments are dropped and '..' removes the segment before it.", "GET", "/one/two/../three/./four"),
        new("path-dot-dot-past-root", "'..' at the root has nothing to remove and stays at /.", "GET", "/../up/../../down"),
        new("path-repeated-slashes", "Runs of slashes collapse; the trailing slash stays.", "GET", "//one///two//"),
        new("path-ends-in-dot-dot", "A path that ends in '..' resolves to the parent directory.", "GET", "/one/two/.."),

        // Headers.
        new("header-trim-and-collapse", "Values are trimmed and inner runs of spaces become one, quotes or not.", "GET", "/")
        {
            Headers = [("X-Padded", "   both ends   "), ("X-Quoted", "\"spread   out    words\"")],
        },
        new("header-folded-value", "A value folded over several lines reads as one single-spaced line.", "GET", "/")
        {
            Headers = [("X-Folded", "first\n   second\n\tthird")],
        },
        new("header-repeated", "A header sent three times: values joined with commas in the order sent.", "GET", "/")
        {
            Headers = [("X-Repeated", "zebra"), ("X-Repeated", "apple"), ("X-Repeated", "mango")],
        },
        new("header-name-case", "Names in any case are lowercased and sorted; values keep their case.", "GET", "/")
        {
            Headers = [("X-ZULU", "Last"), ("x-Alpha", "First Value"), ("X-Mixed-CASE", "MiXeD")],
        },
        new("header-never-signed", "User-Agent and X-Amzn-Trace-Id are changed by proxies and left out of the signature.", "GET", "/")
        {
            Headers = [("User-Agent", "ecsops-tests/1.0"), ("X-Amzn-Trace-Id", "Root=1-00000000-000000000000000000000000"), ("X-Kept", "yes")],
        },
        new("header-host-with-port", "A non-default port is part of the signed host value.", "GET", "/")
        {
            Host = "example.amazonaws.com:8443",
        },
        new("header-http-date", "A request that already carries an HTTP Date header.", "GET", "/")
        {
            Headers = [("Date", "Sun, 30 Aug 2015 12:36:00 GMT")],
        },

        // Bodies.
        new("post-form-body", "A form-encoded POST body with its content type; the payload line is the body's SHA-256.", "POST", "/")
        {
            Headers = [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            Body = "Action=ListThings&MaxResults=5",
        },
        new("post-json-target", "A JSON-protocol call as our ECS client sends it: X-Amz-Target and a JSON body.", "POST", "/")
        {
            Headers = [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")],
            Body = "{\"maxResults\":10}",
        },
        new("post-query-and-body", "A POST with both query parameters and a body.", "POST", "/submit")
        {
            Query = "mode=append&id=7",
            Headers = [("Content-Type", "text/plain")],
            Body = "line one\nline two\n",
        },

        // Temporary credentials.
        new("session-token", "A session token (with '/', '+' and '=') is signed: a header in header form, a parameter in query form.", "GET", "/")
        {
            Query = "a=1",
            SessionToken = "FwoGZXIvYXdzEXAMPLE/session+token==",
        },

        // S3: the path is encoded once and never normalised; x-amz-content-sha256 is signed.
        new("s3-get-range", "An S3 object GET with a Range header.", "GET", "/example-bucket/reports/2015.csv")
        {
            Service = "s3",
            Headers = [("Range", "bytes=100-199")],
        },
        new("s3-get-subresource", "An S3 bucket GET of a sub-resource that has no value (?versioning).", "GET", "/example-bucket")
        {
            Service = "s3",
            Query = "versioning",
        },
        new("s3-list-objects", "An S3 listing with a prefix, a delimiter and a page size.", "GET", "/example-bucket")
        {
            Service = "s3",
            Query = "list-type=2&prefix=logs%2F2015%2F&delimiter=%2F&max-keys=50",
        },
        new("s3-put-object", "An S3 PUT with a body and a storage class header.", "PUT", "/example-bucket/notes/hello.txt")
        {
            Service = "s3",
            Headers = [("Content-Type", "text/plain"), ("x-amz-storage-class", "STANDARD_IA")],
            Body = "Hello from EcsOps.",
        },
        new("s3-key-with-dot-segments", "An S3 key containing '//', '.' and '..' is signed exactly as sent.", "GET", "/example-bucket//a/./b/../c")
        {
            Service = "s3",
        },
        new("s3-key-escaped", "An S3 key with a space and non-ASCII characters, sent percent-encoded, is signed encoded once.", "GET", "/example-bucket/my%20photos/%C3%A9t%C3%A9.jpg")
        {
            Service = "s3",
        },
        new("s3-key-reserved-escaped", "An S3 key with '$', ':' and '@', sent escaped, keeps those escapes.", "GET", "/example-bucket/price%24list%3Av2%40home")
        {
            Service = "s3",
        },
    ];

    public static SigV4Case Named(string name) => All.Single(c => c.Name == name);
}
