using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EcsOps.Sandbox.World;

/// <summary>Reads world files (YAML) and checks that they describe a consistent world.</summary>
public static partial class WorldLoader
{
    /// <summary>The built-in world: two accounts, two regions, a few clusters, services and tasks.</summary>
    public static WorldDefinition LoadDefault()
    {
        using var stream = typeof(WorldLoader).Assembly.GetManifestResourceStream("EcsOps.Sandbox.default-world.yaml")
            ?? throw new InvalidOperationException("the default world resource is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "built-in default world");
    }

    /// <summary>Loads and validates a world file.</summary>
    /// <exception cref="WorldException">The file is not valid YAML or describes an inconsistent world.</exception>
    public static WorldDefinition LoadFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses and validates world YAML; <paramref name="source"/> names it in error messages.</summary>
    public static WorldDefinition Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new WorldException($"{source}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these for some truncated documents (an unclosed flow list at the end).
            throw new WorldException($"{source}: the document ends in the middle of a value (an unclosed [ or {{?)", ex);
        }

        var world = stream.Documents.Count == 0 ? new WorldDefinition() : WorldYamlMaps.World.Read(stream.Documents[0].RootNode, source);
        Validate(world, source);
        return world;
    }

    private static void Validate(WorldDefinition world, string source)
    {
        var problems = new List<string>();
        if (world.Regions.Count == 0)
        {
            problems.Add("at least one region is required");
        }

        if (world.Accounts.Count == 0)
        {
            problems.Add("at least one account is required");
        }

        var accessKeys = new HashSet<string>(StringComparer.Ordinal);
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in world.Accounts)
        {
            var where = $"account '{account.Name}' ({account.Id})";
            if (!AccountIdPattern().IsMatch(account.Id))
            {
                problems.Add($"{where}: id must be twelve digits");
            }

            if (!accountIds.Add(account.Id))
            {
                problems.Add($"{where}: duplicate account id");
            }

            if (account.AccessKeyId.Length < 16 || account.SecretAccessKey.Length == 0)
            {
                problems.Add($"{where}: accessKeyId (16+ characters) and secretAccessKey are required");
            }
            else if (!accessKeys.Add(account.AccessKeyId))
            {
                problems.Add($"{where}: access key {account.AccessKeyId} is used twice");
            }

            CheckRegions(world, where, problems,
                account.KmsKeys.Select(k => k.Region)
                    .Concat(account.Secrets.Select(s => s.Region))
                    .Concat(account.TaskDefinitions.Select(t => t.Region))
                    .Concat(account.Clusters.Select(c => c.Region))
                    .Concat(account.Vpcs.Select(v => v.Region))
                    .Concat(account.Buckets.Select(b => b.Region)));
            ValidateEcs(world, account, where, problems);
            ValidateVpcs(account, where, problems);
        }

        if (problems.Count > 0)
        {
            throw new WorldException($"{source}: {string.Join("; ", problems)}");
        }
    }

    private static void ValidateEcs(WorldDefinition world, AccountDefinition account, string where, List<string> problems)
    {
        string RegionOf(string? region) => region ?? world.Regions.FirstOrDefault() ?? "";
        var families = account.TaskDefinitions
            .Select(t => (Region: RegionOf(t.Region), Key: $"{t.Family}:{t.Revision}"))
            .ToHashSet();
        foreach (var definition in account.TaskDefinitions.Where(t => t.Containers.Count == 0))
        {
            problems.Add($"{where}: task definition {definition.Family}:{definition.Revision} has no containers");
        }

        foreach (var cluster in account.Clusters)
        {
            var region = RegionOf(cluster.Region);
            foreach (var service in cluster.Services)
            {
                if (!families.Contains((region, service.TaskDefinition)))
                {
                    problems.Add($"{where}: service {cluster.Name}/{service.Name} uses unknown task definition '{service.TaskDefinition}' in {region}");
                }
            }

            foreach (var task in cluster.Tasks)
            {
                if (task.TaskDefinition is null || !families.Contains((region, task.TaskDefinition)))
                {
                    problems.Add($"{where}: a stand-alone task of cluster {cluster.Name} needs a known taskDefinition (family:revision) in {region}");
                }
            }

            foreach (var task in cluster.Services.SelectMany(s => s.Tasks).Concat(cluster.Tasks))
            {
                if (task.Id is not null && !TaskIdPattern().IsMatch(task.Id))
                {
                    problems.Add($"{where}: task id '{task.Id}' must be 32 lowercase hex digits");
                }
            }
        }
    }

    private static void ValidateVpcs(AccountDefinition account, string where, List<string> problems)
    {
        var subnetIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vpc in account.Vpcs)
        {
            if (!vpc.Id.StartsWith("vpc-", StringComparison.Ordinal))
            {
                problems.Add($"{where}: VPC id '{vpc.Id}' must start with vpc-");
            }

            foreach (var subnet in vpc.Subnets)
            {
                if (!subnet.Id.StartsWith("subnet-", StringComparison.Ordinal) || !subnetIds.Add(subnet.Id))
                {
                    problems.Add($"{where}: subnet id '{subnet.Id}' must start with subnet- and be unique");
                }

                if (!SubnetRoutes.All.Contains(subnet.DefaultRoute))
                {
                    problems.Add($"{where}: subnet {subnet.Id} has defaultRoute '{subnet.DefaultRoute}'; expected one of {string.Join(", ", SubnetRoutes.All)}");
                }
            }
        }
    }

    private static void CheckRegions(WorldDefinition world, string where, List<string> problems, IEnumerable<string?> regions)
    {
        foreach (var region in regions.OfType<string>().Distinct())
        {
            if (!world.Regions.Contains(region))
            {
                problems.Add($"{where}: region {region} is not in the world's regions");
            }
        }
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TaskIdPattern();
}
