using System.Reflection;
using EcsOps.Aws.Audit.CloudWatch;
using EcsOps.Aws.Audit.Jsonl;

namespace EcsOps.Aws.Audit;

/// <summary>Builds the audit trail the configuration asks for (<c>audit:</c> in ecsops.yaml) on a workspace.</summary>
public static class AuditTrailFactory
{
    /// <param name="workspace">Config, credentials and clients of this invocation or request.</param>
    /// <param name="via">What is writing, for the events' <c>client</c> field: <c>cli</c> or <c>serve</c>.</param>
    /// <param name="warn">Receives a line when a sink failed but another stored the event.</param>
    public static AuditTrail Create(AwsWorkspace workspace, string via, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var audit = workspace.Config.Audit;
        var sinks = new List<IAuditSink>();
        if (audit.ResolveFilePath(workspace.Environment) is { } path)
        {
            sinks.Add(new JsonlAuditFile(path, workspace.TimeProvider));
        }

        if (audit.CloudWatch is { } cloudWatch)
        {
            var region = cloudWatch.Region ?? workspace.HomeRegion;
            sinks.Add(new CloudWatchAuditSink(
                async ct => workspace.Factory.CreateLogs(region, await workspace.CredentialsForAsync(cloudWatch.Account, ct)),
                cloudWatch.LogGroup,
                cloudWatch.Account is null ? region : $"{cloudWatch.Account}/{region}"));
        }

        return new AuditTrail(
            sinks,
            async ct =>
            {
                var identity = await workspace.Access.GetOperatorAsync(ct);
                return new AuditActor(identity.Arn, identity.AccountId, identity.UserId);
            },
            new AuditTrailOptions
            {
                TimeProvider = workspace.TimeProvider,
                Client = ClientDescription(via),
                RequireAllSinks = audit.RequireAllSinks,
                Warn = warn,
            });
    }

    /// <summary><c>ecsops/&lt;version&gt; &lt;via&gt; on &lt;host&gt;</c>.</summary>
    public static string ClientDescription(string via)
    {
        var version = typeof(AuditTrailFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return $"ecsops/{(plus > 0 ? version[..plus] : version)} {via} on {Environment.MachineName}";
    }
}
