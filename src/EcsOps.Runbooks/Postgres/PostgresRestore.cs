using System.Diagnostics;
using EcsOps.Aws.Artifacts;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// The built-in restore runbook: the dump is downloaded to a private temporary file while its SHA-256 is computed,
/// and compared with its manifest; only a dump that matches (size, hash, pg_dump's archive signature) is streamed
/// from that file through the session into <c>pg_restore</c>. A dump that does not match is refused before anything
/// touches the database.
/// </summary>
/// <remarks>
/// Why a temporary file rather than streaming straight from S3 into pg_restore: the hash is only known at the last
/// byte, and by then pg_restore would have changed the database. The file needs disk room for the whole dump, read
/// and written in 128 KiB steps, so memory stays small.
/// </remarks>
public sealed class PostgresRestore(ContainerCommandExecutor executor, S3ArtifactStore store)
{
    /// <summary>The first bytes of every pg_dump custom-format archive.</summary>
    private static readonly byte[] s_archiveSignature = "PGDMP"u8.ToArray();

    /// <summary>Finds the dump and its manifest and probes the container; nothing is changed.</summary>
    /// <exception cref="BackupLocationException">There is no such object.</exception>
    /// <exception cref="BackupIntegrityException">The dump has no (readable) manifest.</exception>
    /// <exception cref="DatabaseToolMissingException">The container has no pg_restore.</exception>
    public async Task<RestorePlan> PlanAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dump = await store.HeadAsync(request.Source, cancellationToken)
            ?? throw new BackupLocationException($"there is no backup at {request.Source}; list them with 'ecsops db backups s3://{request.Source.Bucket}/PREFIX'");
        var manifestLocation = request.Source.WithSuffix(BackupManifest.Suffix);
        var manifestObject = await store.GetTextAsync(manifestLocation, BackupManifest.MaxBytes, cancellationToken)
            ?? throw new BackupIntegrityException(
                $"{request.Source} has no manifest ({manifestLocation}), so it cannot be verified: the backup did not finish, "
                + "or ecsops did not make it; nothing was restored");
        BackupManifest manifest;
        try
        {
            manifest = BackupManifest.Parse(manifestObject.Text);
        }
        catch (FormatException error)
        {
            throw new BackupIntegrityException($"the manifest {manifestLocation} is unreadable ({error.Message}); nothing was restored", error);
        }

        var expectedSize = BackupMetadata.ReadSize(manifestObject.Head.Metadata) ?? dump.Size;
        var facts = await new DatabaseProbe(executor).RunAsync(request.Container, request.Connection, cancellationToken);
        if (facts.PgRestore is null)
        {
            throw DatabaseFailures.MissingTool("pg_restore", request.Container);
        }

        return new RestorePlan(request, dump, manifest, expectedSize, facts);
    }

    /// <summary>Downloads and verifies the dump, then restores it.</summary>
    /// <exception cref="BackupIntegrityException">The download does not match the manifest; the database was not touched.</exception>
    /// <exception cref="DatabaseToolFailedException">pg_restore failed, or the session ended during the restore.</exception>
    public async Task<RestoreResult> RunAsync(RestorePlan plan, TransferMeter meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(meter);
        var started = Stopwatch.GetTimestamp();
        var request = plan.Request;
        meter.Begin("downloading", plan.Dump.Size);
        await using var downloaded = await store.DownloadAsync(request.Source, request.TempDirectory, meter, cancellationToken);
        await VerifyAsync(plan, downloaded, cancellationToken);

        meter.Begin("restoring", downloaded.Size);
        var errors = new TailStream();
        var input = new RestoreInputStream(request.Connection.StdinPreamble(), downloaded.Content, meter);
        int status;
        try
        {
            status = await executor.RunAsync(
                request.Container, PostgresScripts.Restore(request.Connection, request.Clean, request.SingleTransaction),
                new ExecStreams(input, Stream.Null, errors), cancellationToken);
        }
        catch (ExecSessionException error)
        {
            throw new DatabaseToolFailedException($"the restore's outcome is unknown: {error.Message}; the database may be partially restored", null, error);
        }

        if (status != 0)
        {
            DatabaseFailures.ThrowIfSetupFailed(status, errors.Text, request.Container);
            var consequence = request.SingleTransaction
                ? "it ran as one transaction, so the database was left as it was"
                : "the database may be partially restored";
            throw new DatabaseToolFailedException(
                $"pg_restore in {request.Container.Path} failed (exit {status}): {DatabaseFacts.LastLine(errors.Text) ?? "no message"}; {consequence}",
                status);
        }

        var messages = errors.Text.Trim();
        return new RestoreResult(downloaded.Size, downloaded.Sha256, Stopwatch.GetElapsedTime(started), messages.Length > 0 ? messages : null);
    }

    private static async Task VerifyAsync(RestorePlan plan, DownloadedObject downloaded, CancellationToken cancellationToken)
    {
        var source = plan.Request.Source;
        if (downloaded.Size != plan.ExpectedSize)
        {
            throw new BackupIntegrityException(
                $"{source} is {downloaded.Size} bytes but its manifest says {plan.ExpectedSize}: it was changed or truncated after the backup; "
                + "refusing to restore, the database was not touched");
        }

        if (!string.Equals(downloaded.Sha256, plan.Manifest.Sha256, StringComparison.Ordinal))
        {
            throw new BackupIntegrityException(
                $"{source} has SHA-256 {downloaded.Sha256} but its manifest says {plan.Manifest.Sha256}: it was changed after the backup; "
                + "refusing to restore, the database was not touched");
        }

        var signature = new byte[s_archiveSignature.Length];
        var read = await downloaded.Content.ReadAtLeastAsync(signature, signature.Length, throwOnEndOfStream: false, cancellationToken);
        downloaded.Content.Position = 0;
        if (read < signature.Length || !signature.AsSpan().SequenceEqual(s_archiveSignature))
        {
            throw new BackupIntegrityException($"{source} matches its manifest but is not a pg_dump custom-format archive; nothing was restored");
        }
    }
}
