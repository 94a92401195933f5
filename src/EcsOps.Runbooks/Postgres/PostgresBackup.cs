using System.Diagnostics;
using EcsOps.Aws.Artifacts;
using EcsOps.Runbooks.Exec;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// The built-in backup runbook. Exec path: <c>pg_dump --format=custom</c> in the container, its stdout streamed
/// through the session straight into an S3 multipart upload (no temporary file, two parts of memory at most), then
/// the manifest with the dump's SHA-256 and size. If pg_dump fails, the session dies or the upload fails, the
/// upload is aborted: no object and no stored parts remain. Task path (<see cref="DumpTaskRunner"/>): a one-off task
/// of the service dumps straight to S3; we then read the stored object back, check its SHA-256 against the one the
/// task computed while dumping, and only then write the manifest.
/// </summary>
public sealed class PostgresBackup(ContainerCommandExecutor executor, S3ArtifactStore store, TimeProvider timeProvider, DumpTaskRunner? tasks = null)
{
    /// <summary>Runs the probe and works out the object's name; nothing is written.</summary>
    /// <exception cref="DatabaseToolMissingException">The container has no pg_dump.</exception>
    /// <exception cref="DatabaseConnectionException">No connection variable, or psql could not reach the database.</exception>
    /// <exception cref="BackupLocationException">The bucket does not exist, or an object of that name exists already.</exception>
    public async Task<BackupPlan> PlanAsync(BackupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.BucketExistsAsync(request.Destination.Bucket, cancellationToken) == false)
        {
            throw new BackupLocationException($"the bucket {request.Destination.Bucket} does not exist (in the account of {request.Container.Path})");
        }

        if (request.AsTask && request.Connection is not PostgresConnection.ContainerVariable)
        {
            throw new DatabaseConnectionException(
                "--as-task takes the connection from the task definition's own variable (--database-url-env); a task has no stdin to "
                + "receive a secret's value on, so --secret works with the exec path only");
        }

        // A task backup does not need exec, but when the container has it the probe still finds the size and the tools.
        var probe = !request.AsTask || request.Container.Readiness.IsReady;
        var facts = probe ? await new DatabaseProbe(executor).RunAsync(request.Container, request.Connection, cancellationToken) : DatabaseFacts.Unknown;
        if (probe && facts.PgDump is null)
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

        var task = request.AsTask
            ? await (tasks ?? throw new InvalidOperationException("task backups need a DumpTaskRunner")).DescribeAsync(request.Container, cancellationToken)
            : null;
        return new BackupPlan(request, facts, name, target, new TransferEstimate(facts.SizeBytes, request.TaskThresholdBytes), task);
    }

    /// <summary>Dumps, uploads and writes the manifest.</summary>
    /// <exception cref="DatabaseToolFailedException">pg_dump exited non-zero, or the session ended without its status.</exception>
    /// <exception cref="DatabaseToolMissingException">pg_dump vanished since the probe.</exception>
    public async Task<BackupResult> RunAsync(BackupPlan plan, TransferMeter meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(meter);
        if (plan.Task is not null)
        {
            return await RunTaskAsync(plan, meter, cancellationToken);
        }

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
                var aborted = await upload.AbortAsync() is { } abortFailure
                    ? $"aborting the upload failed ({abortFailure.Message}): abort it by hand (aws s3api list-multipart-uploads --bucket {plan.Object.Bucket})"
                    : "the upload was aborted";
                DatabaseFailures.ThrowIfSetupFailed(status, errors.Text, request.Container);
                if (status == WrappedCommandRunner.InterruptedExitStatus)
                {
                    // Ctrl-C went to pg_dump (as exec passes it on), which ended; that is the user's doing, not a failure to explain.
                    throw new DatabaseToolFailedException($"the backup was interrupted: nothing was stored, {aborted}", status);
                }

                throw new DatabaseToolFailedException(
                    $"the backup was not stored: pg_dump in {request.Container.Path} failed (exit {status}): "
                    + $"{DatabaseFacts.LastLine(errors.Text) ?? "no message"}; {aborted}",
                    status);
            }

            meter.Begin("completing", null);
            dump = await upload.CompleteAsync(cancellationToken);
        }

        await WriteManifestAsync(plan, metadata, dump, cancellationToken);
        var messages = errors.Text.Trim();
        return new BackupResult(dump, plan.Manifest, Stopwatch.GetElapsedTime(started), messages.Length > 0 ? messages : null);
    }

    /// <summary>The task path: the task dumps and uploads; we verify what S3 holds before writing the manifest.</summary>
    private async Task<BackupResult> RunTaskAsync(BackupPlan plan, TransferMeter meter, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var request = plan.Request;
        var metadata = BackupMetadata.ForDump(plan);
        var result = await tasks!.RunAsync(plan, metadata, meter, cancellationToken);
        var taskId = result.Outcome.Task.TaskArn[(result.Outcome.Task.TaskArn.LastIndexOf('/') + 1)..];
        if (result.Outcome.ExitCode != 0 || result.Report is { Succeeded: false })
        {
            await RemoveLeftoverAsync(plan.Object);
            DatabaseFailures.ThrowIfSetupFailed(result.Outcome.ExitCode ?? -1, result.Messages, request.Container);
            var status = result.Outcome.ExitCode ?? result.Report?.UploadStatus ?? 1;
            var what = result.Outcome.WasStopped ? $"the task {taskId} was stopped ({result.Outcome.StopReason})"
                : result.Report is { UploadStatus: not 0 } ? $"the upload in task {taskId} failed (exit {result.Report.UploadStatus})"
                : $"pg_dump in task {taskId} failed (exit {result.Report?.PgDumpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
            var message = DatabaseFacts.LastLine(result.Messages)
                ?? (result.LogsReadable ? "no message" : "its container does not log with awslogs, so its messages cannot be shown");
            throw new DatabaseToolFailedException($"the backup was not stored: {what}: {message}", status);
        }

        var head = await store.HeadAsync(plan.Object, cancellationToken)
            ?? throw new ArtifactTransferException($"the task {taskId} reported success but {plan.Object} does not exist");
        meter.Begin("verifying the stored dump", head.Size);
        var (size, sha256) = await store.HashAsync(plan.Object, meter, cancellationToken);
        if (result.Report?.Sha256 is { } produced && !string.Equals(produced, sha256, StringComparison.Ordinal))
        {
            await RemoveLeftoverAsync(plan.Object);
            throw new BackupIntegrityException(
                $"the backup was not stored: {plan.Object} has SHA-256 {sha256} but pg_dump in task {taskId} produced {produced}; the object was removed");
        }

        var dump = new UploadedObject(plan.Object, size, sha256, head.ETag ?? "", 0);
        await WriteManifestAsync(plan, metadata, dump, cancellationToken);
        var messages = result.Report?.Sha256 is null
            ? "the task could not hash the dump as it went (no FIFO in its container); the SHA-256 was computed from the stored object"
            : null;
        return new BackupResult(dump, plan.Manifest, Stopwatch.GetElapsedTime(started), CombineMessages(result.Messages, messages));
    }

    private async Task RemoveLeftoverAsync(S3Url location)
    {
        using var timeout = new CancellationTokenSource(S3MultipartUploadStream.AbortTimeout);
        if (await store.HeadAsync(location, timeout.Token) is not null)
        {
            await TryDeleteAsync(location, timeout.Token);
        }
    }

    private static string? CombineMessages(string first, string? second)
    {
        var text = string.Join("\n", new[] { first.Trim(), second }.Where(m => !string.IsNullOrEmpty(m)));
        return text.Length > 0 ? text : null;
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
