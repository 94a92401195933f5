using EcsOps.Aws.Signing;

namespace EcsOps.Sandbox.Http;

/// <summary>
/// Spells a SigV4 verification failure the way each protocol family does: JSON services answer
/// UnrecognizedClientException / InvalidSignatureException, STS InvalidClientTokenId / SignatureDoesNotMatch,
/// S3 InvalidAccessKeyId / SignatureDoesNotMatch (with the canonical request it computed).
/// </summary>
internal static class AuthenticationErrors
{
    public static AwsErrorException For(AwsProtocol protocol, SigV4Verification verification)
    {
        var (code, status) = (protocol, verification.Failure) switch
        {
            (AwsProtocol.Json, SigV4Failure.MissingAuthentication) => ("MissingAuthenticationTokenException", 400),
            (AwsProtocol.Json, SigV4Failure.MalformedAuthorization) => ("IncompleteSignatureException", 400),
            (AwsProtocol.Json, SigV4Failure.UnknownAccessKey or SigV4Failure.InvalidSessionToken) => ("UnrecognizedClientException", 400),
            (AwsProtocol.Json, SigV4Failure.ExpiredToken) => ("ExpiredTokenException", 400),
            (AwsProtocol.Json, _) => ("InvalidSignatureException", 400),

            (AwsProtocol.Query, SigV4Failure.MissingAuthentication) => ("MissingAuthenticationToken", 403),
            (AwsProtocol.Query, SigV4Failure.MalformedAuthorization) => ("IncompleteSignature", 400),
            (AwsProtocol.Query, SigV4Failure.UnknownAccessKey or SigV4Failure.InvalidSessionToken) => ("InvalidClientTokenId", 403),
            (AwsProtocol.Query, SigV4Failure.ExpiredToken) => ("ExpiredToken", 403),
            (AwsProtocol.Query, _) => ("SignatureDoesNotMatch", 403),

            (AwsProtocol.Ec2Query, SigV4Failure.MissingAuthentication) => ("MissingAuthenticationToken", 401),
            (AwsProtocol.Ec2Query, SigV4Failure.ExpiredToken or SigV4Failure.RequestTimeTooSkewed) => ("RequestExpired", 400),
            (AwsProtocol.Ec2Query, _) => ("AuthFailure", 401),

            (_, SigV4Failure.MissingAuthentication or SigV4Failure.PresignedUrlExpired) => ("AccessDenied", 403),
            (_, SigV4Failure.MalformedAuthorization) => ("AuthorizationHeaderMalformed", 400),
            (_, SigV4Failure.UnknownAccessKey) => ("InvalidAccessKeyId", 403),
            (_, SigV4Failure.InvalidSessionToken) => ("InvalidToken", 400),
            (_, SigV4Failure.ExpiredToken) => ("ExpiredToken", 400),
            (_, SigV4Failure.RequestTimeTooSkewed) => ("RequestTimeTooSkewed", 403),
            (_, _) => ("SignatureDoesNotMatch", 403),
        };

        var message = verification.Failure switch
        {
            SigV4Failure.UnknownAccessKey when protocol == AwsProtocol.RestXml =>
                "The AWS Access Key Id you provided does not exist in our records.",
            SigV4Failure.MissingAuthentication when protocol == AwsProtocol.RestXml => "Access Denied",
            SigV4Failure.SignatureMismatch when protocol == AwsProtocol.Json && verification.CanonicalRequest is not null =>
                $"{verification.Message}\n\nThe Canonical String for this request should have been\n'{verification.CanonicalRequest}'\n\nThe String-to-Sign should have been\n'{verification.StringToSign}'\n",
            _ => verification.Message,
        };

        var details = new List<KeyValuePair<string, string>>();
        if (protocol == AwsProtocol.RestXml && verification.AccessKeyId is not null)
        {
            details.Add(new("AWSAccessKeyId", verification.AccessKeyId));
        }

        if (protocol == AwsProtocol.RestXml && verification.Failure == SigV4Failure.SignatureMismatch && verification.CanonicalRequest is not null)
        {
            details.Add(new("StringToSign", verification.StringToSign ?? ""));
            details.Add(new("CanonicalRequest", verification.CanonicalRequest.ToString()));
        }

        return new AwsErrorException(code, message, status) { S3Details = details };
    }

    /// <summary>A request signed for another service's name or for a region the world does not have.</summary>
    public static AwsErrorException WrongScope(AwsProtocol protocol, string message) => protocol switch
    {
        AwsProtocol.Json => new AwsErrorException("InvalidSignatureException", message),
        AwsProtocol.Query => new AwsErrorException("SignatureDoesNotMatch", message, 403),
        AwsProtocol.Ec2Query => new AwsErrorException("AuthFailure", message, 401),
        _ => new AwsErrorException("AuthorizationHeaderMalformed", message),
    };
}
