using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Facebook;

// Publishes to a Facebook Page: POST /{version}/{page-id}/feed with message and link, the Page token in
// the form body (never in a URL that a log could print) and appsecret_proof as a query parameter.
internal sealed partial class FacebookChannel(
    ChannelAccount account,
    IHttpClientFactory httpClientFactory,
    IOptions<FacebookOptions> options,
    TimeProvider timeProvider,
    ILogger<FacebookChannel> logger) : IChannel
{
    public const string HttpClientName = "facebook";

    public string Name => account.Id;

    public bool Enabled => options.Value.Enabled;

    public DeliveryGuarantee Guarantee => FacebookNetwork.Descriptor.Guarantee;

    public async Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.Draft.ThreadReplies.Count > 0)
        {
            // No idempotency key here: a thread broken halfway could only be resumed by sending its head twice.
            Log.ThreadNotSupported(logger, post.PostId, Name, post.Draft.ThreadReplies.Count);
        }

        PublishResult result;
        try
        {
            result = await SendAsync(post, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            result = new PublishResult.RetryLater($"Cannot reach the Graph API: {ex.HttpRequestError}", null);
        }
        catch (HttpRequestException ex)
        {
            // Sent but unanswered: the Page may hold the post, and the Graph API has no idempotency key.
            result = new PublishResult.Unknown($"No answer from the Graph API: {ex.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new PublishResult.Unknown("The Graph API did not answer in time");
        }

        ChannelOutcomeLog.Report(logger, post.PostId, Name, result);

        return result;
    }

    // The feed cannot be searched by our key.
    public Task<PublishResult.Published?> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        Task.FromResult<PublishResult.Published?>(null);

    private async Task<PublishResult> SendAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var token = ChannelSecret.Resolve(settings.PageAccessToken, settings.PageAccessTokenFile, FacebookOptions.PageAccessTokenSecretName);
        var appSecret = ChannelSecret.Resolve(settings.AppSecret, settings.AppSecretFile, FacebookOptions.AppSecretSecretName);
        if (token is null || appSecret is null)
        {
            return new PublishResult.AuthFailed("The Page access token or the app secret is not configured");
        }

        var proof = FacebookAppSecretProof.Compute(appSecret, token);
        var url = new Uri($"{settings.BaseUrl.AbsoluteUri.TrimEnd('/')}/{settings.ApiVersion}/{settings.PageId}/feed?appsecret_proof={proof}");
        List<KeyValuePair<string, string>> form = [new("message", post.Draft.Text), new("access_token", token)];
        if (post.Draft.Link is { } link)
        {
            form.Add(new("link", link.AbsoluteUri));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.IsSuccessStatusCode && TryRead(body, FacebookJsonContext.Default.GraphPostResponse) is { Id: { Length: > 0 } id })
        {
            return new PublishResult.Published(id, new Uri($"https://www.facebook.com/{id}"));
        }

        var usage = response.Headers.TryGetValues("X-Business-Use-Case-Usage", out var values) ? values.FirstOrDefault() : null;
        var error = TryRead(body, FacebookJsonContext.Default.GraphErrorResponse)?.Error;
        return FacebookResponseClassifier.Classify((int)response.StatusCode, error, usage, timeProvider.GetUtcNow());
    }

    private static T? TryRead<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            // A proxy's HTML page: the status alone classifies it.
            return null;
        }
    }

    private static partial class Log
    {


        [LoggerMessage(4, LogLevel.Warning, "Post {PostId}: {Channel} sends one message per post; {ReplyCount} thread replies were not sent (disable threads for this channel)")]
        public static partial void ThreadNotSupported(ILogger logger, long postId, string channel, int replyCount);
    }
}

internal sealed record GraphPostResponse(string? Id);

internal sealed record GraphErrorResponse(GraphError? Error);

internal sealed record GraphError(string? Message, string? Type, int Code, int? ErrorSubcode, bool? IsTransient, string? FbtraceId);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GraphPostResponse))]
[JsonSerializable(typeof(GraphErrorResponse))]
internal sealed partial class FacebookJsonContext : JsonSerializerContext;
