namespace SyndicationBot.Channels.Telegram;

/// <summary>
/// Settings of the Telegram channel (section <c>Channels:Telegram</c>). The bot token never comes from committed
/// JSON: set <c>Channels__Telegram__BotToken</c>, <c>Channels:Telegram:BotTokenFile</c>, or the secret file
/// <c>/run/secrets/telegram_bot_token</c>.
/// </summary>
internal sealed class TelegramOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Channels:Telegram";

    /// <summary>The conventional secret file name under <see cref="ChannelSecret.SecretsDirectory"/>.</summary>
    public const string BotTokenSecretName = "telegram_bot_token";

    /// <summary>Whether posts are queued and published to Telegram.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Bot API server; a local Bot API server or a test double works too.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.telegram.org");

    /// <summary>The bot token from @BotFather (from the environment; never put it in appsettings.json).</summary>
    public string? BotToken { get; set; }

    /// <summary>A file holding the bot token, for Docker/Kubernetes secrets.</summary>
    public string? BotTokenFile { get; set; }

    /// <summary>The channel: <c>@channelusername</c> or its numeric id (<c>-100…</c>, beyond 32 bits).</summary>
    public string? ChatId { get; set; }

    /// <summary>Turns the link preview off; by default the preview shows the post's article link.</summary>
    public bool DisableLinkPreview { get; set; }
}
