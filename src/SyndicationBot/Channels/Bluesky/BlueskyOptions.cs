namespace SyndicationBot.Channels.Bluesky;

/// <summary>
/// Settings of the Bluesky channel (section <c>Channels:Bluesky</c>). The app password never comes from
/// committed JSON: set <c>Channels__Bluesky__AppPassword</c>, <c>Channels:Bluesky:AppPasswordFile</c>, or the
/// secret file <c>/run/secrets/bluesky_app_password</c>.
/// </summary>
internal sealed class BlueskyOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Channels:Bluesky";

    /// <summary>The conventional secret file name under <see cref="ChannelSecret.SecretsDirectory"/>.</summary>
    public const string AppPasswordSecretName = "bluesky_app_password";

    /// <summary>Whether posts are queued and published to Bluesky.</summary>
    public bool Enabled { get; set; }

    /// <summary>The account's PDS (or the bsky.social entryway); the XRPC calls go to <c>{BaseUrl}/xrpc/…</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://bsky.social");

    /// <summary>The handle, DID or e-mail used to log in.</summary>
    public string? Identifier { get; set; }

    /// <summary>The app password (from the environment; never put it in appsettings.json).</summary>
    public string? AppPassword { get; set; }

    /// <summary>A file holding the app password, for Docker/Kubernetes secrets.</summary>
    public string? AppPasswordFile { get; set; }

    /// <summary>The largest link-card thumbnail uploaded; Bluesky refuses blobs over 1,000,000 bytes.</summary>
    public int MaxThumbBytes { get; set; } = 1_000_000;
}
