using EcsOps.Aws.Signing;
using EcsOps.Sandbox.Identity;

namespace EcsOps.Sandbox.Http;

/// <summary>What the pipeline learned about one request before the service handler runs.</summary>
public sealed class AwsRequestContext(AwsService service, string requestId)
{
    public AwsService Service { get; } = service;

    /// <summary>Echoed in x-amzn-RequestId / x-amz-request-id and error bodies.</summary>
    public string RequestId { get; } = requestId;

    /// <summary>The X-Amz-Target operation or query Action; null for S3.</summary>
    public string? Operation { get; set; }

    /// <summary>The buffered body of a JSON or query request (S3 bodies stream).</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Query-protocol parameters (form body or query string), decoded.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; set; } = new Dictionary<string, string>();

    /// <summary>Who signed the request; set once SigV4 verification succeeds.</summary>
    public CallerIdentity Caller { get; set; } = CallerIdentity.Anonymous;

    /// <summary>The region of the credential scope.</summary>
    public string Region { get; set; } = "";

    /// <summary>The successful verification (S3 streaming uploads continue its chunk-signature chain).</summary>
    public SigV4Verification? Verification { get; set; }

    /// <summary>The local port the request arrived on, for URLs that point back at the sandbox.</summary>
    public int LocalPort { get; set; }
}

/// <summary>Access to the per-request <see cref="AwsRequestContext"/>.</summary>
public static class AwsRequestContextExtensions
{
    public static AwsRequestContext GetAwsRequest(this HttpContext context) =>
        context.Features.Get<AwsRequestContext>()
        ?? throw new InvalidOperationException("the AWS request pipeline did not run for this request");
}
