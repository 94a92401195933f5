using System.Net;
using EcsOps.Aws.Http;
using EcsOps.Cli.Hosting;
using EcsOps.Protocol.Transport;

namespace EcsOps.Cli.Tests.Hosting;

public sealed class ErrorDescriptionsTests
{
    [Fact]
    public void Describe_TargetNotConnected_SaysWhatToCheck()
    {
        var error = new TargetNotConnectedException("TargetNotConnectedException", "The execute command failed.", HttpStatusCode.BadRequest, "r-1");

        var text = ErrorDescriptions.Describe(error);

        Assert.Contains("not connected", text);
        Assert.Contains("ExecuteCommandAgent", text);
    }

    [Theory]
    [InlineData("ExpiredToken")]
    [InlineData("ExpiredTokenException")]
    [InlineData("RequestExpired")]
    public void Describe_ExpiredCredentials_SaysToRefreshThem(string code)
    {
        var error = AwsErrorCodes.ToException(code, "The security token included in the request is expired.", HttpStatusCode.BadRequest, "r-1");

        var text = ErrorDescriptions.Describe(error);

        Assert.IsType<ExpiredCredentialsException>(error);
        Assert.StartsWith($"your AWS credentials have expired ({code}): The security token included in the request is expired. Refresh them", text);
        Assert.Contains("aws sso login", text);
    }

    [Fact]
    public void Describe_ServiceError_NamesTheCode()
    {
        var error = new AwsServiceException("InvalidParameterException", "bad task", HttpStatusCode.BadRequest, null);

        Assert.Equal("InvalidParameterException: bad task", ErrorDescriptions.Describe(error));
    }

    [Fact]
    public void Describe_MultiLineMessage_IsOneLine()
    {
        var text = ErrorDescriptions.Describe(new TransportException("first\r\nsecond\n\nthird", isTransient: false));

        Assert.Equal("the session connection failed: first second third", text);
    }
}
