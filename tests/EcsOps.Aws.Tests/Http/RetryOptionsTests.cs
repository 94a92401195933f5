using EcsOps.Aws.Config;
using EcsOps.Aws.Http;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Aws.Tests.Http;

public class RetryOptionsTests
{
    private static readonly RetryOptions s_options = new() { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(5) };

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(7, 5000)]
    [InlineData(1000, 5000)]
    public void DelayAfter_RandomNearOne_IsTheCappedExponentialCeiling(int attempt, double milliseconds)
    {
        Assert.Equal(milliseconds, s_options.DelayAfter(attempt, 1).TotalMilliseconds, precision: 6);
    }

    [Property]
    public Property DelayAfter_AnyRandom_StaysWithinZeroAndCeiling() =>
        Prop.ForAll(Gen.Choose(1, 64).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (attempt, thousandths) =>
        {
            var delay = s_options.DelayAfter(attempt, thousandths / 1000.0);
            var ceiling = Math.Min(5000, 100 * Math.Pow(2, Math.Min(attempt - 1, 30)));
            return delay >= TimeSpan.Zero && delay.TotalMilliseconds <= ceiling + 1e-6;
        });

    [Theory]
    [InlineData("7", 7)]
    [InlineData("0", RetryOptions.DefaultMaxAttempts)]
    [InlineData("-2", RetryOptions.DefaultMaxAttempts)]
    [InlineData("many", RetryOptions.DefaultMaxAttempts)]
    public void FromEnvironment_AwsMaxAttempts_IsHonouredWhenPositive(string value, int expected)
    {
        var environment = new EnvironmentVariables(new Dictionary<string, string> { ["AWS_MAX_ATTEMPTS"] = value });

        Assert.Equal(expected, RetryOptions.FromEnvironment(environment).MaxAttempts);
    }
}
