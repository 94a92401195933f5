namespace EcsOps.Runbooks.Tests.Support;

/// <summary>
/// The tools a container image has: the machine's own (dash and GNU coreutils on Debian) or busybox alone, as in an
/// Alpine or distroless-with-busybox image. Busybox gets a PATH of nothing but its applets.
/// </summary>
public sealed class Toolset
{
    private const string BusyboxBinary = "/usr/bin/busybox";

    private static readonly string[] s_applets =
        ["sh", "cat", "tee", "tar", "sha256sum", "stat", "mv", "rm", "mkdir", "chmod", "dirname", "basename", "awk", "base64", "stty", "dd", "head", "wc", "env"];

    private static readonly Lazy<string> s_busyboxPath = new(CreateBusyboxPath);

    private Toolset(string name, string? path)
    {
        Name = name;
        Path = path;
    }

    public static Toolset System { get; } = new("system", null);

    public static Toolset Busybox => new("busybox", s_busyboxPath.Value);

    public static bool IsBusyboxInstalled => File.Exists(BusyboxBinary);

    public string Name { get; }

    /// <summary>PATH for the remote side; null keeps the machine's.</summary>
    public string? Path { get; }

    public override string ToString() => Name;

    private static string CreateBusyboxPath()
    {
        var directory = Directory.CreateTempSubdirectory("ecsops-busybox-").FullName;
        foreach (var applet in s_applets)
        {
            File.CreateSymbolicLink(global::System.IO.Path.Combine(directory, applet), BusyboxBinary);
        }

        return directory;
    }
}
