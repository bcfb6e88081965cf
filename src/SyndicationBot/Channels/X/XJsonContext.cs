using System.Text.Json.Serialization;

namespace SyndicationBot.Channels.X;

// The X wire shapes (openapi CreatePostsRequest/Response, Problem, OAuth 2.0 token) and our token file.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(XCreatePostRequest))]
[JsonSerializable(typeof(XCreatePostResponse))]
[JsonSerializable(typeof(XProblem))]
[JsonSerializable(typeof(XTokenResponse))]
[JsonSerializable(typeof(XTokenFileContent))]
[JsonSerializable(typeof(XUserResponse))]
[JsonSerializable(typeof(XTimelineResponse))]
[JsonSerializable(typeof(XDeleteResponse))]
internal sealed partial class XJsonContext : JsonSerializerContext;

internal sealed record XCreatePostRequest([property: JsonPropertyName("text")] string Text, [property: JsonPropertyName("reply")] XReply? Reply);

internal sealed record XReply([property: JsonPropertyName("in_reply_to_tweet_id")] string InReplyToTweetId);

internal sealed record XCreatePostResponse([property: JsonPropertyName("data")] XCreatedPost? Data);

internal sealed record XCreatedPost([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("text")] string? Text);

internal sealed record XProblem(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("errors")] IReadOnlyList<XLegacyError>? Errors,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);

internal sealed record XLegacyError([property: JsonPropertyName("code")] int Code, [property: JsonPropertyName("message")] string? Message);

internal sealed record XTokenResponse(
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken);

internal sealed record XTokenFileContent(
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("saved_at")] DateTimeOffset SavedAt);

internal sealed record XUserResponse([property: JsonPropertyName("data")] XUser? Data);

internal sealed record XUser([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("username")] string? Username);

internal sealed record XTimelineResponse(
    [property: JsonPropertyName("data")] IReadOnlyList<XTimelinePost>? Data,
    [property: JsonPropertyName("meta")] XTimelineMeta? Meta,
    [property: JsonPropertyName("errors")] IReadOnlyList<XProblem>? Errors = null);

internal sealed record XTimelinePost(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("entities")] XEntities? Entities);

internal sealed record XEntities([property: JsonPropertyName("urls")] IReadOnlyList<XUrlEntity>? Urls);

internal sealed record XUrlEntity(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("expanded_url")] string? ExpandedUrl,
    [property: JsonPropertyName("display_url")] string? DisplayUrl);

internal sealed record XTimelineMeta(
    [property: JsonPropertyName("result_count")] int ResultCount,
    [property: JsonPropertyName("next_token")] string? NextToken);

internal sealed record XDeleteResponse([property: JsonPropertyName("data")] XDeleted? Data);

internal sealed record XDeleted([property: JsonPropertyName("deleted")] bool Deleted);
