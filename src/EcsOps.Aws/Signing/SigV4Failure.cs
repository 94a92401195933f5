namespace EcsOps.Aws.Signing;

/// <summary>Why a request failed SigV4 verification. Each service spells these as its own error code.</summary>
public enum SigV4Failure
{
    /// <summary>Verified.</summary>
    None,

    /// <summary>Neither an Authorization header nor presigned query parameters.</summary>
    MissingAuthentication,

    /// <summary>The Authorization header or presigned parameters are malformed or incomplete.</summary>
    MalformedAuthorization,

    /// <summary>The access key id is not known.</summary>
    UnknownAccessKey,

    /// <summary>Temporary credentials without their session token, or with the wrong one.</summary>
    InvalidSessionToken,

    /// <summary>Temporary credentials past their expiration.</summary>
    ExpiredToken,

    /// <summary>The recomputed signature differs (wrong secret, altered request, wrong canonicalisation).</summary>
    SignatureMismatch,

    /// <summary>The request time is more than <see cref="SigV4Verifier.MaxClockSkew"/> away from the server clock.</summary>
    RequestTimeTooSkewed,

    /// <summary>A presigned URL used after X-Amz-Date + X-Amz-Expires.</summary>
    PresignedUrlExpired,
}
