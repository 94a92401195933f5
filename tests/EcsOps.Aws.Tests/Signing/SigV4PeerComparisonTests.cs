using EcsOps.Aws.Tests.Support;
using EcsOps.Aws.Tests.Support.SigV4Peers;

namespace EcsOps.Aws.Tests.Signing;

/// <summary>
/// Our signer against two independent implementations, case by case and in both forms: botocore (the AWS CLI's
/// signer, run once per class by <see cref="BotocoreFixture"/>) and AWSSDK.Core (in process). Where a peer
/// canonicalises differently on purpose, <see cref="SigV4KnownDifferences"/> says how, and the test asserts
/// exactly that difference instead of equality.
/// </summary>
public sealed class SigV4PeerComparisonTests(BotocoreFixture botocore) : IClassFixture<BotocoreFixture>
{
    public static TheoryData<string> CaseNames() => [.. SigV4Cases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Sign_Case_AgreesWithBotocore(string name)
    {
        var testCase = SigV4Cases.Named(name);

        AssertAgree(SigV4Peer.Botocore, SigV4Form.Header, testCase,
            OurSignatures.Sign(testCase), botocore.Signed(testCase, SigV4Form.Header).Outcome);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Presign_Case_AgreesWithBotocore(string name)
    {
        var testCase = SigV4Cases.Named(name);

        AssertAgree(SigV4Peer.Botocore, SigV4Form.Query, testCase,
            OurSignatures.Presign(testCase), botocore.Signed(testCase, SigV4Form.Query).Outcome);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Sign_Case_AgreesWithAwsSdk(string name)
    {
        var testCase = SigV4Cases.Named(name);

        AssertAgree(SigV4Peer.AwsSdk, SigV4Form.Header, testCase,
            OurSignatures.Sign(testCase, signContentSha256: true), AwsSdkSigV4.Sign(testCase));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Presign_Case_AgreesWithAwsSdk(string name)
    {
        var testCase = SigV4Cases.Named(name);

        AssertAgree(SigV4Peer.AwsSdk, SigV4Form.Query, testCase, OurSignatures.Presign(testCase), AwsSdkSigV4.Presign(testCase));
    }

    [Fact]
    public void KnownDifferences_EveryEntry_NamesAnExistingCase()
    {
        Assert.All(SigV4KnownDifferences.All, d => Assert.Contains(SigV4Cases.All, c => c.Name == d.CaseName));
    }

    private static void AssertAgree(SigV4Peer peer, SigV4Form form, SigV4Case testCase, SigningOutcome ours, SigningOutcome theirs)
    {
        var difference = SigV4KnownDifferences.Find(peer, form, testCase.Name);
        if (difference is not null)
        {
            CanonicalRequestAssert.Equal(
                difference.PeerCanonicalRequest(ours.CanonicalRequest), theirs.CanonicalRequest,
                $"ours, changed as documented: {difference.Why}", $"{peer}, {form} form", testCase.Name);
            Assert.NotEqual(ours.Signature, theirs.Signature);
            return;
        }

        CanonicalRequestAssert.Equal(ours.CanonicalRequest, theirs.CanonicalRequest, "ours", $"{peer}, {form} form", testCase.Name);
        Assert.Equal(ours.StringToSign, theirs.StringToSign);
        Assert.Equal(ours.Signature, theirs.Signature);
        if (form == SigV4Form.Header)
        {
            Assert.Equal(ours.Authorization, theirs.Authorization);
        }
        else
        {
            Assert.Equal(DecodedParameters(ours.PresignedQuery!), DecodedParameters(theirs.PresignedQuery!));
        }
    }

    // Presigned URLs may list their parameters in any order; what must match is the set of name/value pairs.
    private static List<(string, string)> DecodedParameters(string query) =>
        [.. query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""))
            .Order()];
}
