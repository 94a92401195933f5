namespace EcsOps.Aws.Endpoints;

/// <summary>Where to send a service's requests and how to sign them.</summary>
/// <param name="Url">The base URL; JSON protocol requests are POSTed to it as is.</param>
/// <param name="SigningRegion">The region in the SigV4 credential scope.</param>
/// <param name="SigningName">The service in the SigV4 credential scope.</param>
/// <param name="Source">Which setting produced <paramref name="Url"/>.</param>
public sealed record ResolvedEndpoint(Uri Url, string SigningRegion, string SigningName, EndpointSource Source)
{
    /// <summary>True when configuration replaced the public AWS endpoint.</summary>
    public bool IsOverridden => Source != EndpointSource.Default;
}
