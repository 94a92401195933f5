using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Faults;

/// <summary>The throttling error each protocol's SDKs recognise (and retry with back-off).</summary>
internal static class ThrottlingErrors
{
    public static AwsErrorException For(AwsService service) => service.Protocol switch
    {
        AwsProtocol.Json => new AwsErrorException("ThrottlingException", "Rate exceeded", StatusCodes.Status400BadRequest),
        AwsProtocol.Query => new AwsErrorException("Throttling", "Rate exceeded", StatusCodes.Status400BadRequest),
        AwsProtocol.Ec2Query => new AwsErrorException("RequestLimitExceeded", "Request limit exceeded.", StatusCodes.Status503ServiceUnavailable),
        _ => new AwsErrorException("SlowDown", "Please reduce your request rate.", StatusCodes.Status503ServiceUnavailable),
    };
}
