using System.Net;
using Amazon.Runtime;
using EcsOps.Aws.Http;

namespace EcsOps.Aws.Tests.Http;

public class SdkErrorsTests
{
    [Theory]
    [InlineData("TargetNotConnected", typeof(TargetNotConnectedException))]
    [InlineData("AccessDenied", typeof(AccessDeniedException))]
    [InlineData("Throttling", typeof(ThrottlingException))]
    [InlineData("InvalidDocument", typeof(AwsServiceException))]
    public void Translate_SdkServiceError_KeepsCodeAndCause(string code, Type expected)
    {
        var sdk = new AmazonServiceException("message", null, ErrorType.Sender, code, "rid", HttpStatusCode.BadRequest);

        var translated = SdkErrors.Translate(sdk);

        Assert.IsType(expected, translated);
        Assert.Equal(code, translated.ErrorCode);
        Assert.Equal("rid", translated.RequestId);
        Assert.Same(sdk, translated.InnerException);
    }
}
