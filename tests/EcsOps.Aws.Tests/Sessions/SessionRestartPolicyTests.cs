using System.Net;
using EcsOps.Aws.Http;
using EcsOps.Aws.Sessions;
using EcsOps.Protocol.Transport;

namespace EcsOps.Aws.Tests.Sessions;

public class SessionRestartPolicyTests
{
    [Fact]
    public void DelayAfter_FailuresInARow_DoublesFromTheFirstDelayUpToTheCap()
    {
        var policy = SessionRestartPolicy.Default;

        var delays = Enumerable.Range(0, 9).Select(policy.DelayAfter).Select(d => d.TotalSeconds).ToList();

        Assert.Equal([0, 1, 2, 4, 8, 16, 30, 30, 30], delays);
        Assert.Equal(policy.MaxDelay, policy.DelayAfter(int.MaxValue));
    }

    public static TheoryData<Exception, bool> Failures() => new()
    {
        { AwsErrorCodes.ToException("TargetNotConnected", "not connected", HttpStatusCode.BadRequest, null), true },
        { AwsErrorCodes.ToException("ThrottlingException", "slow down", HttpStatusCode.BadRequest, null), true },
        { AwsErrorCodes.ToException("InternalServerError", "oops", HttpStatusCode.InternalServerError, null), true },
        { new AwsConnectionException("SSM could not be reached"), true },
        { new TransportException("socket reset", isTransient: true), true },
        { AwsErrorCodes.ToException("AccessDeniedException", "not allowed", HttpStatusCode.BadRequest, null), false },
        { AwsErrorCodes.ToException("ExpiredTokenException", "expired", HttpStatusCode.BadRequest, null), false },
        { AwsErrorCodes.ToException("InvalidDocument", "no such document", HttpStatusCode.BadRequest, null), false },
        { new TransportException("upgrade refused (403)", isTransient: false), false },
        { new ArgumentException("a bug"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void IsRetryable_OnlyWhatAnotherAttemptCanCure(Exception failure, bool retryable) =>
        Assert.Equal(retryable, SessionRestartPolicy.IsRetryable(failure));
}
