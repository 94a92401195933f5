using EcsOps.Aws.Audit;

namespace EcsOps.Aws.Tests.Audit;

/// <summary>Audit events for tests: distinct run ids, readable times.</summary>
internal static class AuditEvents
{
    private static readonly DateTimeOffset s_base = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static AuditEvent Start(int n, string action = AuditActions.Exec) => new()
    {
        RunId = AuditRunId.Create(s_base.AddSeconds(n), new byte[10]).Value,
        Phase = AuditPhase.Start,
        Time = s_base.AddSeconds(n),
        Who = new AuditActor("arn:aws:iam::111111111111:user/alice", "111111111111"),
        Action = action,
        Command = $"echo {n}",
        Target = new AuditTarget { AccountId = "111111111111", Region = "us-east-1", Cluster = "dev-web" },
    };
}
