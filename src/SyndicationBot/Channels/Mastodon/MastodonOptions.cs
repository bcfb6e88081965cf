using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Channels.Mastodon;

/// <summary>
/// Settings of the Mastodon channel, section <c>Channels:Mastodon</c>. The access token (scope
/// <c>write:statuses</c>) comes from <c>Channels__Mastodon__AccessToken</c>, the file named by
/// <c>Channels:Mastodon:AccessTokenFile</c>, or <c>/run/secrets/mastodon_access_token</c>.
/// </summary>
internal sealed class MastodonOptions
{
    public const string SectionName = "Channels:Mastodon";

    /// <summary>Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>The instance root, e.g. <c>https://mastodon.social/</c>; required when enabled.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The user access token (secret).</summary>
    public string? AccessToken { get; set; }

    public string? AccessTokenFile { get; set; }

    /// <summary><c>public</c> (default), <c>unlisted</c>, <c>private</c> or <c>direct</c>.</summary>
    [AllowedValues("public", "unlisted", "private", "direct", ErrorMessage = "Channels:Mastodon:Visibility must be public, unlisted, private or direct.")]
    public string Visibility { get; set; } = "public";

    public override string ToString() => $"MastodonOptions {{ Enabled = {Enabled}, BaseUrl = {BaseUrl}, Visibility = {Visibility} }}";
}
