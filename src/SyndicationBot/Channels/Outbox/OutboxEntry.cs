using System.Text.Json.Serialization;

namespace SyndicationBot.Channels.Outbox;

/// <summary>One line of the outbox file.</summary>
internal sealed record OutboxEntry(
    [property: JsonPropertyName("postId")] long PostId,
    [property: JsonPropertyName("idempotencyKey")] string IdempotencyKey,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset PublishedAt);

[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OutboxEntry))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
