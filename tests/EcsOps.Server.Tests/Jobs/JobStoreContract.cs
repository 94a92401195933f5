using EcsOps.Server.Jobs;
using EcsOps.Server.Jobs.Sql;

namespace EcsOps.Server.Tests.Jobs;

/// <summary>
/// What every job store must guarantee, run against SQLite and PostgreSQL: a queued run is claimed by exactly one
/// worker however many race for it; an expired lease turns a run interrupted (or queued again when idempotent); a
/// ticket maps to one run; an approval decides once; a signature is accepted once.
/// </summary>
public abstract class JobStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.UtcNow;

    protected SqlJobStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    protected abstract Task<SqlJobStore> CreateStoreAsync();

    [Fact]
    public async Task Initialize_Twice_KeepsTheRuns()
    {
        var job = await CreateAsync();

        await Store.InitializeAsync(CancellationToken.None);

        Assert.NotNull(await Store.GetAsync(job.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Claim_ManyWorkersRacing_EachRunClaimedExactlyOnce()
    {
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add((await CreateAsync()).Id);
        }

        var claimed = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (await Store.ClaimNextAsync($"worker-{worker}", s_now.AddMinutes(1), s_now, CancellationToken.None) is { } job)
            {
                mine.Add(job.Id);
            }

            return mine;
        })));

        var all = claimed.SelectMany(c => c).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Claim_OldestQueuedFirst_WaitingForApprovalNeverClaimed()
    {
        var waiting = await CreateAsync(JobState.PendingApproval);
        var first = await CreateAsync(now: s_now);
        var second = await CreateAsync(now: s_now.AddSeconds(1));

        var a = await Store.ClaimNextAsync("w", s_now.AddMinutes(1), s_now, CancellationToken.None);
        var b = await Store.ClaimNextAsync("w", s_now.AddMinutes(1), s_now, CancellationToken.None);
        var c = await Store.ClaimNextAsync("w", s_now.AddMinutes(1), s_now, CancellationToken.None);

        Assert.Equal([first.Id, second.Id], new[] { a!.Id, b!.Id });
        Assert.Null(c);
        Assert.Equal(JobState.PendingApproval, (await Store.GetAsync(waiting.Id, CancellationToken.None))!.State);
        Assert.Equal(JobState.Running, a.State);
        Assert.Equal(1, a.Attempts);
    }

    [Fact]
    public async Task ExpiredLease_NotIdempotent_Interrupted_NeverClaimedAgain()
    {
        var job = await CreateAsync();
        await Store.ClaimNextAsync("dead-replica", s_now.AddSeconds(5), s_now, CancellationToken.None);

        var early = await Store.RecoverExpiredAsync(s_now.AddSeconds(4), CancellationToken.None);
        var recovered = await Store.RecoverExpiredAsync(s_now.AddSeconds(6), CancellationToken.None);

        Assert.Empty(early);
        var interrupted = Assert.Single(recovered);
        Assert.Equal(JobState.Interrupted, interrupted.State);
        Assert.Contains("not run again", interrupted.Error);
        Assert.Null(await Store.ClaimNextAsync("w", s_now.AddMinutes(1), s_now.AddSeconds(7), CancellationToken.None));
        Assert.Null(await Store.ReleaseAsync(job.Id, "dead-replica", JobState.Succeeded, 0, null, false, s_now.AddSeconds(8), CancellationToken.None));
    }

    [Fact]
    public async Task ExpiredLease_Idempotent_QueuedAgain_ClaimedAsASecondAttempt()
    {
        var job = await CreateAsync(idempotent: true);
        await Store.ClaimNextAsync("dead-replica", s_now.AddSeconds(5), s_now, CancellationToken.None);

        var recovered = Assert.Single(await Store.RecoverExpiredAsync(s_now.AddSeconds(6), CancellationToken.None));
        var again = await Store.ClaimNextAsync("w", s_now.AddMinutes(1), s_now.AddSeconds(7), CancellationToken.None);

        Assert.Equal(JobState.Queued, recovered.State);
        Assert.Equal(job.Id, again!.Id);
        Assert.Equal(2, again.Attempts);
    }

    [Fact]
    public async Task Unclaim_BackInTheQueueAsBefore()
    {
        var job = await CreateAsync();
        await Store.ClaimNextAsync("w", s_now.AddMinutes(1), s_now, CancellationToken.None);

        Assert.False(await Store.UnclaimAsync(job.Id, "other", CancellationToken.None));
        Assert.True(await Store.UnclaimAsync(job.Id, "w", CancellationToken.None));

        var back = await Store.GetAsync(job.Id, CancellationToken.None);
        Assert.Equal(JobState.Queued, back!.State);
        Assert.Equal(0, back.Attempts);
        Assert.Null(back.StartedAt);
        Assert.Null(back.LeaseOwner);
    }

    [Fact]
    public async Task RenewedLease_NotRecovered()
    {
        var job = await CreateAsync();
        await Store.ClaimNextAsync("w", s_now.AddSeconds(5), s_now, CancellationToken.None);

        Assert.True(await Store.RenewLeaseAsync(job.Id, "w", s_now.AddSeconds(20), CancellationToken.None));
        Assert.False(await Store.RenewLeaseAsync(job.Id, "someone-else", s_now.AddSeconds(20), CancellationToken.None));

        Assert.Empty(await Store.RecoverExpiredAsync(s_now.AddSeconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task Release_OnlyByTheOwner()
    {
        var job = await CreateAsync();
        await Store.ClaimNextAsync("w", s_now.AddMinutes(1), s_now, CancellationToken.None);

        var byOther = await Store.ReleaseAsync(job.Id, "other", JobState.Succeeded, 0, null, false, s_now, CancellationToken.None);
        var byOwner = await Store.ReleaseAsync(job.Id, "w", JobState.Failed, 3, null, true, s_now.AddSeconds(2), CancellationToken.None);

        Assert.Null(byOther);
        Assert.Equal(JobState.Failed, byOwner!.State);
        Assert.Equal(3, byOwner.ExitCode);
        Assert.True(byOwner.OutputTruncated);
        Assert.Equal(s_now.AddSeconds(2).ToUnixTimeMilliseconds(), byOwner.FinishedAt!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Ticket_SecondCreate_ReturnsTheFirstRun()
    {
        var first = await Store.CreateAsync(JobSpec(ticket: "CHG-1"), s_now, CancellationToken.None);
        var second = await Store.CreateAsync(JobSpec(ticket: "CHG-1"), s_now, CancellationToken.None);
        var otherSource = await Store.CreateAsync(JobSpec(ticket: "CHG-1") with { TicketSource = "elsewhere" }, s_now, CancellationToken.None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Job.Id, second.Job.Id);
        Assert.True(otherSource.Created);
    }

    [Fact]
    public async Task Decide_OnlyOnce()
    {
        var job = await CreateAsync(JobState.PendingApproval);

        var decisions = await Task.WhenAll(
            Store.DecideAsync(job.Id, "slack:U1", approved: true, s_now, CancellationToken.None),
            Store.DecideAsync(job.Id, "slack:U2", approved: false, s_now, CancellationToken.None));

        var decided = Assert.Single(decisions, d => d is not null)!;
        Assert.Equal(decided.State, (await Store.GetAsync(job.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task PendingApproval_TooOld_Expires()
    {
        var old = await CreateAsync(JobState.PendingApproval, now: s_now.AddHours(-25));
        var fresh = await CreateAsync(JobState.PendingApproval, now: s_now);

        var expired = await Store.ExpireApprovalsAsync(s_now.AddHours(-24), s_now, CancellationToken.None);

        Assert.Equal(old.Id, Assert.Single(expired).Id);
        Assert.Equal(JobState.Expired, expired[0].State);
        Assert.Equal(JobState.PendingApproval, (await Store.GetAsync(fresh.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Signature_AcceptedOnce_UntilItExpires()
    {
        Assert.True(await Store.RememberSignatureAsync("slack v0=abc", s_now.AddMinutes(5), s_now, CancellationToken.None));
        Assert.False(await Store.RememberSignatureAsync("slack v0=abc", s_now.AddMinutes(5), s_now.AddMinutes(1), CancellationToken.None));
        Assert.True(await Store.RememberSignatureAsync("slack v0=abc", s_now.AddMinutes(11), s_now.AddMinutes(6), CancellationToken.None));
    }

    [Fact]
    public async Task Output_InOrder_TailIsTheLastLines()
    {
        var job = await CreateAsync();
        var lines = Enumerable.Range(0, 250).Select(i => new OutputLine(i, EcsOps.Server.Engine.OutputStream.Stdout, $"line {i} 'quoted' \"double\" ünïcode")).ToList();

        await Store.AppendOutputAsync(job.Id, lines, CancellationToken.None);

        Assert.Equal(lines, await Store.GetOutputAsync(job.Id, null, CancellationToken.None));
        Assert.Equal(lines.TakeLast(3), await Store.GetOutputAsync(job.Id, 3, CancellationToken.None));
    }

    private async Task<Job> CreateAsync(JobState state = JobState.Queued, bool idempotent = false, DateTimeOffset? now = null) =>
        (await Store.CreateAsync(JobSpec() with { State = state, Idempotent = idempotent }, now ?? s_now, CancellationToken.None)).Job;

    private static JobSpec JobSpec(string? ticket = null) => new()
    {
        Id = JobIds.New(TimeProvider.System),
        Runbook = "echo",
        Target = "dev-web",
        Parameters = new Dictionary<string, string> { ["message"] = "it's \"quoted\"" },
        Channel = ticket is null ? "slack" : "ticket:servicedesk",
        Requester = "slack:U1",
        RequesterName = "someone",
        TicketSource = ticket is null ? null : "servicedesk",
        TicketId = ticket,
        State = JobState.Queued,
    };
}
