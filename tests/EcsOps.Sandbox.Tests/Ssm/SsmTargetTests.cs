using EcsOps.Sandbox.Ssm;

namespace EcsOps.Sandbox.Tests.Ssm;

public class SsmTargetTests
{
    [Theory]
    [InlineData("ecs:web_0123abcd_0123abcd-1234", "web", "0123abcd", "0123abcd-1234")]
    [InlineData("ecs:my_cluster_name_0123abcd_0123abcd-1234", "my_cluster_name", "0123abcd", "0123abcd-1234")]
    public void TryParse_EcsTarget_SplitsFromTheRight(string target, string cluster, string task, string runtime)
    {
        Assert.True(SsmTarget.TryParse(target, out var parsed));
        Assert.Equal(new SsmTarget(cluster, task, runtime), parsed);
        Assert.Equal(target, parsed.ToString());
    }

    [Theory]
    [InlineData("i-0123456789abcdef0")]
    [InlineData("ecs:")]
    [InlineData("ecs:cluster_task")]
    [InlineData("ecs:cluster__runtime")]
    [InlineData("ecs:cluster_task_")]
    public void TryParse_NotAnEcsTarget_IsFalse(string target)
    {
        Assert.False(SsmTarget.TryParse(target, out _));
    }
}
