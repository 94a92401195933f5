using Amazon.S3;
using Amazon.S3.Model;
using EcsOps.Sandbox;
using EcsOps.TestSupport.Postgres;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// A real PostgreSQL 15 cluster and a sandbox whose world (a YAML file written here) has one service per test
/// situation, each container pointing its DATABASE_URL at one database of that cluster:
/// <list type="bullet">
/// <item><c>data/app</c>: the source database with 100,000 rows of text and binary data;</item>
/// <item><c>data/restored</c>, <c>data/guarded</c>: an empty database and one with a sentinel row, to restore into;</item>
/// <item><c>data/small</c>: a database of 500 rows (also reached through secrets), and <c>data/task-restored</c> to restore it into;</item>
/// <item><c>data/partial</c>: a database where restoring <c>data/small</c> fails half-way (a table has its index's name);</item>
/// <item><c>data/nopg</c>: a container whose PATH has the exec wrapper's tools but no PostgreSQL client;</item>
/// <item><c>data/failing</c>: a pg_dump that writes 12 MB and then fails, as a dump that breaks mid-way;</item>
/// <item><c>data/dying</c>: a pg_dump that writes 12 MB and then kills its whole session, as a container that dies.</item>
/// </list>
/// The secret <c>db/source-url</c> holds the source database's URL, for <c>--secret</c>. Bucket <c>backups</c> exists.
/// </summary>
public sealed class DbSandboxFixture : CliSandboxFixture
{
    public const string Bucket = "backups";
    public const string SourceDatabase = "source";
    public const string SourceSecret = "db/source-url";

    /// <summary>A small database reached only through secrets, and the database to restore it into.</summary>
    public const string SecretSource = "secret_source";
    public const string SecretSourceSecret = "db/secret-source-url";
    public const string SecretTargetSecret = "db/secret-restored-url";

    /// <summary>Rows in the source table.</summary>
    public const int SourceRows = 100_000;

    /// <summary>What the fake pg_dump writes before it fails: more than one 8 MiB part, so the upload exists when it is aborted.</summary>
    public const int FailingDumpBytes = 12_000_000;

    private string _tools = null!;

    public PostgresTestServer Postgres { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Postgres = await PostgresTestServer.StartAsync();
        foreach (var database in new[] { SourceDatabase, SecretSource, "restored", "guarded", "secret_restored", "task_restored", "partial" })
        {
            await Postgres.CreateDatabaseAsync(database);
        }

        await Postgres.ExecuteAsync(SourceDatabase, SourceData);
        await Postgres.ExecuteAsync(SecretSource, "create table notes (id int primary key, body text, data bytea); "
            + "insert into notes select g, 'note ' || g, sha256(int4send(g)) from generate_series(1, 500) g; create index notes_body on notes (body)");

        // A table named like the source's index: a restore into it creates and fills notes, then fails on the index.
        await Postgres.ExecuteAsync("partial", "create table notes_body (x int)");
        await base.InitializeAsync();
        using var s3 = S3();
        await s3.PutBucketAsync(Bucket);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DisposeAsync();
        Directory.Delete(_tools, recursive: true);
    }

    /// <summary>An S3 client of the dev account against the sandbox.</summary>
    public AmazonS3Client S3()
    {
        var environment = Host.EnvironmentFor();
        return new AmazonS3Client(
            environment["AWS_ACCESS_KEY_ID"], environment["AWS_SECRET_ACCESS_KEY"],
            new AmazonS3Config { ServiceURL = environment["AWS_ENDPOINT_URL"], ForcePathStyle = true, AuthenticationRegion = environment["AWS_REGION"] });
    }

