namespace EcsOps.Runbooks.Exec;

/// <summary>
/// Where a wrapped command's bytes come from and go to: the CLI passes its raw standard streams, a backup passes an
/// S3 upload as <see cref="Output"/>, a restore an S3 download as <see cref="Input"/>.
/// </summary>
/// <param name="Input">Sent to the command's stdin, then EOF; null sends EOF at once.</param>
/// <param name="Output">The command's stdout, byte for byte.</param>
/// <param name="Error">The command's stderr, byte for byte.</param>
public sealed record ExecStreams(Stream? Input, Stream Output, Stream Error);
