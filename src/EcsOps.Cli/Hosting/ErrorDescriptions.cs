using EcsOps.Aws.Config;
using EcsOps.Aws.Discovery;
using EcsOps.Aws.Http;
using EcsOps.Protocol;
using EcsOps.Protocol.Transport;
using EcsOps.Runbooks.Exec;
using EcsOps.Runbooks.Files;
using EcsOps.Runbooks.Inspect;

namespace EcsOps.Cli.Hosting;

/// <summary>
/// Turns an exception into the one line after <c>error: </c>: what failed, why, and what to do when we know it.
/// Used only by <see cref="EcsOpsApp"/>, the one place that prints errors.
/// </summary>
public static class ErrorDescriptions
{
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = error switch
        {
            UserFacingException or ConfigException or TargetSelectorException or ExecSessionException or CopyException or InspectException => error.Message,
            TargetNotConnectedException => $"the container's SSM agent is not connected (TargetNotConnected): {error.Message} "
                + "Check that the task was started with ECS Exec enabled, that its ExecuteCommandAgent is RUNNING, "
                + "that the task role allows ssmmessages:* and that its subnet reaches ssmmessages ('ecsops doctor' checks all of these).",
            ExpiredCredentialsException expired => $"your AWS credentials have expired ({expired.ErrorCode}): {expired.Message.TrimEnd('.')}. "
                + "Refresh them (aws sso login, or new temporary credentials in the environment or profile) and try again.",
            AccessDeniedException denied => $"access denied ({denied.ErrorCode}): {error.Message}",
            AwsServiceException aws => $"{aws.ErrorCode}: {error.Message}",
            AwsConnectionException => error.Message,
            TransportException => $"the session connection failed: {error.Message}",
            ProtocolException => $"session protocol error: {error.Message}",
            _ => error.Message,
        };
        return OneLine(text);
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
