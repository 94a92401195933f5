using System.Text;
using EcsOps.Server.Security;
using EcsOps.Server.Tests.Support;

namespace EcsOps.Server.Tests.Security;

public sealed class HmacRequestSignatureTests
{
    // Slack's published example ("Verifying requests from Slack").
    private const string SlackDocSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string SlackDocTimestamp = "1531420618";
    private const string SlackDocSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly byte[] s_slackDocBody = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
        + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
        + "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

    private static readonly DateTimeOffset s_slackDocTime = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void Slack_PublishedExample_Valid()
    {
        Assert.Equal(SignatureCheck.Valid, HmacRequestSignature.Slack.Verify(SlackDocSecret, SlackDocTimestamp, SlackDocSignature, s_slackDocBody, s_slackDocTime));
    }

    [Fact]
    public void Slack_PublishedExampleWithOneByteChanged_Forged()
    {
        var body = (byte[])s_slackDocBody.Clone();
        body[^1] ^= 1;

        Assert.Equal(SignatureCheck.Forged, HmacRequestSignature.Slack.Verify(SlackDocSecret, SlackDocTimestamp, SlackDocSignature, body, s_slackDocTime));
    }

    [Fact]
    public void Slack_OtherSecret_Forged()
    {
        Assert.Equal(SignatureCheck.Forged, HmacRequestSignature.Slack.Verify("another-secret-of-32-characters!", SlackDocTimestamp, SlackDocSignature, s_slackDocBody, s_slackDocTime));
    }

    [Theory]
    [InlineData(300, SignatureCheck.Valid)]
    [InlineData(-300, SignatureCheck.Valid)]
    [InlineData(301, SignatureCheck.Stale)]
    [InlineData(-301, SignatureCheck.Stale)]
    public void Slack_FiveMinuteWindowBothWays(int secondsFromSigning, SignatureCheck expected)
    {
        var now = s_slackDocTime.AddSeconds(secondsFromSigning);

        Assert.Equal(expected, HmacRequestSignature.Slack.Verify(SlackDocSecret, SlackDocTimestamp, SlackDocSignature, s_slackDocBody, now));
    }

    [Theory]
    [InlineData(null, SlackDocSignature, SignatureCheck.Missing)]
    [InlineData(SlackDocTimestamp, null, SignatureCheck.Missing)]
    [InlineData("1531420618.5", SlackDocSignature, SignatureCheck.Malformed)]
    [InlineData("-1531420618", SlackDocSignature, SignatureCheck.Malformed)]
    [InlineData(SlackDocTimestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.Malformed)]
    [InlineData(SlackDocTimestamp, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5", SignatureCheck.Malformed)]
    [InlineData(SlackDocTimestamp, "v0=z2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.Malformed)]
    public void Slack_MissingOrMalformedHeaders_Refused(string? timestamp, string? signature, SignatureCheck expected)
    {
        Assert.Equal(expected, HmacRequestSignature.Slack.Verify(SlackDocSecret, timestamp, signature, s_slackDocBody, s_slackDocTime));
    }

    [Fact]
    public void Ticket_SignedByAnIndependentSigner_Valid_AndNotValidAsSlack()
    {
        var body = Encoding.UTF8.GetBytes("""{"runbook":"backup"}""");
        var timestamp = ServerTestBed.Now();
        var signature = RequestSigner.Ticket(ServerTestBed.TicketSecret, timestamp, body);
        var text = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(SignatureCheck.Valid, HmacRequestSignature.Ticket.Verify(ServerTestBed.TicketSecret, text, signature, body, DateTimeOffset.UtcNow));
        Assert.Equal(signature, HmacRequestSignature.Ticket.Sign(ServerTestBed.TicketSecret, text, body));
        Assert.Equal(SignatureCheck.Malformed, HmacRequestSignature.Slack.Verify(ServerTestBed.TicketSecret, text, signature, body, DateTimeOffset.UtcNow));
    }
}
