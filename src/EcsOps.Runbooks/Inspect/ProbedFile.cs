namespace EcsOps.Runbooks.Inspect;

/// <summary>A file read from a container by <see cref="ContainerProbe"/>.</summary>
/// <param name="Path">As asked for.</param>
/// <param name="Status">ok, missing, directory or unreadable.</param>
/// <param name="Size">Its size by stat (0 for /proc files), when it could be read.</param>
/// <param name="Content">Its first bytes, up to the limit.</param>
/// <param name="Truncated">True when there was more than the limit.</param>
public sealed record ProbedFile(string Path, string Status, long? Size, byte[] Content, bool Truncated);
