namespace SyndicationBot.Channels.Facebook;

/// <summary>
/// Settings of the Facebook Page channel (section <c>Channels:Facebook</c>). The Page token and the app secret
/// never come from committed JSON: set <c>Channels__Facebook__PageAccessToken</c> and
/// <c>Channels__Facebook__AppSecret</c>, the <c>…File</c> options, or the secret files
/// <c>/run/secrets/facebook_page_access_token</c> and <c>/run/secrets/facebook_app_secret</c>.
/// </summary>
internal sealed class FacebookOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Channels:Facebook";

    /// <summary>The conventional secret file name of the Page token.</summary>
    public const string PageAccessTokenSecretName = "facebook_page_access_token";

    /// <summary>The conventional secret file name of the app secret.</summary>
    public const string AppSecretSecretName = "facebook_app_secret";

    /// <summary>Whether posts are queued and published to the Page.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Graph API host.</summary>
    public Uri BaseUrl { get; set; } = new("https://graph.facebook.com");

    /// <summary>The Graph API version in the path, e.g. <c>v23.0</c>.</summary>
    public string ApiVersion { get; set; } = "v23.0";

    /// <summary>The numeric id of the Page.</summary>
    public string? PageId { get; set; }

    /// <summary>The Page access token (from the environment; never put it in appsettings.json).</summary>
    public string? PageAccessToken { get; set; }

    /// <summary>A file holding the Page access token.</summary>
    public string? PageAccessTokenFile { get; set; }

    /// <summary>The app secret that signs each call as <c>appsecret_proof</c>.</summary>
    public string? AppSecret { get; set; }

    /// <summary>A file holding the app secret.</summary>
    public string? AppSecretFile { get; set; }
}
