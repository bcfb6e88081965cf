namespace SyndicationBot.Channels.Bluesky;

// A logged-in session, kept in memory only; the JWTs are secrets and never logged.
internal sealed record BlueskySession(string Did, string AccessJwt, string RefreshJwt)
{
    // The JWTs must never reach a log line or an exception message through the record's generated ToString.
    public override string ToString() => $"BlueskySession {{ Did = {Did} }}";
}
