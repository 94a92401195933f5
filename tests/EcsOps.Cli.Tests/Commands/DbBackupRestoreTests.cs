using System.Text.Json;
using Amazon.S3.Model;
using EcsOps.Cli.Tests.Support;
using EcsOps.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOps.Cli.Tests.Commands;

/// <summary>
/// `ecsops db backup` and `db restore` as processes against the sandbox and a real PostgreSQL 15: a round trip that
/// keeps every row and byte, and the failures that must leave nothing behind (no object, no multipart upload) or
/// leave the database untouched.
/// </summary>
[Collection(DbSandboxCollection.Name)]
public sealed class DbBackupRestoreTests(DbSandboxFixture sandbox)
{
    private const string NotesDigest = "select count(*)::text || md5(string_agg(id || body || encode(data, 'hex'), ',' order by id)) from notes";

    [Fact]
    public async Task BackupThenRestore_100kRowsWithBinaryData_RestoredDatabaseIdentical()
    {
        var prefix = "roundtrip";

        var backup = await sandbox.RunAsync("db", "backup", "data/app", "--to", $"s3://{DbSandboxFixture.Bucket}/{prefix}", "--comment", "Before release 1.2", "--yes");
        var dumpUrl = backup.StandardOutput.Trim();
        var restore = await sandbox.RunAsync("db", "restore", "data/restored", "--from", dumpUrl, "--yes");
        var listing = await sandbox.RunAsync("db", "backups", $"s3://{DbSandboxFixture.Bucket}/{prefix}", "--output", "json");

        Assert.True(backup.ExitCode == 0, backup.ToString());
        Assert.Matches($@"^s3://{DbSandboxFixture.Bucket}/{prefix}/app_\d{{8}}T\d{{6}}Z_before-release-1-2\.dump$", dumpUrl);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(await sandbox.DigestAsync(DbSandboxFixture.SourceDatabase), await sandbox.DigestAsync("restored"));
        Assert.Equal(100_001L, await sandbox.Postgres.ScalarAsync<long>("restored", "select nextval(pg_get_serial_sequence('items', 'id'))"));
        Assert.True(listing.ExitCode == 0, listing.ToString());
        var listed = Assert.Single(JsonDocument.Parse(listing.StandardOutput).RootElement.EnumerateArray());
        Assert.Equal(dumpUrl, listed.GetProperty("url").GetString());
        Assert.Equal("Before release 1.2", listed.GetProperty("comment").GetString());
        Assert.Equal(DbSandboxFixture.SourceDatabase, listed.GetProperty("database").GetString());
        Assert.True(listed.GetProperty("complete").GetBoolean());
        Assert.Equal(await Sha256OfObjectAsync(dumpUrl), listed.GetProperty("sha256").GetString());
        Assert.Empty((await sandbox.ListAsync(prefix)).Uploads);
    }

    [Fact]
    public async Task Restore_TamperedDump_RefusedAndDatabaseUntouched()
    {
        await sandbox.Postgres.ExecuteAsync("guarded", "create table if not exists sentinel (note text); truncate sentinel; insert into sentinel values ('before')");
        var backup = await sandbox.RunAsync("db", "backup", "data/guarded", "--to", $"s3://{DbSandboxFixture.Bucket}/tampered", "--yes");
        Assert.True(backup.ExitCode == 0, backup.ToString());
        var dumpUrl = backup.StandardOutput.Trim();
        await FlipOneByteAsync(dumpUrl);
        await sandbox.Postgres.ExecuteAsync("guarded", "update sentinel set note = 'after the backup'");

        var restore = await sandbox.RunAsync("db", "restore", "data/guarded", "--from", dumpUrl, "--clean", "--yes");

        Assert.True(restore.ExitCode == 255, restore.ToString());
        var error = Assert.Single(restore.ErrorLines);
        Assert.Contains("SHA-256", error, StringComparison.Ordinal);
        Assert.Contains("not touched", error, StringComparison.Ordinal);
        Assert.Equal("after the backup", await sandbox.Postgres.ScalarAsync<string>("guarded", "select string_agg(note, ',') from sentinel"));
    }

