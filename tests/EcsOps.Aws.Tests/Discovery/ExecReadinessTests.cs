using EcsOps.Aws.Discovery;

namespace EcsOps.Aws.Tests.Discovery;

public class ExecReadinessTests
{
    [Theory]
    [InlineData("FARGATE", "1.4.0", true)]
    [InlineData("FARGATE", "1.10.0", true)]
    [InlineData("FARGATE", "LATEST", true)]
    [InlineData("FARGATE", "1.3.0", false)]
    [InlineData("FARGATE", "garbage", false)]
    [InlineData("EC2", "1.3.0", true)]
    [InlineData("FARGATE", null, true)]
    public void PlatformSupports_Version_FollowsFargateMinimum(string launchType, string? version, bool expected)
    {
        Assert.Equal(expected, ExecReadiness.PlatformSupports(launchType, version));
    }

    [Fact]
    public void Of_EverythingInPlace_IsReadyWithoutProblems()
    {
        var readiness = ExecReadiness.Of(true, "RUNNING", "FARGATE", "1.4.0");

        Assert.True(readiness.IsReady);
        Assert.Empty(readiness.Problems);
    }

    [Fact]
    public void Of_AgentPendingOnOldPlatform_ListsBothProblems()
    {
        var readiness = ExecReadiness.Of(true, "PENDING", "FARGATE", "1.3.0");

        Assert.False(readiness.IsReady);
        Assert.Equal(2, readiness.Problems.Count);
    }

    [Theory]
    [InlineData("PROVISIONING")]
    [InlineData("PENDING")]
    [InlineData("ACTIVATING")]
    public void Of_TaskStillStarting_NotReadyWithOneProblemNamingItsStatus(string taskStatus)
    {
        // The agent's status says nothing yet: only the task's status is worth a line.
        var readiness = ExecReadiness.Of(true, "PENDING", "FARGATE", "1.4.0", taskStatus);

        Assert.False(readiness.IsReady);
        Assert.Contains($"the task is {taskStatus}, not RUNNING", Assert.Single(readiness.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Of_TaskRunning_IsReady()
    {
        Assert.True(ExecReadiness.Of(true, "RUNNING", "FARGATE", "1.4.0", "RUNNING").IsReady);
    }

    [Fact]
    public void SsmTarget_ToString_IsTheSessionManagerTarget()
    {
        Assert.Equal("ecs:web_0123abcd_0123abcd-4242", new SsmTarget("web", "0123abcd", "0123abcd-4242").ToString());
    }

    [Theory]
    [InlineData("arn:aws:ecs:eu-west-1:1:task/cluster/abc", "abc")]
    [InlineData("arn:aws:ecs:eu-west-1:1:task/abc", "abc")]
    [InlineData("arn:aws:ecs:eu-west-1:1:cluster/web", "web")]
    [InlineData("arn:aws:ecs:eu-west-1:1:task-definition/web:3", "web:3")]
    [InlineData("plain", "plain")]
    public void EcsArnLastPart_Arn_GivesTheName(string arn, string expected)
    {
        Assert.Equal(expected, EcsArn.LastPart(arn));
    }

    [Theory]
    [InlineData("service:web", "web")]
    [InlineData("family:migrate", null)]
    [InlineData(null, null)]
    public void ServiceOfGroup_Group_GivesServiceName(string? group, string? expected)
    {
        Assert.Equal(expected, EcsArn.ServiceOfGroup(group));
    }
}
