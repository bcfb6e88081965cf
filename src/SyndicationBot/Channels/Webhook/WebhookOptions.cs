namespace SyndicationBot.Channels.Webhook;

/// <summary>
/// Settings of the webhook channel, section <c>Channels:Webhook</c>. The URL and the HMAC secret are secrets
/// (Discord and Slack URLs carry their token): <c>Channels__Webhook__Url</c> / <c>Channels:Webhook:UrlFile</c> /
/// <c>/run/secrets/webhook_url</c> and <c>Channels__Webhook__Secret</c> / <c>Channels:Webhook:SecretFile</c> /
/// <c>/run/secrets/webhook_secret</c>.
/// </summary>
internal sealed class WebhookOptions
{
    public const string SectionName = "Channels:Webhook";

    /// <summary>Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>The receiver's URL (secret).</summary>
    public string? Url { get; set; }

    public string? UrlFile { get; set; }

    /// <summary>The HMAC-SHA256 key for <c>X-SyndicationBot-Signature</c>; required for the <c>json</c> format.</summary>
    public string? Secret { get; set; }

    public string? SecretFile { get; set; }

    /// <summary><c>json</c> (default), <c>discord</c> or <c>slack</c>.</summary>
    public WebhookFormat Format { get; set; } = WebhookFormat.Json;

    public override string ToString() => $"WebhookOptions {{ Enabled = {Enabled}, Format = {Format} }}";
}
