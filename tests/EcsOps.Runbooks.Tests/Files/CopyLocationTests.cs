using EcsOps.Runbooks.Files;

namespace EcsOps.Runbooks.Tests.Files;

public class CopyLocationTests
{
    [Theory]
    [InlineData("dev-web/web:/data/x", "dev-web/web", "/data/x")]
    [InlineData("prod/eu-west-1/shop/web/app:/mnt/efs/a:b:c", "prod/eu-west-1/shop/web/app", "/mnt/efs/a:b:c")]
    [InlineData("@db:relative/path", "@db", "relative/path")]
    [InlineData(":/only/flags", null, "/only/flags")]
    public void Parse_SelectorColonPath_RemoteSplitAtTheFirstColon(string text, string? selector, string path)
    {
        var location = CopyLocation.Parse(text);

        Assert.Equal(CopyLocationKind.Remote, location.Kind);
        Assert.Equal(selector, location.Selector);
        Assert.Equal(path, location.Path);
    }

    [Theory]
    [InlineData("./a:b")]
    [InlineData("../x:y")]
    [InlineData("/abs/with:colon")]
    [InlineData("~/notes:1")]
    [InlineData("plain.txt")]
    [InlineData(".")]
    public void Parse_LocalForms_Local(string text)
    {
        var location = CopyLocation.Parse(text);

        Assert.Equal(CopyLocationKind.Local, location.Kind);
        Assert.Equal(text, location.Path);
    }

    [Fact]
    public void Parse_Dash_StandardStream() => Assert.Equal(CopyLocationKind.StandardStream, CopyLocation.Parse("-").Kind);

    [Fact]
    public void Parse_SelectorWithoutPath_ErrorSuggestsTheLocalSpelling()
    {
        var error = Assert.Throws<CopyException>(() => CopyLocation.Parse("web:"));

        Assert.Contains("./web:", error.Message);
    }

    [Theory]
    [InlineData("data/x", "./data/x")]
    [InlineData("-rf", "./-rf")]
    [InlineData("/abs", "/abs")]
    [InlineData("../up", "../up")]
    public void RemoteArgument_RelativePath_NeverLooksLikeAnOption(string path, string argument) =>
        Assert.Equal(argument, CopyLocation.Parse("web:" + path).RemoteArgument);
}
