using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using EcsOps.Sandbox.Http;
using EcsOps.Sandbox.Identity;
using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Sts;

/// <summary>
/// STS over the query protocol (form POST or GET to <c>/</c> with an Action): GetCallerIdentity, and
/// AssumeRole into any world account's listed roles. Requests signed with the returned temporary credentials
/// act in the role's account.
/// </summary>
public static partial class StsApi
{
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static IEndpointRouteBuilder MapStsApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var credentials = routes.ServiceProvider.GetRequiredService<CredentialStore>();
        var world = routes.ServiceProvider.GetRequiredService<WorldDefinition>();
        var time = routes.ServiceProvider.GetRequiredService<TimeProvider>();
        var actions = new Dictionary<string, Func<AwsRequestContext, byte[]>>(StringComparer.Ordinal)
        {
            ["GetCallerIdentity"] = GetCallerIdentity,
            ["AssumeRole"] = aws => AssumeRole(credentials, world, time, aws),
        };

        IResult Dispatch(HttpContext context)
        {
            var aws = context.GetAwsRequest();
            if (string.IsNullOrEmpty(aws.Operation))
            {
                throw new AwsErrorException("MissingAction", "Missing Action");
            }

            if (!actions.TryGetValue(aws.Operation, out var action))
            {
                throw new AwsErrorException("InvalidAction", $"Could not find operation {aws.Operation} for version 2011-06-15");
            }

            return Results.Bytes(action(aws), "text/xml");
        }

        var metadata = new AwsServiceMetadata(AwsService.Sts);
        routes.MapPost("/", Dispatch).WithMetadata(metadata).WithName("sts-post");
        routes.MapGet("/", Dispatch).WithMetadata(metadata).WithName("sts-get");
        return routes;
    }

    internal static byte[] GetCallerIdentity(AwsRequestContext aws) => Response(aws, "GetCallerIdentity", writer =>
    {
        writer.WriteElementString("Arn", aws.Caller.Arn);
        writer.WriteElementString("UserId", aws.Caller.UserId);
        writer.WriteElementString("Account", aws.Caller.AccountId);
    });

    internal static byte[] AssumeRole(CredentialStore credentials, WorldDefinition world, TimeProvider time, AwsRequestContext aws)
    {
        var roleArn = aws.Parameters.GetValueOrDefault("RoleArn");
        var sessionName = aws.Parameters.GetValueOrDefault("RoleSessionName");
        if (string.IsNullOrEmpty(roleArn))
        {
            throw ValidationError("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        }

        if (string.IsNullOrEmpty(sessionName) || !SessionNamePattern().IsMatch(sessionName))
        {
            throw ValidationError("1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64 and match [\\w+=,.@-]*");
        }

        var duration = TimeSpan.FromHours(1);
        if (aws.Parameters.GetValueOrDefault("DurationSeconds") is { } durationText)
        {
            if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 900 or > 43200)
            {
                throw ValidationError("1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
            }

            duration = TimeSpan.FromSeconds(seconds);
        }

        var match = RoleArnPattern().Match(roleArn);
        var account = match.Success ? world.Accounts.FirstOrDefault(a => a.Id == match.Groups["account"].Value) : null;
        var roleName = match.Success ? match.Groups["name"].Value : "";
        if (account is null || !account.Roles.Contains(roleName, StringComparer.Ordinal))
        {
            throw new AwsErrorException("AccessDenied",
                $"User: {aws.Caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", StatusCodes.Status403Forbidden);
        }

        var (issued, identity) = credentials.IssueRoleSession(account.Id, roleName, sessionName, duration);
        return Response(aws, "AssumeRole", writer =>
        {
            writer.WriteStartElement("Credentials");
            writer.WriteElementString("AccessKeyId", issued.AccessKeyId);
            writer.WriteElementString("SecretAccessKey", issued.SecretAccessKey);
            writer.WriteElementString("SessionToken", issued.SessionToken);
            writer.WriteElementString("Expiration",
                issued.Expiration!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteStartElement("AssumedRoleUser");
            writer.WriteElementString("AssumedRoleId", identity.UserId);
            writer.WriteElementString("Arn", identity.Arn);
            writer.WriteEndElement();
        });
    }

    private static byte[] Response(AwsRequestContext aws, string action, Action<XmlWriter> writeResult) => AwsErrorWriter.Xml(writer =>
    {
        writer.WriteStartElement(action + "Response", Namespace);
        writer.WriteStartElement(action + "Result");
        writeResult(writer);
        writer.WriteEndElement();
        writer.WriteStartElement("ResponseMetadata");
        writer.WriteElementString("RequestId", aws.RequestId);
        writer.WriteEndElement();
        writer.WriteEndElement();
    });

    private static AwsErrorException ValidationError(string message) => new("ValidationError", message);

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();

    [GeneratedRegex(@"^arn:aws:iam::(?<account>[0-9]{12}):role/(?:[\w+=,.@/-]*/)?(?<name>[\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArnPattern();
}
