using System.Globalization;
using System.Text.Json;

namespace EcsOps.Sandbox.Containers;

/// <summary>
/// <c>GET /v2/credentials/&lt;id&gt;</c> on the sandbox's own port, as the container credentials provider of every AWS
/// SDK calls it. It is not an AWS API call, so it is branched off before SigV4 verification; a request that is
/// signed (an S3 GET of bucket "v2") or presigned still goes to S3.
/// </summary>
public static class TaskCredentialsEndpoint
{
    /// <summary>Branches credentials requests to the endpoint; call before the AWS request middleware.</summary>
    public static IApplicationBuilder UseTaskCredentialsEndpoint(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapWhen(IsCredentialsRequest, branch => branch.Run(HandleAsync));
    }

    internal static bool IsCredentialsRequest(HttpContext context)
    {
        var request = context.Request;
        return HttpMethods.IsGet(request.Method)
            && request.Path.StartsWithSegments(TaskRoleCredentials.PathPrefix.TrimEnd('/'), StringComparison.Ordinal, out var rest)
            && rest.HasValue
            && !request.Headers.Authorization.ToString().StartsWith("AWS4-", StringComparison.Ordinal)
            && !request.Query.ContainsKey("X-Amz-Signature");
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var grants = context.RequestServices.GetService<TaskRoleCredentials>();
        var id = context.Request.Path.Value![TaskRoleCredentials.PathPrefix.Length..];
        var token = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
        var lookup = grants?.Lookup(id, token) ?? new TaskRoleLookup(TaskRoleLookupResult.UnknownId, null, null);
        var response = context.Response;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        switch (lookup.Result)
        {
            case TaskRoleLookupResult.Issued:
                var credentials = lookup.Credentials!;
                writer.WriteString("RoleArn", lookup.RoleArn);
                writer.WriteString("AccessKeyId", credentials.AccessKeyId);
                writer.WriteString("SecretAccessKey", credentials.SecretAccessKey);
                writer.WriteString("Token", credentials.SessionToken);
                writer.WriteString("Expiration",
                    credentials.Expiration!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                break;
            case TaskRoleLookupResult.WrongToken when token is null:
                response.StatusCode = StatusCodes.Status401Unauthorized;
                WriteError(writer, "NoAuthorizationToken", "The Authorization header with the container's token is required.");
                break;
            case TaskRoleLookupResult.WrongToken:
                response.StatusCode = StatusCodes.Status403Forbidden;
                WriteError(writer, "AccessDenied", "The authorization token does not match these credentials.");
                break;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                WriteError(writer, "CredentialsNotFound", "No task credentials with this id; the task may have stopped.");
                break;
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static void WriteError(Utf8JsonWriter writer, string code, string message)
    {
        writer.WriteString("code", code);
        writer.WriteString("message", message);
    }
}
