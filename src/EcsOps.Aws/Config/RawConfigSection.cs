using YamlDotNet.RepresentationModel;

namespace EcsOps.Aws.Config;

/// <summary>A top-level section read as YAML only, for the feature that owns it to interpret (with the location for errors).</summary>
/// <param name="Key">The top-level key, e.g. <c>runbooks</c>.</param>
/// <param name="Node">The section's YAML node.</param>
/// <param name="SourcePath">The file it came from.</param>
/// <param name="Line">1-based line of the key.</param>
public sealed record RawConfigSection(string Key, YamlNode Node, string? SourcePath, int Line);
