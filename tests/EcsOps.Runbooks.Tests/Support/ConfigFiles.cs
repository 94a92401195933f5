using EcsOps.Aws.Config;
using EcsOps.Runbooks.Loading;

namespace EcsOps.Runbooks.Tests.Support;

/// <summary>An ecsops.yaml (and files it includes) in a temporary directory, loaded the way the CLI loads it.</summary>
internal sealed class ConfigFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("ecsops-runbooks-").FullName;

    public string ConfigPath => Path.Combine(Directory, "ecsops.yaml");

    /// <summary>Writes a file relative to the directory; returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes ecsops.yaml and loads its runbooks.</summary>
    public RunbookCatalog Load(string config)
    {
        Write("ecsops.yaml", config);
        return RunbookLoader.Load(ConfigLoader.LoadFile(ConfigPath));
    }

    /// <summary>Loads and expects a config error; returns it.</summary>
    public ConfigException LoadFails(string config) => Assert.Throws<ConfigException>(() => Load(config));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
