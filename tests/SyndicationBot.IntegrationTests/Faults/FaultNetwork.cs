namespace SyndicationBot.IntegrationTests.Faults;

/// <summary>The networks of the fault run; the name is the channel's name in lower case.</summary>
public enum FaultNetwork
{
    X,
    Mastodon,
    Bluesky,
    Telegram,
    Facebook,
}
