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

    [Fact]
    public void Describe_ServiceError_NamesTheCode()
    {
        var error = new AwsServiceException("InvalidParameterException", "bad task", HttpStatusCode.BadRequest, null);

        Assert.Equal("InvalidParameterException: bad task", ErrorDescriptions.Describe(error));
    }

    [Theory]
    [InlineData("ExpiredTokenException")]
    [InlineData("ExpiredToken")]
    public void Describe_ExpiredCredentials_SaysHowToRefresh(string code)
    {
        var error = AwsErrorCodes.ToException(code, "The security token included in the request is expired", HttpStatusCode.Forbidden, null);

        var text = ErrorDescriptions.Describe(error);

        Assert.StartsWith("your AWS credentials have expired", text);
        Assert.Contains("aws sso login", text);
        Assert.Contains("AWS_SESSION_TOKEN", text);
    }

    [Fact]
    public void Describe_MultiLineMessage_IsOneLine()
    {
        var text = ErrorDescriptions.Describe(new TransportException("first\r\nsecond\n\nthird", isTransient: false));

        Assert.Equal("the session connection failed: first second third", text);
    }
}
