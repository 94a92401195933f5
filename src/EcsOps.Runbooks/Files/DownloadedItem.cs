namespace EcsOps.Runbooks.Files;

/// <summary>What a download received, before it is put in place: kind, mode, bytes and their SHA-256, skipped entries.</summary>
internal sealed record DownloadedItem(CopyItemKind Kind, UnixFileMode Mode, long Bytes, string Sha256, IReadOnlyList<string> Skipped);
