using EcsOps.Runbooks.Parameters;
using EcsOps.Runbooks.Tests.Support;

namespace EcsOps.Runbooks.Tests.Loading;

public sealed class RunbookLoaderTests : IDisposable
{
    private readonly ConfigFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_FullRunbook_ReadsEveryField()
    {
        var catalog = _files.Load("""
            runbooks:
              staging: s3://staging-bucket/runbooks/
              locks: s3://lock-bucket/locks
              backup:
                description: Dump a database to S3
                target: prod/eu-west-1/api/api
                mode: task
                container: api
                timeout: 30m
                approval: required
                idempotent: true
                lock: "db:{{database}}"
                parameters:
                  database: { type: string, pattern: "[a-z_]+", required: true, description: the database }
                  keep: { type: integer, min: 1, max: 30, default: "7" }
                  level: { type: enum, values: [fast, best], default: fast }
                  key: { type: s3-key, default: "dumps/latest.dump" }
                  wait: { type: duration, default: 30s }
                  password: { type: string, secret: true }
                command: [pg_dump, --dbname, "{{database}}", "--compress={{level}}"]
            """);

        var runbook = Assert.Single(catalog.Runbooks);
        Assert.Equal(("backup", "Dump a database to S3", "prod/eu-west-1/api/api", RunbookMode.Task, "api"),
            (runbook.Name, runbook.Description, runbook.Target, runbook.Mode, runbook.Container));
        Assert.Equal((TimeSpan.FromMinutes(30), RunbookApproval.Required, true), (runbook.Timeout, runbook.Approval, runbook.Idempotent));
        Assert.Equal("db:{{database}}", runbook.Lock!.Text);
        Assert.Equal(["pg_dump", "--dbname", "{{database}}", "--compress={{level}}"], runbook.Command.Arguments.Select(a => a.Text));
        Assert.Equal(["database", "keep", "level", "key", "wait", "password"], runbook.Parameters.Definitions.Select(d => d.Name));
        var keep = runbook.Parameters.Find("keep")!;
        Assert.Equal((ParameterType.Integer, 1L, 30L, "7"), (keep.Type, keep.Minimum, keep.Maximum, keep.Default));
        Assert.True(runbook.Parameters.Find("password")!.Secret);
        Assert.Equal(("staging-bucket", "runbooks"), (catalog.Settings.Staging!.Bucket, catalog.Settings.Staging.Prefix));
        Assert.Equal("lock-bucket", catalog.Settings.Locks!.Bucket);
        Assert.Equal(_files.ConfigPath, runbook.Source.Path);
        Assert.Equal(4, runbook.Source.Line);
    }

    [Fact]
    public void Load_Defaults_ExecModeOneHourNoApprovalNoLock()
    {
        var runbook = Assert.Single(_files.Load("""
            runbooks:
              ping:
                command: ["true"]
            """).Runbooks);

        Assert.Equal((RunbookMode.Exec, Runbook.DefaultTimeout, RunbookApproval.None, null, null), (runbook.Mode, runbook.Timeout, runbook.Approval, runbook.Lock, runbook.Target));
    }

    [Fact]
    public void Load_IncludeGlob_ReadsMatchingFilesRelativeToTheConfigInNameOrder()
    {
        _files.Write("runbooks/b.yaml", "second:\n  command: [echo, b]\n");
        _files.Write("runbooks/a.yaml", "first:\n  command: [echo, a]\n");
        _files.Write("runbooks/notes.txt", "not: yaml");

        var catalog = _files.Load("""
            runbooks:
              include: [runbooks/*.yaml]
              local:
                command: [echo, local]
            """);

        Assert.Equal(["first", "local", "second"], catalog.Runbooks.Select(r => r.Name));
        Assert.Equal(Path.Combine(_files.Directory, "runbooks", "a.yaml"), catalog.Find("first").Source.Path);
    }

    [Fact]
    public void Load_SameNameInTwoFiles_ErrorNamesBothPlaces()
    {
        _files.Write("more.yaml", "dup:\n  command: [echo]\n");

        var error = _files.LoadFails("""
            runbooks:
              include: more.yaml
              dup:
                command: [echo]
            """);

        Assert.StartsWith(Path.Combine(_files.Directory, "more.yaml") + ":1:1:", error.Message);
        Assert.Contains("declared twice", error.Message);
        Assert.Contains("ecsops.yaml:3:3", error.Message);
    }

    [Fact]
    public void Load_ErrorInIncludedFile_PointsIntoThatFile()
    {
        _files.Write("runbooks/bad.yaml", "broken:\n  command: [echo, \"{{nope}}\"]\n");

        var error = _files.LoadFails("runbooks:\n  include: [runbooks/*.yaml]\n");

        Assert.Equal(Path.Combine(_files.Directory, "runbooks", "bad.yaml"), error.Path);
        Assert.Equal((2, 19), (error.Line, error.Column));
        Assert.Contains("{{nope}}", error.Message);
    }

