using System.Net;
using System.Text;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Tests.Http;

public class AwsJsonErrorReaderTests
{
    private static AwsServiceException Read(HttpStatusCode status, string body, string? header = null) =>
        AwsJsonErrorReader.Read(status, header, "rid", Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData("ThrottlingException", typeof(ThrottlingException))]
    [InlineData("TooManyRequestsException", typeof(ThrottlingException))]
    [InlineData("AccessDeniedException", typeof(AccessDeniedException))]
    [InlineData("AccessDenied", typeof(AccessDeniedException))]
    [InlineData("ClusterNotFoundException", typeof(ClusterNotFoundException))]
    [InlineData("ServiceNotFoundException", typeof(ServiceNotFoundException))]
    [InlineData("InvalidParameterException", typeof(InvalidParameterException))]
    [InlineData("ValidationException", typeof(InvalidParameterException))]
    [InlineData("ResourceNotFoundException", typeof(ResourceNotFoundException))]
    [InlineData("TargetNotConnected", typeof(TargetNotConnectedException))]
    [InlineData("TargetNotConnectedException", typeof(TargetNotConnectedException))]
    [InlineData("ClientException", typeof(AwsServiceException))]
    public void Read_KnownCode_MapsToType(string code, Type expected)
    {
        var error = Read(HttpStatusCode.BadRequest, $$"""{"__type":"{{code}}","message":"m"}""");

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("m", error.Message);
        Assert.Equal("rid", error.RequestId);
    }

    [Fact]
    public void Read_NamespacedType_StripsNamespace()
    {
        var error = Read(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.ecs#ClusterNotFoundException","Message":"gone"}""");

        Assert.IsType<ClusterNotFoundException>(error);
        Assert.Equal("gone", error.Message);
    }

    [Fact]
    public void Read_ErrorTypeHeader_WinsOverBody()
    {
        var error = Read(HttpStatusCode.BadRequest, """{"__type":"Other","message":"m"}""",
            "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/");

        Assert.IsType<ThrottlingException>(error);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "InternalFailure", true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", true)]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", false)]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequestsException", true)]
    [InlineData(HttpStatusCode.Conflict, "UnknownError", false)]
    public void Read_NonJsonBody_CodeFromStatus(HttpStatusCode status, string code, bool retryable)
    {
        var error = Read(status, "<html>oops</html>");

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("<html>oops</html>", error.Message);
        Assert.Equal(retryable, error.IsRetryable);
    }

    [Fact]
    public void Read_EmptyBody_MessageFromStatus()
    {
        var error = Read(HttpStatusCode.BadGateway, "");

        Assert.Equal("502 BadGateway", error.Message);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void Read_HugeTextBody_MessageIsBounded()
    {
        var error = Read(HttpStatusCode.InternalServerError, new string('x', 100_000));

        Assert.Equal(AwsJsonErrorReader.MaxRawMessageLength, error.Message.Length);
    }
}
