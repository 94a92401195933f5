using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>A request parameter was rejected (InvalidParameterException, ValidationException, InvalidParameterValue…).</summary>
public sealed class InvalidParameterException : AwsServiceException
{
    public InvalidParameterException()
    {
    }

    public InvalidParameterException(string message) : base(message)
    {
    }

    public InvalidParameterException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public InvalidParameterException(string errorCode, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
        : base(errorCode, message, statusCode, requestId, innerException)
    {
    }
}
