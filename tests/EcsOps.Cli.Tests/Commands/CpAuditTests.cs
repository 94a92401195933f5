using EcsOps.Aws.Audit;
using EcsOps.Cli.Tests.Support;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>`ecsops cp` and the audit trail: the bytes moved each way, and nothing copied without a start event.</summary>
[Collection(CliSandboxCollection.Name)]
public sealed class CpAuditTests(CliSandboxFixture sandbox)
{
    private const string Web = "dev-web/web";

    [Fact]
    public async Task Cp_UpAndDown_EachRecordedWithSourceDestinationAndBytes()
    {
        using var audit = AuditSetup.WithFile();
        using var local = new ScratchDirectory("cp-audit-local");
        using var remote = new ScratchDirectory("cp-audit-remote");
        await File.WriteAllBytesAsync(local["data.bin"], new byte[12_345]);

        var up = await sandbox.RunAsync([.. audit.Config, "cp", "--reason", "INC-3", local["data.bin"], $"{Web}:{remote["data.bin"]}"], new Dictionary<string, string>());
        var down = await sandbox.RunAsync([.. audit.Config, "cp", $"{Web}:{remote["data.bin"]}", local["back.bin"]], new Dictionary<string, string>());

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.True(down.ExitCode == 0, down.ToString());
        var events = audit.Events();
        Assert.Equal([AuditPhase.Start, AuditPhase.End, AuditPhase.Start, AuditPhase.End], events.Select(e => e.Phase));
        Assert.All(events, e => Assert.Equal(AuditActions.Copy, e.Action));
        Assert.Equal((local["data.bin"], $"{Web}:{remote["data.bin"]}"), (events[0].Parameters!["source"], events[0].Parameters!["destination"]));
        Assert.Equal(("INC-3", "app"), (events[0].Reason, events[0].Target!.Container));
        Assert.Equal((AuditResult.Ok, 12_345L, 0L), (events[1].Result!.Value, events[1].BytesSent!.Value, events[1].BytesReceived!.Value));
        Assert.Equal((AuditResult.Ok, 0L, 12_345L), (events[3].Result!.Value, events[3].BytesSent!.Value, events[3].BytesReceived!.Value));
    }

    [Fact]
    public async Task Cp_OnlySinkIsUnreachable_NothingCopied()
    {
        using var audit = AuditSetup.With(UnreachableCloudWatch.Section);
        using var local = new ScratchDirectory("cp-audit-local");
        using var remote = new ScratchDirectory("cp-audit-remote");
        await File.WriteAllTextAsync(local["note.txt"], "hello");

        var refused = await sandbox.RunAsync([.. audit.Config, "cp", local["note.txt"], $"{Web}:{remote["note.txt"]}"], UnreachableCloudWatch.Environment());

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.StartsWith("error: cp did not run: no audit sink stored the start event of run ", Assert.Single(refused.ErrorLines));
        Assert.False(File.Exists(remote["note.txt"]));
    }
}
