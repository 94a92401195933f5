using EcsOps.Aws.Sessions;

namespace EcsOps.Aws.Tests.Sessions;

public class SessionManagerPluginTests
{
    [Theory]
    [InlineData("1.2.497.0", false)]
    [InlineData("1.2.497", false)]
    [InlineData("1.2.498.0", true)]
    [InlineData("1.2.707.0\n", true)]
    [InlineData(" 1.3 ", true)]
    [InlineData("1.1.9999.0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("1.2.x", false)]
    [InlineData("1.2.3.4.5", false)]
    public void TakesResponseVariable_NewerThan1_2_497_0(string? version, bool expected) =>
        Assert.Equal(expected, SessionManagerPlugin.TakesResponseVariable(version));
}
