namespace EcsOps.Server.Security;

/// <summary>The outcome of checking a signed request; everything but <see cref="Valid"/> is refused.</summary>
public enum SignatureCheck
{
    Valid,

    /// <summary>No timestamp or signature header.</summary>
    Missing,

    /// <summary>The timestamp is not a number or the signature not of the expected form.</summary>
    Malformed,

    /// <summary>The timestamp is more than <see cref="HmacRequestSignature.Window"/> away from now.</summary>
    Stale,

    /// <summary>The signature does not match: wrong secret or altered body.</summary>
    Forged,

    /// <summary>The same signed request was already received.</summary>
    Replayed,
}
