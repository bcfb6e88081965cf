using System.Text.Json.Serialization;

namespace SyndicationBot.Channels.Mastodon;

// Mastodon wire shapes: POST /api/v1/statuses parameters, Status, Error, and the Instance configuration we read.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MastodonStatusRequest))]
[JsonSerializable(typeof(MastodonStatus))]
[JsonSerializable(typeof(MastodonError))]
[JsonSerializable(typeof(MastodonInstance))]
[JsonSerializable(typeof(MastodonAccount))]
[JsonSerializable(typeof(IReadOnlyList<MastodonStatus>))]
[JsonSerializable(typeof(MastodonEditRequest))]
internal sealed partial class MastodonJsonContext : JsonSerializerContext;

internal sealed record MastodonStatusRequest(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("visibility")] string Visibility,
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("in_reply_to_id")] string? InReplyToId);

internal sealed record MastodonStatus(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("uri")] string? Uri,
    [property: JsonPropertyName("content")] string? Content = null,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt = null);

internal sealed record MastodonAccount([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("acct")] string? Acct);

internal sealed record MastodonEditRequest([property: JsonPropertyName("status")] string Status);

internal sealed record MastodonError(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);

internal sealed record MastodonInstance([property: JsonPropertyName("configuration")] MastodonConfiguration? Configuration);

internal sealed record MastodonConfiguration([property: JsonPropertyName("statuses")] MastodonStatusesConfiguration? Statuses);

internal sealed record MastodonStatusesConfiguration(
    [property: JsonPropertyName("max_characters")] int? MaxCharacters,
    [property: JsonPropertyName("characters_reserved_per_url")] int? CharactersReservedPerUrl);
