using System.Net;

namespace EcsOps.Aws.Http;

/// <summary>
/// A response we cannot use: a success body that is not the expected JSON, an oversized body, or a paginator whose
/// next token never changes. Not retried.
/// </summary>
public sealed class InvalidResponseException : AwsServiceException
{
    public const string Code = "InvalidResponse";

    public InvalidResponseException()
    {
    }

    public InvalidResponseException(string message) : base(Code, message, HttpStatusCode.OK, null)
    {
    }

    public InvalidResponseException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public InvalidResponseException(string message, HttpStatusCode statusCode, string? requestId)
        : base(Code, message, statusCode, requestId)
    {
    }
}
