using EcsOps.Aws.Ecs.Model;
using EcsOps.Sandbox.Containers;
using EcsOps.Sandbox.Ec2;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Http;

namespace EcsOps.Sandbox.Ssm;

/// <summary>
/// The Session Manager part of SSM (JSON 1.1, X-Amz-Target <c>AmazonSSM.*</c>): StartSession against ECS
/// targets, ResumeSession, TerminateSession and DescribeSessions. Sessions go into the <see cref="SessionRegistry"/>.
/// </summary>
public static partial class SsmApi
{
    public static IEndpointRouteBuilder MapSsmApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var ecs = routes.ServiceProvider.GetRequiredService<EcsStore>();
        var sessions = routes.ServiceProvider.GetRequiredService<SessionRegistry>();
        var containers = routes.ServiceProvider.GetService<IContainerProcessHost>();
        var network = routes.ServiceProvider.GetService<Ec2Network>();
        var json = SsmJsonContext.Default;
        var operations = new JsonOperationTable(AwsService.Ssm, json)
            .Add("StartSession", json.StartSessionRequest, json.SessionResponse, (r, aws) => StartSession(ecs, sessions, aws, r, containers, network))
            .Add("ResumeSession", json.SessionIdRequest, json.SessionResponse, (r, aws) => ResumeSession(sessions, aws, r))
            .Add("TerminateSession", json.SessionIdRequest, json.TerminateSessionResponse, (r, aws) => TerminateSession(sessions, aws, r))
            .Add("DescribeSessions", json.DescribeSessionsRequest, json.DescribeSessionsResponse, (r, aws) => DescribeSessions(sessions, aws, r));
        routes.MapPost("/", operations.Dispatch).WithMetadata(new AwsServiceMetadata(AwsService.Ssm)).WithName("ssm");
        return routes;
    }

    internal static SessionResponse StartSession(
        EcsStore ecs,
        SessionRegistry sessions,
        AwsRequestContext aws,
        StartSessionRequest request,
        IContainerProcessHost? containers = null,
        Ec2Network? network = null)
    {
        if (string.IsNullOrEmpty(request.Target))
        {
            throw new AwsErrorException("ValidationException", "1 validation error detected: Value null at 'target' failed to satisfy constraint: Member must not be null");
        }

        var documentName = SessionDocuments.NameOf(request.DocumentName ?? SessionDocuments.DefaultShell);
        var required = SessionDocuments.RequiredParameters(documentName)
            ?? throw new AwsErrorException("InvalidDocument", $"Document with name {documentName} does not exist.");
        var parameters = (request.Parameters ?? []).ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
        var missing = required.Where(name => !parameters.TryGetValue(name, out var values) || values.Count == 0).ToList();
        if (missing.Count > 0)
        {
            throw new AwsErrorException("ValidationException",
                $"Document {documentName} requires parameters: {string.Join(", ", missing)}.");
        }

        if (!IsConnected(ecs, aws, request.Target, containers, network))
        {
            throw new AwsErrorException("TargetNotConnected", $"{request.Target} is not connected.");
        }

        var session = sessions.Start(
            aws.Caller.SessionName, request.Target, documentName, parameters, request.Reason,
            aws.Caller.AccountId, aws.Region, aws.Caller.Arn, aws.LocalPort);
        return new SessionResponse { SessionId = session.SessionId, TokenValue = session.Tokens[^1], StreamUrl = session.StreamUrl };
    }

    internal static SessionResponse ResumeSession(SessionRegistry sessions, AwsRequestContext aws, SessionIdRequest request)
    {
        var session = request.SessionId is null ? null : sessions.Resume(request.SessionId, aws.Caller.AccountId);
        if (session is null)
        {
            throw new AwsErrorException("DoesNotExistException", $"Session {request.SessionId} does not exist or has been terminated.");
        }

        return new SessionResponse { SessionId = session.SessionId, TokenValue = session.Tokens[^1], StreamUrl = session.StreamUrl };
    }

    /// <summary>Idempotent, like SSM: terminating an unknown or ended session still answers with its id.</summary>
    internal static TerminateSessionResponse TerminateSession(SessionRegistry sessions, AwsRequestContext aws, SessionIdRequest request)
    {
        if (string.IsNullOrEmpty(request.SessionId))
        {
            throw new AwsErrorException("ValidationException", "1 validation error detected: Value null at 'sessionId' failed to satisfy constraint: Member must not be null");
        }

        sessions.Terminate(request.SessionId, aws.Caller.AccountId);
        return new TerminateSessionResponse { SessionId = request.SessionId };
    }

    /// <summary>
    /// An ECS target is connected when its task runs with ECS Exec enabled, the container's
    /// ExecuteCommandAgent is RUNNING and can reach ssmmessages (see <see cref="Ec2Network.ReachesSessionManager(EcsScope, EcsTask)"/>)
    /// and, when the sandbox runs processes, its container is running there.
    /// Instance targets (<c>i-…</c>, <c>mi-…</c>) never are: the sandbox has none.
    /// </summary>
    private static bool IsConnected(EcsStore ecs, AwsRequestContext aws, string target, IContainerProcessHost? containers, Ec2Network? network)
    {
        if (!SsmTarget.TryParse(target, out var parsed))
        {
            return false;
        }

        if (containers is not null && containers.FindContainer(parsed.ClusterName, parsed.TaskId, parsed.RuntimeId) is null)
        {
            return false;
        }

        return ecs.Read(new EcsScope(aws.Caller.AccountId, aws.Region), region =>
        {
            if (!region.Clusters.TryGetValue(parsed.ClusterName, out var cluster)
                || !cluster.Tasks.TryGetValue(parsed.TaskId, out var task)
                || task.LastStatus != EcsStatus.Running
                || !task.EnableExecuteCommand)
            {
                return false;
            }

            if (network?.ReachesSessionManager(region.Scope, task) == false)
            {
                return false;
            }

            var container = task.Containers.FirstOrDefault(c => c.RuntimeId == parsed.RuntimeId);
            return container?.ManagedAgents?.Any(a => a.Name == EcsStatus.ExecuteCommandAgent && a.LastStatus == EcsStatus.Running) == true;
        });
    }
}
