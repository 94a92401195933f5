using EcsOps.Aws.Audit;

namespace EcsOps.Aws.Tests.Audit;

public sealed class AuditRunIdTests
{
    [Fact]
    public void New_TwoIdsMillisecondsApart_SortByTimeAsTextAndValue()
    {
        var time = new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        var earlier = AuditRunId.Create(time, Enumerable.Repeat((byte)0xFF, 10).ToArray());
        var later = AuditRunId.Create(time.AddMilliseconds(1), new byte[10]);

        Assert.True(string.CompareOrdinal(earlier.Value, later.Value) < 0);
        Assert.True(earlier < later);
        Assert.Equal(time, earlier.Timestamp);
        Assert.Equal(AuditRunId.Length, earlier.Value.Length);
    }

    [Fact]
    public void Create_AllRandomBitsSet_EveryRandomCharacterIsTheLast()
    {
        var id = AuditRunId.Create(DateTimeOffset.UnixEpoch, Enumerable.Repeat((byte)0xFF, 10).ToArray());

        Assert.Equal("0000000000" + new string('Z', 16), id.Value);
    }

    [Fact]
    public void New_ManyIds_AreDistinctAndParseBack()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => AuditRunId.New(TimeProvider.System)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(id, AuditRunId.Parse(id.Value.ToLowerInvariant())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("01JABCDEFGHJKMNPQRSTVWXYZ")]
    [InlineData("01JABCDEFGHJKMNPQRSTVWXYZUU")]
    [InlineData("01JABCDEFGHJKMNPQRSTVWXYZU")]
    [InlineData("81JABCDEFGHJKMNPQRSTVWXYZ0")]
    public void TryParse_NotARunId_False(string text) => Assert.False(AuditRunId.TryParse(text, out _));

    [Fact]
    public void StartedBy_FitsEcsLimitAndParsesBack()
    {
        var id = AuditRunId.New(TimeProvider.System);

        var startedBy = AuditRunMarkers.StartedBy(id);

        Assert.True(startedBy.Length <= AuditRunMarkers.MaxStartedByLength, startedBy);
        Assert.Equal(id, AuditRunMarkers.ParseMarker(startedBy));
        Assert.Null(AuditRunMarkers.ParseMarker("ecs-svc/1234"));
    }

    [Fact]
    public void SsmReason_LongMultilineReason_OneLineWithinSsmLimitStartingWithTheRunId()
    {
        var id = AuditRunId.New(TimeProvider.System);

        var reason = AuditRunMarkers.SsmReason(id, "INC-42:\nrestart\tworker " + new string('x', 400));

        Assert.StartsWith($"ecsops:{id} INC-42: restart worker x", reason);
        Assert.Equal(AuditRunMarkers.MaxReasonLength, reason.Length);
        Assert.DoesNotContain('\n', reason);
    }

    [Fact]
    public void Tags_RunWithRequesterAndReason_CarryRunIdAndAllowedCharactersOnly()
    {
        var start = AuditEvents.Start(1) with
        {
            Who = new AuditActor("arn:aws:sts::111111111111:assumed-role/Ops/alice@example.com", "111111111111", Requester: "slack:U123 (Bob!)"),
            Reason = "deploy #42; \"urgent\"",
        };

        var tags = AuditRunMarkers.Tags(start).ToDictionary(t => t.Key!, t => t.Value!);

        Assert.Equal(start.RunId, tags[AuditRunMarkers.RunIdTag]);
        Assert.Equal("exec", tags[AuditRunMarkers.ActionTag]);
        Assert.Equal("arn:aws:sts::111111111111:assumed-role/Ops/alice@example.com", tags[AuditRunMarkers.OperatorTag]);
        Assert.Equal("slack:U123 _Bob__", tags[AuditRunMarkers.RequesterTag]);
        Assert.Equal("deploy _42_ _urgent_", tags[AuditRunMarkers.ReasonTag]);
    }
}
