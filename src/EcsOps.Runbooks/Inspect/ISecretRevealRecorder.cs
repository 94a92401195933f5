namespace EcsOps.Runbooks.Inspect;

/// <summary>
/// Records that secret values are about to be shown (<c>inspect --reveal</c>). Called once per inspection, before the
/// values leave <see cref="TaskInspection"/>; a failure aborts the inspection, so nothing is revealed unrecorded.
/// </summary>
public interface ISecretRevealRecorder
{
    Task RecordAsync(SecretReveal reveal, CancellationToken cancellationToken);
}