    /// <summary>Every key and every multipart upload in progress under <paramref name="prefix"/>.</summary>
    public async Task<(IReadOnlyList<string> Keys, IReadOnlyList<string> Uploads)> ListAsync(string prefix)
    {
        using var s3 = S3();
        var objects = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix });
        var uploads = await s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = prefix });
        return ([.. (objects.S3Objects ?? []).Select(o => o.Key)], [.. (uploads.MultipartUploads ?? []).Select(u => u.Key)]);
    }

    /// <summary>Row count and a digest of every column of the source table's rows, in id order.</summary>
    public async Task<(long Rows, string Digest)> DigestAsync(string database) =>
        (await Postgres.ScalarAsync<long>(database, "select count(*) from items"),
         await Postgres.ScalarAsync<string>(database,
             "select md5(string_agg(id::text || ':' || name || ':' || encode(payload, 'hex') || ':' || created::text, ',' order by id)) from items"));

    protected override async Task<SandboxOptions> CreateOptionsAsync()
    {
        _tools = Directory.CreateTempSubdirectory("ecsops-db-tools-").FullName;
        var wrapperOnly = Path.Combine(_tools, "wrapper-only");
        Directory.CreateDirectory(wrapperOnly);
        foreach (var tool in EcsOps.Runbooks.Exec.ExecWrapper.RequiredTools)
        {
            File.CreateSymbolicLink(Path.Combine(wrapperOnly, tool), FindOnPath(tool));
        }

        var failing = await WriteFakePgDumpAsync("failing",
            """
            echo 'pg_dump: error: Dumping the contents of table "items" failed: server closed the connection unexpectedly' >&2
            exit 1
            """);

        // The session's processes share one process group (no job control): killing it ends the session at once,
        // without the exit status trailer, as a container that is stopped or runs out of memory does.
        var dying = await WriteFakePgDumpAsync("dying", "kill -KILL 0");

        // The real pg_dump, whose output then stalls before the end: a dump still going, to interrupt.
        var stalling = await WriteToolAsync("stalling", "pg_dump",
            $"""
            #!/bin/sh
            "{PostgresTestServer.BinDirectory}/pg_dump" "$@" || exit
            case "$1" in --version) exit 0;; esac
            while :; do sleep 0.1; done

            """);

        var withPostgres = $"{PostgresTestServer.BinDirectory}:/usr/bin:/bin";
        var world = new PostgresWorld()
            .AddSecret(SourceSecret, Postgres.Url(SourceDatabase))
            .AddSecret(SecretSourceSecret, Postgres.Url(SecretSource))
            .AddSecret(SecretTargetSecret, RdsSecretJson("secret_restored"))
            .AddService("app", Postgres.Url(SourceDatabase), withPostgres)
            .AddService("restored", Postgres.Url("restored"), withPostgres)
            .AddService("guarded", Postgres.Url("guarded"), withPostgres)
            .AddService("secret-restored", Postgres.Url("secret_restored"), withPostgres)
            .AddService("small", Postgres.Url(SecretSource), withPostgres)
            .AddService("task-restored", Postgres.Url("task_restored"), withPostgres)
            .AddService("partial", Postgres.Url("partial"), withPostgres)
            .AddService("nopg", Postgres.Url(SourceDatabase), wrapperOnly)
            .AddService("failing", Postgres.Url(SourceDatabase), $"{failing}:{withPostgres}")
            .AddService("dying", Postgres.Url(SourceDatabase), $"{dying}:{withPostgres}")
            .AddService("stalling", Postgres.Url(SourceDatabase), $"{stalling}:{withPostgres}");
        var worldFile = Path.Combine(_tools, "world.yaml");
        await File.WriteAllTextAsync(worldFile, world.ToYaml());
        return new SandboxOptions { AgentPacing = TimeSpan.Zero, WorldFile = worldFile };
    }

    /// <summary>The JSON Secrets Manager keeps for an RDS database, as a second secret format.</summary>
    private string RdsSecretJson(string database) =>
        $$"""{"engine":"postgres","host":"127.0.0.1","port":{{Postgres.Port}},"username":"{{PostgresTestServer.SuperUser}}","password":"{{Postgres.Password}}","dbname":"{{database}}"}""";

    /// <summary>A directory with a pg_dump stand-in that answers --version, writes 12 MB of noise, then runs <paramref name="ending"/>.</summary>
    private Task<string> WriteFakePgDumpAsync(string name, string ending) =>
        WriteToolAsync(name, "pg_dump",
            $"""
            #!/bin/sh
            case "$1" in --version) echo 'pg_dump (PostgreSQL) 15 ({name} stand-in)'; exit 0;; esac
            head -c {FailingDumpBytes} /dev/urandom
            {ending}

            """);

    /// <summary>A directory <paramref name="name"/> holding one executable script, <paramref name="tool"/>.</summary>
    private async Task<string> WriteToolAsync(string name, string tool, string text)
    {
        var directory = Path.Combine(_tools, name);
        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, tool);
        await File.WriteAllTextAsync(script, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return directory;
    }

    private static string FindOnPath(string tool) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{tool} is not installed");

    // 100,000 rows of text, 64 bytes of binary data each (incompressible, every byte value), timestamps, an index
    // and a sequence, generated in the server: a dump of about 10 MB, two upload parts.
    private const string SourceData =
        """
        create table items (
            id bigint primary key generated by default as identity,
            name text not null,
            payload bytea not null,
            created timestamptz not null);
        insert into items (id, name, payload, created)
        select g,
               'item ' || g || ' ' || repeat(chr(65 + g % 26), g % 17),
               sha256(int8send(g)) || sha256(int8send(-g)),
               timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'
        from generate_series(1, 100000) as g;
        create index items_name on items (name);
        select setval(pg_get_serial_sequence('items', 'id'), 100000);
        """;
}

[CollectionDefinition(Name)]
public sealed class DbSandboxCollection : ICollectionFixture<DbSandboxFixture>
{
    public const string Name = "db-sandbox";
}
