using EcsOps.Aws.Config;
using EcsOps.Aws.Config.Server;
using EcsOps.Server.Policy;

namespace EcsOps.Server.Tests.Policy;

public sealed class AccessPolicyTests
{
    private static readonly AccessPolicy s_policy = new(ServerConfigReader.Read(ConfigLoader.Parse("""
        server:
          tickets:
            - name: jira
              secret: env:JIRA
            - name: snow
              secret: env:SNOW
          groups:
            dba: [slack:UDBA1, "slack:UDBA2"]
            leads: [slack:ULEAD, "ticket:jira:boss"]
          rules:
            - runbooks: [backup, "restore-*"]
              targets: ["prod-*"]
              allow: [group:dba, ticket:jira]
              approvers: [group:leads]
            - runbooks: ["*"]
              targets: ["dev-*", staging]
              allow: ["slack:*", "ticket:snow:ops-*"]
        """)));

    [Theory]
    [InlineData("slack:UDBA1", "backup", "prod-orders", true, true)]
    [InlineData("slack:UDBA2", "restore-db", "prod-billing", true, true)]
    [InlineData("ticket:jira:anyone", "backup", "prod-orders", true, true)]
    [InlineData("slack:UDEV", "backup", "prod-orders", false, false)]
    [InlineData("slack:UDEV", "backup", "dev-orders", true, false)]
    [InlineData("slack:UDEV", "anything", "staging", true, false)]
    [InlineData("slack:UDEV", "anything", "staging-2", false, false)]
    [InlineData("ticket:snow:ops-alice", "echo", "dev-web", true, false)]
    [InlineData("ticket:snow:alice", "echo", "dev-web", false, false)]
    [InlineData("ticket:jira:anyone", "echo", "dev-web", false, false)]
    [InlineData("slack:UDBA1", "deploy", "prod-orders", false, false)]
    public void Decide_FirstMatchingRule(string who, string runbook, string target, bool allowed, bool approval)
    {
        var decision = s_policy.Decide(Principal.FromStored(who), runbook, target);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(approval, decision.RequiresApproval);
    }

    [Theory]
    [InlineData("slack:ULEAD", true)]
    [InlineData("ticket:jira:boss", true)]
    [InlineData("ticket:jira:bossy", false)]
    [InlineData("slack:UDBA1", false)]
    public void MayApprove_GroupMembersOnly(string approver, bool may)
    {
        var decision = s_policy.Decide(Principal.FromStored("slack:UDBA1"), "backup", "prod-orders");

        Assert.Equal(may, s_policy.MayApprove(Principal.FromStored(approver), decision.Approvers));
    }

    [Fact]
    public void NoRules_NothingAllowed()
    {
        Assert.False(new AccessPolicy(ServerConfig.Empty).Decide(Principal.Slack("U1"), "echo", "dev").Allowed);
    }
}
