namespace EcsOps.Aws.Tests.Support.SigV4Peers;

/// <summary>The two ways SigV4 carries a signature.</summary>
internal enum SigV4Form
{
    /// <summary>An <c>Authorization</c> header (with <c>X-Amz-Date</c> beside it).</summary>
    Header,

    /// <summary>A presigned URL: the X-Amz-* parameters and <c>X-Amz-Signature</c> in the query.</summary>
    Query,
}
