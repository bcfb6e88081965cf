using System.Text.Json.Serialization;

namespace SyndicationBot.Channels.Webhook;

// The three body shapes and the receiver's optional answer.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(DiscordPayload))]
[JsonSerializable(typeof(SlackPayload))]
[JsonSerializable(typeof(WebhookAnswer))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;

internal sealed record WebhookPayload(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("postId")] long PostId);

internal sealed record DiscordPayload(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("embeds")] IReadOnlyList<DiscordEmbed>? Embeds,
    [property: JsonPropertyName("allowed_mentions")] DiscordAllowedMentions AllowedMentions);

// An empty parse list and no ids: Discord pings no one, whatever the content says.
internal sealed record DiscordAllowedMentions([property: JsonPropertyName("parse")] IReadOnlyList<string> Parse)
{
    public static DiscordAllowedMentions None { get; } = new([]);
}

internal sealed record DiscordEmbed(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string? Url);

internal sealed record SlackPayload([property: JsonPropertyName("text")] string Text);

internal sealed record WebhookAnswer(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("retry_after")] double? RetryAfter);