    [Fact]
    public async Task Restore_DumpWithoutManifest_RefusedAsIncomplete()
    {
        using (var s3 = sandbox.S3())
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = DbSandboxFixture.Bucket, Key = "unverified/app_20240101T000000Z.dump", ContentBody = "PGDMP not really",
            });
        }

        var restore = await sandbox.RunAsync("db", "restore", "data/guarded", "--from", $"s3://{DbSandboxFixture.Bucket}/unverified/app_20240101T000000Z.dump", "--yes");
        var listing = await sandbox.RunAsync("db", "backups", $"s3://{DbSandboxFixture.Bucket}/unverified");

        Assert.True(restore.ExitCode == 255, restore.ToString());
        Assert.Contains("has no manifest", Assert.Single(restore.ErrorLines), StringComparison.Ordinal);
        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Contains("incomplete", listing.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_MissingObject_ClearError()
    {
        var result = await sandbox.RunAsync("db", "restore", "data/guarded", "--from", $"s3://{DbSandboxFixture.Bucket}/nowhere/app.dump", "--yes");

        Assert.True(result.ExitCode == 255, result.ToString());
        Assert.Contains($"there is no backup at s3://{DbSandboxFixture.Bucket}/nowhere/app.dump", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_NoTerminalAndNoYes_RefusesBeforeDownloading()
    {
        await sandbox.Postgres.ExecuteAsync("guarded", "create table if not exists sentinel (note text)");
        var backup = await sandbox.RunAsync("db", "backup", "data/guarded", "--to", $"s3://{DbSandboxFixture.Bucket}/unconfirmed", "--yes");
        Assert.True(backup.ExitCode == 0, backup.ToString());

        var restore = await sandbox.RunAsync("db", "restore", "data/guarded", "--from", backup.StandardOutput.Trim());

        Assert.True(restore.ExitCode == 2, restore.ToString());
        Assert.Contains("pass --yes", Assert.Single(restore.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("downloading", restore.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_FailsHalfway_PgRestoreStatusAndPartialRestoreSaid()
    {
        var backup = await sandbox.RunAsync("db", "backup", "data/small", "--to", $"s3://{DbSandboxFixture.Bucket}/partial", "--yes");
        Assert.True(backup.ExitCode == 0, backup.ToString());

        var atomic = await sandbox.RunAsync("db", "restore", "data/partial", "--from", backup.StandardOutput.Trim(), "--single-transaction", "--yes");
        var notesAfterAtomic = await NotesTableExistsAsync();
        var stepwise = await sandbox.RunAsync("db", "restore", "data/partial", "--from", backup.StandardOutput.Trim(), "--yes");

        Assert.True(atomic.ExitCode == 1, atomic.ToString());
        Assert.Contains("so the database was left as it was", Assert.Single(atomic.ErrorLines), StringComparison.Ordinal);
        Assert.False(notesAfterAtomic);
        Assert.True(stepwise.ExitCode == 1, stepwise.ToString());
        var error = Assert.Single(stepwise.ErrorLines);
        Assert.Contains("pg_restore", error, StringComparison.Ordinal);
        Assert.Contains("notes_body", error, StringComparison.Ordinal);
        Assert.Contains("the database may be partially restored", error, StringComparison.Ordinal);
        Assert.Equal(500L, await sandbox.Postgres.ScalarAsync<long>("partial", "select count(*) from notes"));
    }

    [Fact]
    public async Task Backup_VariableNotSetInContainer_ClearErrorNamingTheAlternatives()
    {
        var result = await sandbox.RunAsync("db", "backup", "data/app", "--to", $"s3://{DbSandboxFixture.Bucket}/novariable", "--database-url-env", "PRIMARY_DB_URL", "--yes");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("no environment variable PRIMARY_DB_URL", error, StringComparison.Ordinal);
        Assert.Contains("--secret", error, StringComparison.Ordinal);
        Assert.Empty((await sandbox.ListAsync("novariable")).Keys);
    }

    [Fact]
    public async Task BackupAndRestore_ConnectionFromSecrets_PasswordNeverInExecuteCommandOutputOrAudit()
    {
        var sessionsBefore = sandbox.Host.Sessions.All().Count;
        var auditBefore = AuditLines().Count;

        var backup = await sandbox.RunAsync(
            "db", "backup", "data/app", "--to", $"s3://{DbSandboxFixture.Bucket}/secret", "--secret", DbSandboxFixture.SecretSourceSecret, "--yes");
        var restore = await sandbox.RunAsync(
            "db", "restore", "data/secret-restored", "--from", backup.StandardOutput.Trim(), "--secret", DbSandboxFixture.SecretTargetSecret, "--yes");

        Assert.True(backup.ExitCode == 0, backup.ToString());
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(
            await sandbox.Postgres.ScalarAsync<string>(DbSandboxFixture.SecretSource, NotesDigest),
            await sandbox.Postgres.ScalarAsync<string>("secret_restored", NotesDigest));
        var scripts = sandbox.Host.Sessions.All().Skip(sessionsBefore)
            .Select(s => ExecuteCommandScript.Decode(s.Parameters["command"].Single()))
            .ToList();
        Assert.Equal(4, scripts.Count);
        Assert.All(scripts, script => Assert.DoesNotContain(sandbox.Postgres.Password, script, StringComparison.Ordinal));
        Assert.Contains(scripts, script => script.Contains("exec pg_dump", StringComparison.Ordinal));
        Assert.Contains(scripts, script => script.Contains("exec pg_restore", StringComparison.Ordinal));
        Assert.DoesNotContain(sandbox.Postgres.Password, backup.StandardError + backup.StandardOutput + restore.StandardError, StringComparison.Ordinal);
        var events = AuditLines().Skip(auditBefore).ToList();
        Assert.All(events, line => Assert.DoesNotContain(sandbox.Postgres.Password, line, StringComparison.Ordinal));
        var ends = events.Select(line => JsonDocument.Parse(line).RootElement).Where(e => e.GetProperty("phase").GetString() == "end").ToList();
        Assert.Equal(["db-backup", "db-restore"], ends.Select(e => e.GetProperty("action").GetString()));
        Assert.All(ends, e => Assert.Equal(2, e.GetProperty("sessions").GetArrayLength()));
        Assert.Equal(
            [$"secret {DbSandboxFixture.SecretSourceSecret}", $"secret {DbSandboxFixture.SecretTargetSecret}"],
            ends.Select(e => e.GetProperty("parameters").GetProperty("connection").GetString()));
        var backupCommand = sandbox.Host.Sessions.All().Skip(sessionsBefore).First().Parameters["command"].Single();
        Assert.EndsWith($" ecsops:{ends[0].GetProperty("runId").GetString()}", backupCommand, StringComparison.Ordinal);
    }

    private Task<bool> NotesTableExistsAsync() =>
        sandbox.Postgres.ScalarAsync<bool>("partial", "select exists (select 1 from pg_tables where tablename = 'notes')");

    private List<string> AuditLines()
    {
        var path = Path.Combine(sandbox.Home, ".local", "state", "ecsops", "audit.jsonl");
        return File.Exists(path) ? [.. File.ReadAllLines(path).Where(l => l.Length > 0)] : [];
    }

    [Fact]
    public async Task Backup_ContainerWithoutPgDump_ClearErrorAndNothingInS3()
    {
        var result = await sandbox.RunAsync("db", "backup", "data/nopg", "--to", $"s3://{DbSandboxFixture.Bucket}/nopg", "--yes");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("has no pg_dump", error, StringComparison.Ordinal);
        Assert.Contains("install postgresql-client", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        var (keys, uploads) = await sandbox.ListAsync("nopg");
        Assert.Empty(keys);
        Assert.Empty(uploads);
    }

    [Fact]
    public async Task Backup_PgDumpFailsMidway_UploadAbortedAndNothingLeft()
    {
        var result = await sandbox.RunAsync("db", "backup", "data/failing", "--to", $"s3://{DbSandboxFixture.Bucket}/failing", "--yes");

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("pg_dump", error, StringComparison.Ordinal);
        Assert.Contains("failed (exit 1)", error, StringComparison.Ordinal);
        Assert.Contains("server closed the connection unexpectedly", error, StringComparison.Ordinal);
        Assert.Contains("aborted", error, StringComparison.Ordinal);
        var (keys, uploads) = await sandbox.ListAsync("failing");
        Assert.Empty(keys);
        Assert.Empty(uploads);
    }

    [Fact]
    public async Task Backup_ContainerDiesMidway_UploadAbortedAndNothingLeft()
    {
        var result = await sandbox.RunAsync("db", "backup", "data/dying", "--to", $"s3://{DbSandboxFixture.Bucket}/dying", "--yes");

        Assert.True(result.ExitCode == 255, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("the backup was not stored", error, StringComparison.Ordinal);
        Assert.Contains("without reporting its exit status", error, StringComparison.Ordinal);
        Assert.Contains("aborted", error, StringComparison.Ordinal);
        var (keys, uploads) = await sandbox.ListAsync("dying");
        Assert.Empty(keys);
        Assert.Empty(uploads);
    }

    [Fact]
    public async Task Backup_InterruptedWhileDumping_Exit130AndNeitherObjectNorUploadLeft()
    {
        await using var backup = sandbox.Start(["db", "backup", "data/stalling", "--to", $"s3://{DbSandboxFixture.Bucket}/interrupted", "--yes"]);
        var s3 = sandbox.Host.Services.GetRequiredService<EcsOps.Sandbox.S3.S3ObjectStore>();
        using (var deadline = new CancellationTokenSource(EcsOpsProcess.Deadline))
        {
            // The dump is under way: its upload exists and holds a part (the stalling pg_dump never ends by itself).
            while (s3.ListUploads(DbSandboxFixture.Bucket, "interrupted") is not [var upload] || s3.PartsOf(upload.UploadId) is not { Count: > 0 })
            {
                await Task.Delay(50, deadline.Token);
            }
        }

        backup.Signal(2);
        var result = await backup.WaitAsync();

        Assert.True(result.ExitCode == 130, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("interrupted", error, StringComparison.Ordinal);
        Assert.Contains("nothing was stored", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        var (keys, uploads) = await sandbox.ListAsync("interrupted");
        Assert.Empty(keys);
        Assert.Empty(uploads);
    }

    [Fact]
    public async Task BackupAsTask_SmallDatabase_TaskWritesTheDumpAndItRestores()
    {
        var sessionsBefore = sandbox.Host.Sessions.All().Count;
        var backup = await sandbox.RunAsync("db", "backup", "data/small", "--to", $"s3://{DbSandboxFixture.Bucket}/task", "--as-task", "--yes");
        var backupScripts = sandbox.Host.Sessions.All().Skip(sessionsBefore).Select(s => ExecuteCommandScript.Decode(s.Parameters["command"].Single())).ToList();
        var dumpUrl = backup.StandardOutput.Trim();
        var restore = await sandbox.RunAsync("db", "restore", "data/task-restored", "--from", dumpUrl, "--yes");

        Assert.True(backup.ExitCode == 0, backup.ToString());
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(
            await sandbox.Postgres.ScalarAsync<string>(DbSandboxFixture.SecretSource, NotesDigest),
            await sandbox.Postgres.ScalarAsync<string>("task_restored", NotesDigest));
        var probe = Assert.Single(backupScripts);
        Assert.DoesNotContain("exec pg_dump", probe, StringComparison.Ordinal);
        Assert.Contains("one-off task", backup.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupAsTask_PgDumpFailsMidway_NoObjectLeft()
    {
        var result = await sandbox.RunAsync("db", "backup", "data/failing", "--to", $"s3://{DbSandboxFixture.Bucket}/task-failing", "--as-task", "--yes");

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("pg_dump in task", error, StringComparison.Ordinal);
        Assert.Contains("server closed the connection unexpectedly", error, StringComparison.Ordinal);
        var (keys, uploads) = await sandbox.ListAsync("task-failing");
        Assert.Empty(keys);
        Assert.Empty(uploads);
    }

    private async Task<string> Sha256OfObjectAsync(string url)
    {
        using var s3 = sandbox.S3();
        using var response = await s3.GetObjectAsync(DbSandboxFixture.Bucket, KeyOf(url));
        using var hash = System.Security.Cryptography.SHA256.Create();
        return Convert.ToHexStringLower(await hash.ComputeHashAsync(response.ResponseStream));
    }

    /// <summary>Rewrites the dump with one byte in the middle changed: same size, same metadata, different content.</summary>
    private async Task FlipOneByteAsync(string url)
    {
        using var s3 = sandbox.S3();
        var key = KeyOf(url);
        byte[] data;
        using (var response = await s3.GetObjectAsync(DbSandboxFixture.Bucket, key))
        using (var copy = new MemoryStream())
        {
            await response.ResponseStream.CopyToAsync(copy);
            data = copy.ToArray();
        }

        data[data.Length / 2] ^= 0x01;
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = DbSandboxFixture.Bucket, Key = key, InputStream = new MemoryStream(data) });
    }

    private static string KeyOf(string url) => url[$"s3://{DbSandboxFixture.Bucket}/".Length..];
}
