using EcsOps.Aws.Audit;
using EcsOps.Aws.Audit.Jsonl;

namespace EcsOps.Cli.Tests.Support;

/// <summary>
/// A test's own ecsops.yaml (passed with --config) whose audit file lives in a private directory, so a test reads
/// only the events of its own runs.
/// </summary>
public sealed class AuditSetup : IDisposable
{
    private AuditSetup(string directory, string? auditSection)
    {
        Directory = directory;
        AuditFile = Path.Combine(directory, "state", "audit.jsonl");
        ConfigPath = Path.Combine(directory, "ecsops.yaml");
        File.WriteAllText(ConfigPath, auditSection ?? $"audit:\n  file: {AuditFile}\n");
    }

    public string Directory { get; }

    public string ConfigPath { get; }

    /// <summary>Where the default section keeps the file (a custom section may say otherwise).</summary>
    public string AuditFile { get; }

    /// <summary>A config whose audit section keeps the file in the private directory.</summary>
    public static AuditSetup WithFile() => new(System.IO.Directory.CreateTempSubdirectory("ecsops-audit-cli-").FullName, null);

    /// <summary>A config with the given <c>audit:</c> section; <c>{file}</c> in it is replaced by <see cref="AuditFile"/>.</summary>
    public static AuditSetup With(string auditSection)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ecsops-audit-cli-").FullName;
        return new AuditSetup(directory, auditSection.Replace("{file}", Path.Combine(directory, "state", "audit.jsonl"), StringComparison.Ordinal));
    }

    /// <summary><c>--config</c> and its path, to put in front of a command's arguments.</summary>
    public string[] Config => ["--config", ConfigPath];

    /// <summary>The events in the audit file, oldest first.</summary>
    public IReadOnlyList<AuditEvent> Events() => AuditFileReader.Read(AuditFile).Lines.Select(l => l.Event!).ToList();

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
