namespace EcsOps.Runbooks.Files;

/// <summary>A finished, verified copy.</summary>
/// <param name="Destination">Where the copy now is (a local path, a container path, or <c>-</c>).</param>
/// <param name="Kind">A file, or a directory sent as a tar stream.</param>
/// <param name="Bytes">Bytes transferred: the file's size, or the tar stream's length.</param>
/// <param name="Sha256">The SHA-256 both ends computed over those bytes.</param>
/// <param name="Skipped">Entries of a directory that were not copied (sockets, FIFOs, devices).</param>
public sealed record CopyResult(string Destination, CopyItemKind Kind, long Bytes, string Sha256, IReadOnlyList<string> Skipped);