    [Fact]
    public void Load_MissingIncludedFile_IsAnError()
    {
        var error = _files.LoadFails("runbooks:\n  include: [nowhere.yaml]\n");

        Assert.Equal((2, 13), (error.Line, error.Column));
        Assert.Contains("no such file", error.Message);
    }

    [Theory]
    [InlineData("    command: [echo]\n    colour: blue\n", 4, 5, "unknown key 'colour'")]
    [InlineData("    command: [echo, \"{{who}}\"]\n", 3, 21, "which is not a parameter")]
    [InlineData("    command: echo hello\n", 3, 14, "must be a list")]
    [InlineData("    command: []\n", 3, 14, "at least the program")]
    [InlineData("    description: no command\n", 3, 5, "needs a command")]
    [InlineData("    mode: fargate\n    command: [echo]\n", 3, 11, "mode must be exec")]
    [InlineData("    approval: maybe\n    command: [echo]\n", 3, 15, "approval must be required or none")]
    [InlineData("    timeout: soon\n    command: [echo]\n", 3, 14, "duration")]
    [InlineData("    target: a/b/c/d/e/f/g\n    command: [echo]\n", 3, 13, "target")]
    [InlineData("    lock: \"x:{{y}}\"\n    parameters: { y: { type: string } }\n    command: [echo]\n", 3, 11, "runbooks.locks")]
    [InlineData("    parameters: { n: { type: number } }\n    command: [echo]\n", 3, 30, "unknown parameter type 'number'")]
    [InlineData("    parameters: { n: { type: enum } }\n    command: [echo]\n", 3, 22, "needs values")]
    [InlineData("    parameters: { n: { type: integer, pattern: x } }\n    command: [echo]\n", 3, 48, "pattern applies to string")]
    [InlineData("    parameters: { n: { pattern: \"(a\" } }\n    command: [echo]\n", 3, 33, "not a regular expression")]
    [InlineData("    parameters: { n: { pattern: \"(a)\\\\1\" } }\n    command: [echo]\n", 3, 33, "backreferences")]
    [InlineData("    parameters: { n: { type: integer, default: x } }\n    command: [echo]\n", 3, 48, "default of parameter 'n' is invalid")]
    [InlineData("    parameters: { n: { required: true, default: x } }\n    command: [echo]\n", 3, 49, "required")]
    [InlineData("    parameters: { n: { secret: true, default: x } }\n    command: [echo]\n", 3, 47, "never written in ecsops.yaml")]
    [InlineData("    parameters: { 9n: { } }\n    command: [echo]\n", 3, 19, "not a parameter name")]
    [InlineData("    parameters: { n: { type: integer, min: 5, max: 1 } }\n    command: [echo]\n", 3, 52, "below min")]
    [InlineData("    parameters: { d: { } }\n    command: [sh, -c, \"pg_dump {{d}}\"]\n", 4, 23, "parsed as code")]
    [InlineData("    parameters: { d: { } }\n    command: [bash, -euc, \"echo {{d}}\"]\n", 4, 27, "parsed as code")]
    [InlineData("    parameters: { d: { } }\n    command: [python3, -c, \"print('{{d}}')\"]\n", 4, 28, "parsed as code")]
    public void Load_InvalidRunbook_OneErrorWithLineAndColumn(string body, int line, int column, string expected)
    {
        var error = _files.LoadFails("runbooks:\n  bad:\n" + body);

        Assert.Equal(_files.ConfigPath, error.Path);
        Assert.True((line, column) == (error.Line, error.Column), $"expected {line}:{column}, got {error.Message}");
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Load_ShellScriptTakingValuesAsArguments_IsAccepted()
    {
        var runbook = Assert.Single(_files.Load("""
            runbooks:
              dump:
                parameters: { database: { } }
                command: [sh, -c, 'pg_dump "$1"', sh, "{{database}}"]
            """).Runbooks);

        Assert.Equal(["database"], runbook.Command.Placeholders);
    }

    [Fact]
    public void Find_UnknownName_UsageErrorListingTheRunbooks()
    {
        var catalog = _files.Load("runbooks:\n  b: { command: [echo] }\n  a: { command: [echo] }\n");

        var error = Assert.Throws<RunbookUsageException>(() => catalog.Find("c"));

        Assert.Equal(RunbookUsageKind.UnknownRunbook, error.Kind);
        Assert.Equal("no runbook named 'c' (runbooks: a, b)", error.Message);
    }

    [Fact]
    public void Load_NoRunbooksSection_EmptyCatalog()
    {
        Assert.Empty(_files.Load("defaults:\n  regions: [us-east-1]\n").Runbooks);
    }
}
