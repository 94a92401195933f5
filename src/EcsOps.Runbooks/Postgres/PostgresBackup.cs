using System.Diagnostics;
using EcsOps.Aws.Artifacts;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// The built-in backup runbook, exec path: <c>pg_dump --format=custom</c> in the container, its stdout streamed
/// through the session straight into an S3 multipart upload (no temporary file, two parts of memory at most), then
/// the manifest with the dump's SHA-256 and size. If pg_dump fails, the session dies or the upload fails, the
/// upload is aborted: no object and no stored parts remain.
/// </summary>
public sealed class PostgresBackup(ContainerCommandExecutor executor, S3ArtifactStore store, TimeProvider timeProvider)
{
    /// <summary>Runs the probe and works out the object's name; nothing is written.</summary>
    /// <exception cref="DatabaseToolMissingException">The container has no pg_dump.</exception>
    /// <exception cref="DatabaseConnectionException">No connection variable, or psql could not reach the database.</exception>
    /// <exception cref="BackupLocationException">An object of that name exists already.</exception>
    public async Task<BackupPlan> PlanAsync(BackupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var facts = await new DatabaseProbe(executor).RunAsync(request.Container, request.Connection, cancellationToken);
        if (facts.PgDump is null)
        {
            throw DatabaseFailures.MissingTool("pg_dump", request.Container);
        }

        if (facts.ConnectionProblem is { } problem)
        {
            throw new DatabaseConnectionException($"the database cannot be reached from {request.Container.Path}: {problem}");
        }

        var container = request.Container;
        var service = container.ServiceName ?? EcsOps.Aws.Discovery.EcsArn.TaskDefinitionName(container.TaskDefinitionArn)?.Split(':')[0] ?? container.ContainerName;
        var name = BackupName.Create(service, timeProvider.GetUtcNow(), request.Comment);
        var target = request.Destination.Child(name.FileName);
        if (await store.HeadAsync(target, cancellationToken) is not null)
        {
            throw new BackupLocationException($"{target} exists already; wait a second or use another --comment");
        }

        return new BackupPlan(request, facts, name, target, new TransferEstimate(facts.SizeBytes, request.TaskThresholdBytes));
    }

    /// <summary>Dumps, uploads and writes the manifest.</summary>
    /// <exception cref="DatabaseToolFailedException">pg_dump exited non-zero, or the session ended without its status.</exception>
    /// <exception cref="DatabaseToolMissingException">pg_dump vanished since the probe.</exception>
    public async Task<BackupResult> RunAsync(BackupPlan plan, TransferMeter meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(meter);
        var started = Stopwatch.GetTimestamp();
        var request = plan.Request;
        var metadata = BackupMetadata.ForDump(plan);
        var errors = new TailStream();
        meter.Begin("dumping", null);
        UploadedObject dump;
        await using (var upload = store.StartUpload(plan.Object, metadata, progress: meter))
        {
            int status;
            using (var input = new MemoryStream(request.Connection.StdinPreamble(), writable: false))
            {
                try
                {
                    status = await executor.RunAsync(
                        request.Container, PostgresScripts.Dump(request.Connection), new ExecStreams(input, upload, errors), cancellationToken);
                }
                catch (ExecSessionException error)
                {
                    throw new DatabaseToolFailedException(
                        $"the backup was not stored: {error.Message}; the upload was aborted", null, error);
                }
            }

            if (status != 0)
            {
                await upload.AbortAsync();
                DatabaseFailures.ThrowIfSetupFailed(status, errors.Text, request.Container);
                throw new DatabaseToolFailedException(
                    $"the backup was not stored: pg_dump in {request.Container.Path} failed (exit {status}): "
                    + $"{DatabaseFacts.LastLine(errors.Text) ?? "no message"}; the upload was aborted",
                    status);
            }

            meter.Begin("completing", null);
            dump = await upload.CompleteAsync(cancellationToken);
        }

        await WriteManifestAsync(plan, metadata, dump, cancellationToken);
        var messages = errors.Text.Trim();
        return new BackupResult(dump, plan.Manifest, Stopwatch.GetElapsedTime(started), messages.Length > 0 ? messages : null);
    }

    /// <summary>The commit mark; without it the dump is unverifiable, so a dump whose manifest fails is removed.</summary>
    private async Task WriteManifestAsync(BackupPlan plan, Dictionary<string, string> metadata, UploadedObject dump, CancellationToken cancellationToken)
    {
        var manifest = new BackupManifest(dump.Sha256, plan.Name.FileName);
        try
        {
            await store.PutTextAsync(
                plan.Manifest, manifest.ToText(), BackupMetadata.ForManifest(metadata, dump.Sha256, dump.Size), "text/plain; charset=utf-8",
                cancellationToken);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            using var timeout = new CancellationTokenSource(S3MultipartUploadStream.AbortTimeout);
            var removed = await TryDeleteAsync(plan.Object, timeout.Token);
            throw new ArtifactTransferException(
                $"the dump was uploaded but its manifest {plan.Manifest} could not be written ({error.Message}); "
                + (removed ? "the dump was removed" : $"remove {plan.Object} by hand, it cannot be verified"),
                error);
        }
    }

    private async Task<bool> TryDeleteAsync(S3Url location, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(location, cancellationToken);
            return true;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return false;
        }
    }
}
