using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Faults;

/// <summary>
/// Runs inside <see cref="AwsRequestMiddleware"/>, after authentication: adds the plan's latency, then
/// maybe throttles. A throttling error is thrown as an <see cref="AwsErrorException"/>, so it is written in
/// the service's own error shape.
/// </summary>
internal sealed class ApiFaultMiddleware(RequestDelegate next, SandboxFaults faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var aws = context.GetAwsRequest();
        if (faults.LatencyFor(aws.Service, aws.Operation) is { } latency)
        {
            await Task.Delay(latency, faults.Clock, context.RequestAborted);
        }

        if (faults.ShouldThrottle(aws.Service, aws.Operation))
        {
            throw ThrottlingErrors.For(aws.Service);
        }

        await next(context);
    }
}
