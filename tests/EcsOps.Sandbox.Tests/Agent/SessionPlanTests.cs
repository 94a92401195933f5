using EcsOps.Protocol.Sessions;
using EcsOps.Sandbox.Agent;
using EcsOps.Sandbox.Ecs;
using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Tests.Agent;

public class SessionPlanTests
{
    private static SessionRecord Session(string document, Dictionary<string, IReadOnlyList<string>>? parameters = null) => new()
    {
        SessionId = "s-1",
        Target = "ecs:c_t_r",
        DocumentName = document,
        Parameters = parameters ?? [],
        AccountId = "111111111111",
        Region = "us-east-1",
        OwnerArn = "arn:aws:iam::111111111111:user/u",
        StreamUrl = "ws://127.0.0.1:1/v1/data-channel/s-1?role=publish_subscribe",
        StartedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void For_DefaultShell_StandardStreamInPtyWithPreferencesKey()
    {
        var plan = SessionPlan.For(Session(SessionDocuments.DefaultShell), clusterKmsKeyId: "cluster-key", preferencesKmsKeyId: "prefs-key");

        Assert.Equal((SessionType.StandardStream, true, "prefs-key"), (plan.SessionType, plan.UsesPty, plan.KmsKeyId));
        Assert.Empty(plan.Argv);
    }

    [Fact]
    public void For_EcsExec_InteractiveArgvWithClusterKey()
    {
        var plan = SessionPlan.For(Session(EcsApi.ExecuteCommandDocument, new() { ["command"] = ["/bin/bash -l"] }), "cluster-key", "prefs-key");

        Assert.Equal((SessionType.InteractiveCommands, true, "cluster-key"), (plan.SessionType, plan.UsesPty, plan.KmsKeyId));
        Assert.Equal(["/bin/bash", "-l"], plan.Argv);
    }

    [Fact]
    public void For_NonInteractiveCommand_NoPtySeparateStreamsFromParameter()
    {
        var plan = SessionPlan.For(
            Session("arn:aws:ssm:us-east-1::document/AWS-StartNonInteractiveCommand",
                new() { ["command"] = ["env"], ["separateOutputStream"] = ["True"] }), null, null);

        Assert.Equal((SessionType.NonInteractiveCommands, false, true), (plan.SessionType, plan.UsesPty, plan.SeparateOutputStream));
        Assert.Equal(["env"], plan.Argv);
    }

    [Fact]
    public void For_PortToRemoteHost_PropertiesAndNeverKms()
    {
        var plan = SessionPlan.For(
            Session(SessionDocuments.PortForwardingToRemoteHost, new() { ["host"] = ["db.internal"], ["portNumber"] = ["5432"] }),
            "cluster-key", "prefs-key");

        Assert.Equal(SessionType.Port, plan.SessionType);
        Assert.Equal(new PortSessionProperties("5432", PortForwardingModeSelector.LocalPortForwardingType, "0", "db.internal"), plan.Port);
        Assert.Null(plan.KmsKeyId);
    }

    [Fact]
    public void For_UnknownDocument_ArgumentException() =>
        Assert.Throws<ArgumentException>(() => SessionPlan.For(Session("AWS-Nope"), null, null));
}
