using EcsOps.Runbooks.Postgres;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EcsOps.Runbooks.Tests.Postgres;

public sealed class BackupNameTests
{
    private static readonly DateTimeOffset s_time = new(2025, 3, 9, 14, 5, 7, 480, TimeSpan.FromHours(2));

    [Fact]
    public void FileName_ServiceUtcSecondAndSlug()
    {
        var name = BackupName.Create("orders-api", s_time, "Before release 1.2 — Zoë's fix!");

        Assert.Equal("orders-api_20250309T120507Z_before-release-1-2-zo-s-fix.dump", name.FileName);
    }

    [Fact]
    public void FileName_NoComment_NoSlugPart()
    {
        Assert.Equal("web_20250309T120507Z.dump", BackupName.Create("web", s_time, "  ").FileName);
    }

    [Fact]
    public void Slugify_LongComment_CutAtTheLimitWithoutTrailingHyphen()
    {
        var slug = BackupName.Slugify(string.Join(' ', Enumerable.Repeat("word", 30)))!;

        Assert.True(slug.Length <= BackupName.MaxSlugLength);
        Assert.False(slug.EndsWith('-'));
    }

    [Fact]
    public void TryParse_NotOurs_Null()
    {
        Assert.Null(BackupName.TryParse("nightly.dump"));
        Assert.Null(BackupName.TryParse("web_2025-03-09.dump"));
    }

    [Property]
    public Property FileName_ParsesBackToTheSameName(NonEmptyString service, PositiveInt seconds, string? comment)
    {
        var safeService = new string([.. service.Get.Where(char.IsAsciiLetterOrDigit)]);
        var name = BackupName.Create(safeService.Length == 0 ? "svc_x" : safeService + "_svc", DateTimeOffset.UnixEpoch.AddSeconds(seconds.Get), comment);

        return (BackupName.TryParse(name.FileName) == name).ToProperty();
    }
}
