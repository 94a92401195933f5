using EcsOps.Aws.Tests.Support.SigV4Peers;
using static EcsOps.Aws.Tests.Support.SigV4Peers.CanonicalRequestEdit;

namespace EcsOps.Aws.Tests.Signing;

/// <summary>
/// Where botocore or AWSSDK.Core sign one of our cases differently from us, why that is not a bug on our
/// side, and the exact edit that turns our canonical request into theirs. Each entry is asserted: if a peer
/// starts agreeing with us, or differs in another way, the comparison test fails.
/// </summary>
internal static class SigV4KnownDifferences
{
    private const string SdkSignsPathVerbatim =
        "AWSSDK.Core signs the resource path as given, keeping dot and empty segments: its own marshallers never produce them.";

    public static readonly KnownDifference[] All =
    [
        new(SigV4Peer.Botocore, SigV4Form.Header, "header-http-date",
            "botocore takes a Date header as the request time: it rewrites it from the signing clock in RFC 2822 form "
            + "('-0000' zone) and then neither sends nor signs X-Amz-Date. We keep the caller's Date and add X-Amz-Date.",
            c => RemoveHeader(ReplaceHeaderValue(c, "date", "Sun, 30 Aug 2015 12:36:00 -0000"), "x-amz-date")),
        new(SigV4Peer.Botocore, SigV4Form.Header, "query-lowercase-escapes",
            "botocore signs the query exactly as written in the URL, trusting its serializer to have escaped it "
            + "canonically, so lowercase escapes and an escaped '~' are signed as sent. We decode and re-escape every "
            + "name and value as SigV4 specifies.",
            c => ReplaceQuery(c, "path=%2fhome%2fuser&tilde=%7e")),
        new(SigV4Peer.Botocore, null, "path-ends-in-dot-dot",
            "botocore's remove_dot_segments drops the trailing slash a final '..' leaves behind. We follow RFC 3986 "
            + "section 5.2.4, which keeps it: /one/two/.. is /one/.",
            c => ReplaceUri(c, "/one")),
        new(SigV4Peer.Botocore, SigV4Form.Query, "post-form-body",
            "botocore's presigner drops a Content-Type of exactly 'application/x-www-form-urlencoded; charset=utf-8' "
            + "(the value it sets itself for form bodies, which a URL does not carry), so it is not signed. We sign "
            + "every header the caller passes.",
            c => RemoveHeader(c, "content-type")),
        new(SigV4Peer.Botocore, SigV4Form.Query, "query-repeated-name",
            "botocore's presigner rebuilds the query through a dict (parse_qs) and keeps only the first value of a "
            + "repeated name. We sign, and keep, every pair.",
            c => RemoveQueryParameter(RemoveQueryParameter(c, "tag=blue"), "tag=green")),

        new(SigV4Peer.AwsSdk, null, "path-dot-segments", SdkSignsPathVerbatim,
            c => ReplaceUri(c, "/one/two/../three/./four")),
        new(SigV4Peer.AwsSdk, null, "path-dot-dot-past-root", SdkSignsPathVerbatim,
            c => ReplaceUri(c, "/../up/../../down")),
        new(SigV4Peer.AwsSdk, null, "path-repeated-slashes", SdkSignsPathVerbatim,
            c => ReplaceUri(c, "//one///two//")),
        new(SigV4Peer.AwsSdk, null, "path-ends-in-dot-dot", SdkSignsPathVerbatim,
            c => ReplaceUri(c, "/one/two/..")),
        new(SigV4Peer.AwsSdk, null, "query-utf8",
            "AWSSDK.Core sorts query parameters by their decoded names, so a name starting with a non-ASCII character "
            + "sorts after the ASCII ones. SigV4 sorts by encoded name, where '%' comes before letters and digits.",
            c => MoveQueryParameterLast(c, "%E2%82%AC=euro")),
    ];

    public static KnownDifference? Find(SigV4Peer peer, SigV4Form form, string caseName) =>
        All.SingleOrDefault(d => d.Peer == peer && (d.Form is null || d.Form == form) && d.CaseName == caseName);
}
