using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Channels.X;

/// <summary>
/// Settings of the X (Twitter) channel, section <c>Channels:X</c>. Secrets come from the environment
/// (<c>Channels__X__ConsumerKey</c>…), from the file named by the matching <c>…File</c> option, or from
/// <c>/run/secrets/x_…</c>; never from committed JSON.
/// </summary>
internal sealed class XOptions
{
    public const string SectionName = "Channels:X";

    /// <summary>Off by default; an enabled channel must have all credentials of its <see cref="Auth"/> mode.</summary>
    public bool Enabled { get; set; }

    /// <summary>API root; tests and proxies point it elsewhere.</summary>
    [Required(ErrorMessage = "Channels:X:BaseUrl is required.")]
    public Uri BaseUrl { get; set; } = new("https://api.x.com/");

    /// <summary>OAuth1 (default) or OAuth2.</summary>
    public XAuthMode Auth { get; set; } = XAuthMode.OAuth1;

    /// <summary>The account's handle, only used to build post URLs (<c>https://x.com/{Username}/status/{id}</c>).</summary>
    public string? Username { get; set; }

    /// <summary>OAuth 1.0a consumer (API) key; secret file <c>x_consumer_key</c>.</summary>
    public string? ConsumerKey { get; set; }

    public string? ConsumerKeyFile { get; set; }

    /// <summary>OAuth 1.0a consumer (API) secret; secret file <c>x_consumer_secret</c>.</summary>
    public string? ConsumerSecret { get; set; }

    public string? ConsumerSecretFile { get; set; }

    /// <summary>OAuth 1.0a access token (read and write); secret file <c>x_access_token</c>.</summary>
    public string? AccessToken { get; set; }

    public string? AccessTokenFile { get; set; }

    /// <summary>OAuth 1.0a access token secret; secret file <c>x_access_token_secret</c>.</summary>
    public string? AccessTokenSecret { get; set; }

    public string? AccessTokenSecretFile { get; set; }

    /// <summary>OAuth 2.0 client id (required for <see cref="XAuthMode.OAuth2"/>); secret file <c>x_client_id</c>.</summary>
    public string? ClientId { get; set; }

    public string? ClientIdFile { get; set; }

    /// <summary>OAuth 2.0 client secret of a confidential client (Basic auth on refresh); omit for a public client.</summary>
    public string? ClientSecret { get; set; }

    public string? ClientSecretFile { get; set; }

    /// <summary>The first OAuth 2.0 refresh token (scope must include <c>offline.access</c>); secret file <c>x_refresh_token</c>. Once rotated, <see cref="TokenFile"/> wins.</summary>
    public string? RefreshToken { get; set; }

    public string? RefreshTokenFile { get; set; }

    /// <summary>Where the rotated OAuth 2.0 refresh token is kept (mode 0600), under the data folder.</summary>
    [Required(ErrorMessage = "Channels:X:TokenFile is required.")]
    public string TokenFile { get; set; } = "data/x-oauth2-token.json";

    public override string ToString() => $"XOptions {{ Enabled = {Enabled}, BaseUrl = {BaseUrl}, Auth = {Auth}, Username = {Username}, TokenFile = {TokenFile} }}";
}
