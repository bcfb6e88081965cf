using System.Globalization;

namespace SyndicationBot.Channels.X;

/// <summary>Resolves the X secrets through <see cref="ChannelSecret"/> so validation and the channel see the same values.</summary>
internal static class XCredentials
{
    public static string SecretFileName(string key) =>
        "x_" + string.Concat(key.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLower(c, CultureInfo.InvariantCulture) : char.ToLower(c, CultureInfo.InvariantCulture).ToString()));

    public static IEnumerable<(string Key, string? Value)> OAuth1Keys(XOptions o) =>
    [
        (nameof(XOptions.ConsumerKey), Resolve(o.ConsumerKey, o.ConsumerKeyFile, nameof(XOptions.ConsumerKey))),
        (nameof(XOptions.ConsumerSecret), Resolve(o.ConsumerSecret, o.ConsumerSecretFile, nameof(XOptions.ConsumerSecret))),
        (nameof(XOptions.AccessToken), Resolve(o.AccessToken, o.AccessTokenFile, nameof(XOptions.AccessToken))),
        (nameof(XOptions.AccessTokenSecret), Resolve(o.AccessTokenSecret, o.AccessTokenSecretFile, nameof(XOptions.AccessTokenSecret))),
    ];

    /// <summary>Only the client id is mandatory: the refresh token may already sit in the token file from an earlier run.</summary>
    public static IEnumerable<(string Key, string? Value)> OAuth2Keys(XOptions o) =>
    [
        (nameof(XOptions.ClientId), ClientId(o)),
        (nameof(XOptions.RefreshToken), RefreshToken(o) ?? (File.Exists(o.TokenFile) ? "token-file" : null)),
    ];

    public static OAuth1Credentials OAuth1(XOptions o)
    {
        var values = OAuth1Keys(o).Select(k => k.Value ?? throw new InvalidOperationException($"Channels:X:{k.Key} is missing.")).ToArray();
        return new(values[0], values[1], values[2], values[3]);
    }

    public static string? ClientId(XOptions o) => Resolve(o.ClientId, o.ClientIdFile, nameof(XOptions.ClientId));

    public static string? ClientSecret(XOptions o) => Resolve(o.ClientSecret, o.ClientSecretFile, nameof(XOptions.ClientSecret));

    public static string? RefreshToken(XOptions o) => Resolve(o.RefreshToken, o.RefreshTokenFile, nameof(XOptions.RefreshToken));

    private static string? Resolve(string? value, string? file, string key) => ChannelSecret.Resolve(value, file, SecretFileName(key));
}
