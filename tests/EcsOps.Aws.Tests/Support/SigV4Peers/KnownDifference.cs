namespace EcsOps.Aws.Tests.Support.SigV4Peers;

/// <summary>
/// A documented place where a peer canonicalises a request differently from us on purpose.
/// </summary>
/// <param name="Peer">The peer that differs.</param>
/// <param name="Form">The form it differs in; null for both.</param>
/// <param name="CaseName">The case it differs on.</param>
/// <param name="Why">What the peer does and why it is not a bug on our side.</param>
/// <param name="PeerCanonicalRequest">The peer's canonical request, written as an edit of ours.</param>
internal sealed record KnownDifference(
    SigV4Peer Peer,
    SigV4Form? Form,
    string CaseName,
    string Why,
    Func<string, string> PeerCanonicalRequest);
