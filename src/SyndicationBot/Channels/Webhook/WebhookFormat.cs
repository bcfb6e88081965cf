namespace SyndicationBot.Channels.Webhook;

/// <summary>The body shape the webhook receives.</summary>
internal enum WebhookFormat
{
    /// <summary><c>{title, summary, url, language, channel, postId}</c>.</summary>
    Json,

    /// <summary>A Discord execute-webhook body (<c>content</c> plus an embed); sent with <c>?wait=true</c> to get the message id.</summary>
    Discord,

    /// <summary>A Slack incoming-webhook body (<c>text</c>).</summary>
    Slack,
}
