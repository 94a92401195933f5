using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Aws.Config;

public static partial class ConfigLoader
{
    private static readonly string[] s_auditKeys = ["file", "cloudwatch", "transcripts", "require"];
    private static readonly string[] s_cloudWatchKeys = ["logGroup", "region", "account"];
    private static readonly string[] s_transcriptKeys = ["bucket", "prefix", "region", "account", "recordInput", "partSize", "partInterval", "kmsKeyId"];

    private static AuditConfig ParseAudit(ConfigYaml yaml, YamlNode node)
    {
        var audit = AuditConfig.Default;
        if (node is YamlScalarNode { Value: null or "" })
        {
            return audit;
        }

        var mapping = yaml.Mapping(node, "audit");
        foreach (var (key, _, value) in yaml.Entries(mapping, "audit", s_auditKeys))
        {
            audit = key switch
            {
                "file" => ParseAuditFile(yaml, value, audit),
                "cloudwatch" => audit with { CloudWatch = ParseAuditCloudWatch(yaml, value) },
                "transcripts" => audit with { Transcripts = ParseTranscripts(yaml, value) },
                "require" => yaml.NonEmpty(value, "require") switch
                {
                    "any" => audit with { RequireAllSinks = false },
                    "all" => audit with { RequireAllSinks = true },
                    var other => throw yaml.Error(value, $"audit.require must be 'any' (one sink is enough) or 'all', not '{other}'"),
                },
                _ => audit,
            };
        }

        return audit.FileEnabled || audit.CloudWatch is not null
            ? audit
            : throw yaml.Error(mapping, "audit needs somewhere to write: keep the file (remove 'file: false') or configure cloudwatch");
    }

    private static AuditConfig ParseAuditFile(ConfigYaml yaml, YamlNode node, AuditConfig audit)
    {
        var text = yaml.NonEmpty(node, "audit.file");
        if (text is "false" or "off" or "no")
        {
            return audit with { FileEnabled = false };
        }

        if (text.StartsWith("~/", StringComparison.Ordinal) || Path.IsPathRooted(text))
        {
            return audit with { FilePath = text };
        }

        // Relative to the config file, like every other path in it.
        var directory = yaml.Path is null ? null : Path.GetDirectoryName(Path.GetFullPath(yaml.Path));
        return audit with { FilePath = directory is null ? text : Path.Combine(directory, text) };
    }

    private static AuditCloudWatchConfig ParseAuditCloudWatch(ConfigYaml yaml, YamlNode node)
    {
        var mapping = yaml.Mapping(node, "audit.cloudwatch");
        string? group = null, region = null, account = null;
        foreach (var (key, _, value) in yaml.Entries(mapping, "audit.cloudwatch", s_cloudWatchKeys))
        {
            switch (key)
            {
                case "logGroup":
                    group = yaml.NonEmpty(value, "logGroup");
                    if (!LogGroupName().IsMatch(group))
                    {
                        throw yaml.Error(value, $"'{group}' is not a log group name (1-512 of letters, digits and _-./#)");
                    }

                    break;
                case "region":
                    region = Regions(yaml, value)[0];
                    break;
                case "account":
                    account = yaml.NonEmpty(value, "account");
                    break;
            }
        }

        return group is null
            ? throw yaml.Error(mapping, "audit.cloudwatch needs a logGroup")
            : new AuditCloudWatchConfig(group) { Region = region, Account = account };
    }

    private static TranscriptsConfig ParseTranscripts(ConfigYaml yaml, YamlNode node)
    {
        var mapping = yaml.Mapping(node, "audit.transcripts");
        string? bucket = null;
        var transcripts = new TranscriptsConfig("-");
        foreach (var (key, _, value) in yaml.Entries(mapping, "audit.transcripts", s_transcriptKeys))
        {
            switch (key)
            {
                case "bucket":
                    bucket = yaml.NonEmpty(value, "bucket");
                    if (!BucketName().IsMatch(bucket))
                    {
                        throw yaml.Error(value, $"'{bucket}' is not an S3 bucket name (3-63 of a-z, 0-9, '.' and '-')");
                    }

                    break;
                case "prefix":
                    var prefix = yaml.Scalar(value, "prefix").Trim().TrimStart('/');
                    transcripts = transcripts with { Prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/" };
                    break;
                case "region":
                    transcripts = transcripts with { Region = Regions(yaml, value)[0] };
                    break;
                case "account":
                    transcripts = transcripts with { Account = yaml.NonEmpty(value, "account") };
                    break;
                case "recordInput":
                    transcripts = transcripts with { RecordInput = Boolean(yaml, value, "recordInput") };
                    break;
                case "partSize":
                    transcripts = transcripts with { PartSize = Size(yaml, value, "partSize", 64 * 1024, 1024L * 1024 * 1024) };
                    break;
                case "partInterval":
                    var interval = yaml.Duration(value, "partInterval");
                    transcripts = interval >= TimeSpan.FromSeconds(1)
                        ? transcripts with { PartInterval = interval }
                        : throw yaml.Error(value, "partInterval must be at least 1s");
                    break;
                case "kmsKeyId":
                    transcripts = transcripts with { KmsKeyId = yaml.NonEmpty(value, "kmsKeyId") };
                    break;
            }
        }

        return bucket is null ? throw yaml.Error(mapping, "audit.transcripts needs a bucket") : transcripts with { Bucket = bucket };
    }

    private static bool Boolean(ConfigYaml yaml, YamlNode node, string what) => yaml.NonEmpty(node, what) switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw yaml.Error(node, $"{what} must be true or false, not '{other}'"),
    };

    /// <summary>A byte count: <c>1048576</c>, <c>512KB</c>, <c>5MB</c> (binary units; <c>KiB</c>/<c>MiB</c>/<c>GiB</c> too).</summary>
    private static long Size(ConfigYaml yaml, YamlNode node, string what, long minimum, long maximum)
    {
        var text = yaml.NonEmpty(node, what);
        var match = SizeText().Match(text);
        if (match.Success && long.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var unit = match.Groups["unit"].Value.ToUpperInvariant().TrimEnd('B').TrimEnd('I');
            var size = unit switch { "" => number, "K" => number * 1024, "M" => number * 1024 * 1024, _ => number * 1024 * 1024 * 1024 };
            if (size >= minimum && size <= maximum)
            {
                return size;
            }
        }

        throw yaml.Error(node, $"{what} must be a size from {minimum / 1024}KB to {maximum / 1024 / 1024}MB such as 1MB or 512KB, not '{text}'");
    }

    [GeneratedRegex(@"^[\w\-./#]{1,512}$")]
    private static partial Regex LogGroupName();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^(?<number>[0-9]{1,10})\s*(?<unit>(?i:[KMG]i?B?|B)?)$")]
    private static partial Regex SizeText();
}
