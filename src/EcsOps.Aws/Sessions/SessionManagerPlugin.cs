using System.Globalization;
using System.Text;
using System.Text.Json;
using EcsOps.Aws.Signing;

namespace EcsOps.Aws.Sessions;

/// <summary>
/// The argv contract of AWS's session-manager-plugin, as the AWS CLI drives it after <c>ecs execute-command</c> or
/// <c>ssm start-session</c>: <c>plugin RESPONSE REGION StartSession PROFILE PARAMETERS SSM_ENDPOINT</c>, where RESPONSE
/// is the session JSON (SessionId, StreamUrl, TokenValue) or, for plugins newer than 1.2.497.0, the name of the
/// variable <c>AWS_SSM_START_SESSION_RESPONSE</c> holding it, so the token stays out of the process list, and
/// PARAMETERS is the StartSession request (at least its Target). The plugin signs ResumeSession and TerminateSession
/// itself; with no profile it takes the credentials ecsops puts in its environment (those the session was requested with).
/// </summary>
public static class SessionManagerPlugin
{
    public const string ExecutableName = "session-manager-plugin";

    /// <summary>The variable newer plugins read the session response from when argv[1] names it.</summary>
    public const string ResponseVariable = "AWS_SSM_START_SESSION_RESPONSE";

    /// <summary>The operation the plugin implements; it is named so for ECS Exec sessions too.</summary>
    public const string Operation = "StartSession";

    /// <summary>The newest plugin that needs the response in argv.</summary>
    public static readonly Version LastVersionWithoutResponseVariable = new(1, 2, 497, 0);

    public static SessionManagerPluginInvocation For(SessionGrant grant, AwsCredentials credentials, Uri ssmEndpoint, string? pluginVersion)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(ssmEndpoint);
        var response = ResponseJson(grant);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = credentials.SessionToken,

            // A profile would take precedence in the plugin's SDK over nothing; the credentials above are the session's.
            ["AWS_PROFILE"] = null,
            ["AWS_DEFAULT_PROFILE"] = null,
        };
        var first = response;
        if (TakesResponseVariable(pluginVersion))
        {
            environment[ResponseVariable] = response;
            first = ResponseVariable;
        }

        return new SessionManagerPluginInvocation(
            [first, grant.Container.Region, Operation, "", ParametersJson(grant), ssmEndpoint.ToString()],
            environment);
    }

    /// <summary>True for a plugin version (as <c>--version</c> prints it) newer than 1.2.497.0; false when unreadable.</summary>
    public static bool TakesResponseVariable(string? pluginVersion)
    {
        var text = string.Concat((pluginVersion ?? "").Where(c => !char.IsWhiteSpace(c)));
        var parts = text.Split('.');
        if (parts.Length is < 1 or > 4 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).Concat(Enumerable.Repeat(0, 4 - parts.Length)).ToArray();
        return new Version(numbers[0], numbers[1], numbers[2], numbers[3]) > LastVersionWithoutResponseVariable;
    }

    /// <summary>
    /// The session as the API answered it: ECS ExecuteCommand's <c>session</c> object (camelCase), or StartSession's
    /// response fields (PascalCase); the plugin reads either.
    /// </summary>
    private static string ResponseJson(SessionGrant grant)
    {
        var ecs = grant.Api == SessionApi.EcsExecuteCommand;
        return Json(writer =>
        {
            writer.WriteString(ecs ? "sessionId" : "SessionId", grant.SessionId);
            writer.WriteString(ecs ? "streamUrl" : "StreamUrl", grant.StreamUrl);
            writer.WriteString(ecs ? "tokenValue" : "TokenValue", grant.TokenValue);
        });
    }

    /// <summary>The StartSession request: Target always (all ECS Exec passes), the document, its parameters and reason for StartSession.</summary>
    private static string ParametersJson(SessionGrant grant) => Json(writer =>
    {
        writer.WriteString("Target", grant.Target);
        if (grant.DocumentName is { } document)
        {
            writer.WriteString("DocumentName", document);
        }

        if (grant.Parameters is { Count: > 0 } parameters)
        {
            writer.WriteStartObject("Parameters");
            foreach (var (name, values) in parameters)
            {
                writer.WriteStartArray(name);
                foreach (var value in values)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        if (grant.Reason is { } reason)
        {
            writer.WriteString("Reason", reason);
        }
    });

    private static string Json(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
