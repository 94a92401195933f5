namespace EcsOps.Sandbox.Http;

/// <summary>
/// An AWS error to send back: handlers throw it, the request pipeline writes it in the service's own shape
/// (JSON <c>__type</c>, query <c>ErrorResponse</c>, or S3 <c>Error</c>) with the given status.
/// </summary>
public sealed class AwsErrorException : Exception
{
    public AwsErrorException(string code, string message, int statusCode = StatusCodes.Status400BadRequest)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
    }

    public AwsErrorException()
        : this("InternalFailure", "internal error", StatusCodes.Status500InternalServerError)
    {
    }

    public AwsErrorException(string message)
        : this("InternalFailure", message, StatusCodes.Status500InternalServerError)
    {
    }

    public AwsErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "InternalFailure";
        StatusCode = StatusCodes.Status500InternalServerError;
    }

    /// <summary>The AWS error code, e.g. <c>ClusterNotFoundException</c>, <c>NoSuchKey</c>.</summary>
    public string Code { get; }

    public int StatusCode { get; }

    /// <summary>Extra S3 error elements (<c>Key</c>, <c>BucketName</c>, <c>CanonicalRequest</c>…), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> S3Details { get; init; } = [];

    /// <summary>Query-protocol fault side: <c>Sender</c> for client errors, <c>Receiver</c> for server errors.</summary>
    public string FaultType => StatusCode >= 500 ? "Receiver" : "Sender";
}
