namespace EcsOps.Aws.Artifacts;

/// <summary>A small text object (a manifest) with its HEAD facts.</summary>
public sealed record S3TextObject(S3ObjectHead Head, string Text);
