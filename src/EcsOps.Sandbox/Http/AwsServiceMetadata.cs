namespace EcsOps.Sandbox.Http;

/// <summary>Endpoint metadata: the endpoint serves only requests the pipeline classified as <see cref="Service"/>.</summary>
public sealed record AwsServiceMetadata(AwsService Service);
