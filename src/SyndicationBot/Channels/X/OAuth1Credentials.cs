namespace SyndicationBot.Channels.X;

/// <summary>The four OAuth 1.0a user-context secrets. Printing it never shows them.</summary>
internal sealed record OAuth1Credentials(string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret)
{
    public override string ToString() => "OAuth1Credentials { ConsumerKey = ***, ConsumerSecret = ***, AccessToken = ***, AccessTokenSecret = *** }";
}
