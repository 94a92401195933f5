using System.Globalization;
using EcsOps.Aws.Config;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Runbooks.Postgres;

/// <summary>
/// The <c>db:</c> section of ecsops.yaml: <c>asTaskAbove</c>, the database size above which <c>db backup</c> recommends
/// <c>--as-task</c> (bytes, or with kB/MB/GB/TB or KiB/MiB/GiB/TiB), and <c>tempDirectory</c>, where <c>db restore</c>
/// keeps the verified copy of a dump (TMPDIR by default; it needs room for the whole dump).
/// </summary>
public sealed record DatabaseSettings
{
    public const string SectionKey = "db";

    public static readonly DatabaseSettings Default = new();

    private static readonly string[] s_keys = ["asTaskAbove", "tempDirectory"];

    private static readonly (string Suffix, long Factor)[] s_units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("kB", 1_000), ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000), ("B", 1),
    ];

    public long AsTaskAboveBytes { get; init; } = TransferEstimate.DefaultTaskThresholdBytes;

    /// <summary>Null: the system's temporary directory.</summary>
    public string? TempDirectory { get; init; }

    /// <exception cref="ConfigException">The section is invalid; the message names file, line and column.</exception>
    public static DatabaseSettings Load(EcsOpsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Sections.TryGetValue(SectionKey, out var section))
        {
            return Default;
        }

        var yaml = new ConfigYaml(section.SourcePath);
        var settings = Default;
        foreach (var (key, _, value) in yaml.Entries(yaml.Mapping(section.Node, SectionKey), SectionKey, s_keys))
        {
            settings = key switch
            {
                "asTaskAbove" => settings with { AsTaskAboveBytes = Size(yaml, value) },
                "tempDirectory" => settings with { TempDirectory = yaml.NonEmpty(value, "db.tempDirectory") },
                _ => settings,
            };
        }

        return settings;
    }

    /// <summary>Reads <c>2GiB</c>, <c>500 MB</c>, <c>1048576</c>.</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = 0;
        var trimmed = text.Trim();
        var (number, factor) = s_units.Where(u => trimmed.EndsWith(u.Suffix, StringComparison.Ordinal))
            .Select(u => (trimmed[..^u.Suffix.Length].TrimEnd(), u.Factor))
            .FirstOrDefault((trimmed, 1L));
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0
            || value * factor > long.MaxValue)
        {
            return false;
        }

        bytes = (long)(value * factor);
        return true;
    }

    private static long Size(ConfigYaml yaml, YamlNode node) =>
        TryParseSize(yaml.NonEmpty(node, "db.asTaskAbove"), out var bytes)
            ? bytes
            : throw yaml.Error(node, "db.asTaskAbove: expected a size such as 2GiB, 500MB or a number of bytes");
}
