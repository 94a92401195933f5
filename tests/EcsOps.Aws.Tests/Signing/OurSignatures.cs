using EcsOps.Aws.Signing;
using EcsOps.Aws.Tests.Support;
using EcsOps.Aws.Tests.Support.SigV4Peers;

namespace EcsOps.Aws.Tests.Signing;

/// <summary>Our <see cref="SigV4Signer"/>'s results for a <see cref="SigV4Case"/>, shaped like a peer's.</summary>
internal static class OurSignatures
{
    public static SigV4Signer Signer() => new(new FixedTimeProvider(SigV4Cases.SigningTime));

    /// <param name="signContentSha256">Add and sign x-amz-content-sha256 even where the service does not need it.</param>
    public static SigningOutcome Sign(SigV4Case testCase, bool signContentSha256 = false)
    {
        var options = SigV4SigningOptions.For(testCase.Service);
        options = options with { AddContentSha256Header = options.AddContentSha256Header || signContentSha256 };
        var signed = Signer().Sign(
            testCase.ToRequest(), testCase.Credentials, SigV4Cases.Region, testCase.Service, testCase.BodySha256, options);
        return new SigningOutcome(signed.CanonicalRequest.ToString(), signed.StringToSign, signed.Signature, Authorization: signed.Authorization);
    }

    public static SigningOutcome Presign(SigV4Case testCase)
    {
        var presigned = Signer().Presign(
            testCase.ToRequest(), testCase.Credentials, SigV4Cases.Region, testCase.Service,
            TimeSpan.FromSeconds(SigV4Cases.PresignedExpirySeconds));
        return new SigningOutcome(presigned.CanonicalRequest.ToString(), presigned.StringToSign, presigned.Signature, PresignedQuery: presigned.Query);
    }
}
