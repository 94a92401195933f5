using System.CommandLine;
using EcsOps.Aws.Discovery;

namespace EcsOps.Cli.Targeting;

/// <summary>
/// The selector flags every targeting command shares (<c>--account --region --cluster --service --task
/// --container</c>, globs allowed) and <c>--refresh</c>. A flag wins over the same part of the positional selector.
/// </summary>
public sealed class TargetOptions
{
    public Option<string?> Account { get; } = new("--account") { Description = "Account id or name (glob)" };

    public Option<string?> Region { get; } = new("--region") { Description = "Region (glob)" };

    public Option<string?> Cluster { get; } = new("--cluster") { Description = "Cluster name (glob)" };

    public Option<string?> Service { get; } = new("--service") { Description = "Service name (glob)" };

    public Option<string?> Task { get; } = new("--task") { Description = "Task id or ARN (glob)" };

    public Option<string?> Container { get; } = new("--container") { Description = "Container name (glob)" };

    public Option<bool> Refresh { get; } = new("--refresh") { Description = "Ignore the discovery cache for this command" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Account);
        command.Options.Add(Region);
        command.Options.Add(Cluster);
        command.Options.Add(Service);
        command.Options.Add(Task);
        command.Options.Add(Container);
        command.Options.Add(Refresh);
    }

    public TargetFlags Flags(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new TargetFlags
        {
            Account = parse.GetValue(Account),
            Region = parse.GetValue(Region),
            Cluster = parse.GetValue(Cluster),
            Service = parse.GetValue(Service),
            Task = parse.GetValue(Task),
            Container = parse.GetValue(Container),
        };
    }

    /// <summary>The selector text and flags as the user wrote them, for messages.</summary>
    public static string Describe(string? selector, TargetFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(selector))
        {
            parts.Add(selector.Trim());
        }

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"--{name} {value}");
            }
        }

        Add("account", flags.Account);
        Add("region", flags.Region);
        Add("cluster", flags.Cluster);
        Add("service", flags.Service);
        Add("task", flags.Task);
        Add("container", flags.Container);
        return parts.Count == 0 ? "(any container)" : string.Join(' ', parts);
    }
}
