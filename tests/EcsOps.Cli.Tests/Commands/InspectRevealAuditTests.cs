using EcsOps.Aws.Audit;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops inspect --reveal` and the audit trail: recorded before anything is shown, nothing shown unrecorded.</summary>
[Collection(InspectSandboxCollection.Name)]
public sealed class InspectRevealAuditTests(InspectSandboxFixture sandbox)
{
    private const string SecretsManagerValue = "secret-from-secrets-manager-81";
    private const string PlainToken = "plain-token-value-17";

    [Fact]
    public async Task InspectReveal_RecordsTheRevealedNamesNotTheValues()
    {
        using var audit = AuditSetup.WithFile();

        var result = await InspectAsync(audit, new Dictionary<string, string>(), "--env", "--reveal", "--reason", "INC-5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(SecretsManagerValue, result.StandardOutput);
        var events = audit.Events();
        Assert.Equal([AuditPhase.Start, AuditPhase.End], events.Select(e => e.Phase));
        Assert.Equal((AuditActions.InspectReveal, "INC-5", InspectSandboxFixture.AccountId), (events[0].Action, events[0].Reason, events[0].Target!.AccountId));
        Assert.Contains("DB_PASSWORD", events[0].Parameters!["variables"], StringComparison.Ordinal);
        Assert.Equal(AuditResult.Ok, events[1].Result);
        Assert.Contains($"recorded as audit run {events[0].RunId}", result.StandardError);
        var file = await File.ReadAllTextAsync(audit.AuditFile);
        Assert.DoesNotContain(SecretsManagerValue, file);
        Assert.DoesNotContain(PlainToken, file);
    }

    [Fact]
    public async Task InspectReveal_OnlySinkIsUnreachable_RevealsNothing()
    {
        using var audit = AuditSetup.With(UnreachableCloudWatch.Section);

        var result = await InspectAsync(audit, UnreachableCloudWatch.Environment(), "--env", "--reveal");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error: inspect --reveal showed nothing: no audit sink stored the start event of run ", Assert.Single(result.ErrorLines));
        Assert.Equal("", result.StandardOutput);
        Assert.DoesNotContain(SecretsManagerValue, result.StandardError);
        Assert.DoesNotContain(PlainToken, result.StandardError);
    }

    private Task<CliResult> InspectAsync(AuditSetup audit, IReadOnlyDictionary<string, string> environment, params string[] options) =>
        sandbox.RunAsync([.. audit.Config, "inspect", "shop/web", "--task", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", .. options], environment);
}
