using System.Globalization;
using System.Text;

namespace EcsOps.Sandbox.World;

/// <summary>
/// A generated world of many look-alike accounts, to try (and measure) discovery across a fleet: account i is
/// <c>team-NNN</c> with id 1000000000NN, one cluster per region (<c>team-NNN-&lt;region&gt;</c>) whose service
/// <c>api</c> runs one task with ECS Exec enabled and one container, <c>app</c>. Every account has the role
/// <see cref="RoleName"/>; the first one's keys are the operator's. The text is the world YAML, so it goes through
/// the same loader as a hand-written world.
/// </summary>
public static class FleetWorld
{
    public const string RoleName = "EcsOpsAccess";
    public const string ServiceName = "api";
    public const string ContainerName = "app";

    public static string AccountId(int index) => (100_000_000_000L + index).ToString(CultureInfo.InvariantCulture);

    public static string AccountName(int index) => $"team-{index:D3}";

    public static string ClusterName(int index, string region) => $"{AccountName(index)}-{region}";

    /// <summary>The task id of account <paramref name="index"/>'s task in the <paramref name="regionIndex"/>-th region.</summary>
    public static string TaskId(int index, int regionIndex) =>
        index.ToString("x16", CultureInfo.InvariantCulture) + regionIndex.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The world YAML.</summary>
    public static string Yaml(int accounts, IReadOnlyList<string> regions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(accounts, 1);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentOutOfRangeException.ThrowIfZero(regions.Count);
        var yaml = new StringBuilder();
        yaml.AppendLine(CultureInfo.InvariantCulture, $"regions: [{string.Join(", ", regions)}]");
        yaml.AppendLine("accounts:");
        for (var i = 0; i < accounts; i++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - id: \"{AccountId(i)}\"");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    name: {AccountName(i)}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    accessKeyId: AKIAFLEET{i:D11}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    secretAccessKey: fleet/{i}/secret");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    roles: [{RoleName}]");
            yaml.AppendLine("    taskDefinitions:");
            foreach (var region in regions)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $$"""      - { family: {{ServiceName}}, revision: 1, region: {{region}}, containers: [{ name: {{ContainerName}}, image: busybox }] }""");
            }

            yaml.AppendLine("    clusters:");
            for (var r = 0; r < regions.Count; r++)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"      - name: {ClusterName(i, regions[r])}");
                yaml.AppendLine(CultureInfo.InvariantCulture, $"        region: {regions[r]}");
                yaml.AppendLine("        services:");
                yaml.AppendLine(CultureInfo.InvariantCulture,
                    $$"""          - { name: {{ServiceName}}, taskDefinition: "{{ServiceName}}:1", enableExecuteCommand: true, networkConfiguration: { subnets: [subnet-0fleet] }, tasks: [{ id: {{TaskId(i, r)}} }] }""");
            }
        }

        return yaml.ToString();
    }

    /// <summary>An ecsops.yaml listing the fleet's accounts (static inventory) with its role, discovery cache off.</summary>
    /// <param name="concurrency">defaults.concurrency: account × region searches at once.</param>
    public static string EcsOpsConfig(int accounts, IReadOnlyList<string> regions, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var config = new StringBuilder("accounts:\n");
        for (var i = 0; i < accounts; i++)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: \"{AccountId(i)}\", name: {AccountName(i)} }}");
        }

        config.AppendLine("defaults:");
        config.AppendLine(CultureInfo.InvariantCulture, $"  regions: [{string.Join(", ", regions)}]");
        config.AppendLine(CultureInfo.InvariantCulture, $"  roleName: {RoleName}");
        config.AppendLine(CultureInfo.InvariantCulture, $"  concurrency: {concurrency}");
        config.AppendLine("  cacheTtl: 0");
        return config.ToString();
    }
}
