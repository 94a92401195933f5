using EcsOps.Sandbox.World;

namespace EcsOps.Sandbox.Logs;

/// <summary>
/// CloudWatch Logs state, in memory, per account and region. Each stream keeps its events sorted by
/// timestamp, capped at <see cref="MaxEventsPerStream"/> (oldest dropped) so a long-running sandbox stays bounded.
/// </summary>
public sealed class LogStore
{
    /// <summary>Events kept per stream.</summary>
    public const int MaxEventsPerStream = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string AccountId, string Region), SortedDictionary<string, LogGroupState>> _groups = [];

    public LogStore(WorldDefinition world, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(world);
        TimeProvider = timeProvider;
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

        // The groups the world's task definitions and clusters log to exist from the start, as they would in a real account.
        foreach (var account in world.Accounts)
        {
            foreach (var definition in account.TaskDefinitions)
            {
                foreach (var options in definition.Containers.Select(c => c.LogConfiguration).OfType<LogConfigurationDefinition>())
                {
                    if (options.LogDriver == "awslogs" && options.Options.TryGetValue("awslogs-group", out var group))
                    {
                        EnsureGroup(account.Id, options.Options.GetValueOrDefault("awslogs-region") ?? definition.Region ?? world.Regions[0], group, now);
                    }
                }
            }

            foreach (var cluster in account.Clusters)
            {
                if (cluster.ExecuteCommandConfiguration?.CloudWatchLogGroupName is { } group)
                {
                    EnsureGroup(account.Id, cluster.Region ?? world.Regions[0], group, now);
                }
            }
        }
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>Runs <paramref name="action"/> under the lock on one account's region (log groups by name).</summary>
    public T Use<T>(string accountId, string region, Func<SortedDictionary<string, LogGroupState>, T> action)
    {
        lock (_gate)
        {
            return action(GroupsOf(accountId, region));
        }
    }

    private void EnsureGroup(string accountId, string region, string name, long now)
    {
        var groups = GroupsOf(accountId, region);
        if (!groups.ContainsKey(name))
        {
            groups[name] = new LogGroupState(name, $"arn:aws:logs:{region}:{accountId}:log-group:{name}", now);
        }
    }

    private SortedDictionary<string, LogGroupState> GroupsOf(string accountId, string region)
    {
        if (!_groups.TryGetValue((accountId, region), out var groups))
        {
            groups = new SortedDictionary<string, LogGroupState>(StringComparer.Ordinal);
            _groups[(accountId, region)] = groups;
        }

        return groups;
    }
}

/// <summary>A log group and its streams by name.</summary>
public sealed class LogGroupState(string name, string arnPrefix, long creationTime)
{
    public string Name { get; } = name;

    /// <summary><c>arn:aws:logs:region:account:log-group:name</c>, without the <c>:*</c> suffix.</summary>
    public string ArnPrefix { get; } = arnPrefix;

    public long CreationTime { get; } = creationTime;
    public SortedDictionary<string, LogStreamState> Streams { get; } = new(StringComparer.Ordinal);
}

/// <summary>A log stream: events sorted by timestamp, then arrival.</summary>
public sealed class LogStreamState(string name, string arn, long creationTime)
{
    public string Name { get; } = name;
    public string Arn { get; } = arn;
    public long CreationTime { get; } = creationTime;
    public List<StoredLogEvent> Events { get; } = [];
    public long StoredBytes { get; set; }
    public long? LastIngestionTime { get; set; }
    public long NextSequence { get; set; }

    /// <summary>Inserts after every event with the same or an earlier timestamp; drops the oldest past the cap.</summary>
    public void Add(StoredLogEvent logEvent)
    {
        var index = Events.Count;
        while (index > 0 && Events[index - 1].Timestamp > logEvent.Timestamp)
        {
            index--;
        }

        Events.Insert(index, logEvent);
        StoredBytes += logEvent.Message.Length;
        if (Events.Count > LogStore.MaxEventsPerStream)
        {
            StoredBytes -= Events[0].Message.Length;
            Events.RemoveAt(0);
        }
    }
}

/// <summary>One stored event.</summary>
public sealed record StoredLogEvent(long Timestamp, string Message, long IngestionTime, long Sequence);
