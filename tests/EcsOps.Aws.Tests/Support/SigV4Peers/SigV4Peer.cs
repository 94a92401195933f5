namespace EcsOps.Aws.Tests.Support.SigV4Peers;

/// <summary>The independent SigV4 implementations our signer is compared with.</summary>
internal enum SigV4Peer
{
    /// <summary>botocore as shipped inside Debian's awscli package, run by <see cref="BotocoreFixture"/>.</summary>
    Botocore,

    /// <summary>AWSSDK.Core's <c>AWS4Signer</c>, in process, through <see cref="AwsSdkSigV4"/>.</summary>
    AwsSdk,
}
