namespace SyndicationBot.Channels.X;

/// <summary>How the X channel authenticates its user-context calls.</summary>
internal enum XAuthMode
{
    /// <summary>OAuth 1.0a user context: consumer key/secret and access token/secret, HMAC-SHA1 signed.</summary>
    OAuth1,

    /// <summary>OAuth 2.0 user access token, refreshed with a rotating refresh token kept in <see cref="XOptions.TokenFile"/>.</summary>
    OAuth2,
}
