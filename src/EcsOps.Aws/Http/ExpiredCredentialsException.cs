using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>
/// The caller's credentials are no longer accepted because they expired (ExpiredToken, ExpiredTokenException,
/// RequestExpired): temporary credentials past their expiry, or an SSO session that ended. No account or region will
/// answer differently, so discovery does not treat it as one account's failure.
/// </summary>
public sealed class ExpiredCredentialsException : AwsServiceException
{
    public ExpiredCredentialsException()
    {
    }

    public ExpiredCredentialsException(string message) : base(message)
    {
    }

    public ExpiredCredentialsException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ExpiredCredentialsException(string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(errorCode, message, statusCode, requestId, innerException)
    {
    }
}
