using System.Globalization;
using System.Net.Http.Headers;
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
    private const int LookupPageSize = 100;
    private const int MaxLookupPages = 10;
    private static readonly TimeSpan LookupClockMargin = TimeSpan.FromMinutes(5);

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

    // The Graph API has no key to search by: the Page's own posts since the post fell due are read (GET
    // /{page-id}/posts, 100 a page, at most ten pages) and matched by their message, which the Graph API returns as
    // it was sent.
    public async Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var settings = options.Value;
        var token = ChannelSecret.Resolve(settings.PageAccessToken, settings.PageAccessTokenFile, FacebookOptions.PageAccessTokenSecretName);
        var appSecret = ChannelSecret.Resolve(settings.AppSecret, settings.AppSecretFile, FacebookOptions.AppSecretSecretName);
        if (token is null || appSecret is null)
        {
            return new LookupResult.Unavailable("The Page access token or the app secret is not configured");
        }

        var query = $"fields=id,message,created_time,permalink_url&limit={LookupPageSize}&appsecret_proof={FacebookAppSecretProof.Compute(appSecret, token)}";
        if (post.DueAt is { } due)
        {
            query += "&since=" + (due - LookupClockMargin).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        var wanted = Normalize(post.Draft.Text);
        string? after = null;
        try
        {
            for (var page = 0; page < MaxLookupPages; page++)
            {
                var url = new Uri($"{settings.BaseUrl.AbsoluteUri.TrimEnd('/')}/{settings.ApiVersion}/{settings.PageId}/posts?{query}" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after)));
                using var request = new HttpRequestMessage(HttpMethod.Get, url);

                // The token travels in the header, never in a URL that a log could print.
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return LookupResult.From(Classify(response, body));
                }

                if (TryRead(body, FacebookJsonContext.Default.GraphPostsResponse) is not { } feed)
                {
                    return new LookupResult.Unavailable("The Graph API answered the Page's posts with an unreadable body");
                }

                if (feed.Data?.FirstOrDefault(p => p.Message is { } message && Normalize(message) == wanted) is { Id: { Length: > 0 } id } found)
                {
                    var permalink = Uri.TryCreate(found.PermalinkUrl, UriKind.Absolute, out var link) ? link : new Uri($"https://www.facebook.com/{id}");
                    return new LookupResult.Found(new PublishResult.Published(id, permalink));
                }

                after = feed.Paging?.Next is null ? null : feed.Paging.Cursors?.After;
                if (after is null)
                {
                    return LookupResult.Absent;
                }
            }

            return new LookupResult.Unavailable($"the Page posted more than {MaxLookupPages * LookupPageSize} times since the post fell due; not searched further");
        }
        catch (HttpRequestException ex)
        {
            return new LookupResult.Unavailable($"Cannot read the Page's posts: {ex.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new LookupResult.Unavailable("The Graph API did not answer the lookup in time");
        }
    }

    // A retraction deletes the Page post (DELETE /{post-id}): an edited message would keep the link card of the
    // withdrawn story.
    public async Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var token = ChannelSecret.Resolve(settings.PageAccessToken, settings.PageAccessTokenFile, FacebookOptions.PageAccessTokenSecretName);
        var appSecret = ChannelSecret.Resolve(settings.AppSecret, settings.AppSecretFile, FacebookOptions.AppSecretSecretName);
        if (token is null || appSecret is null)
        {
            return new RetractResult.Failed("The Page access token or the app secret is not configured");
        }

        try
        {
            var url = new Uri($"{settings.BaseUrl.AbsoluteUri.TrimEnd('/')}/{settings.ApiVersion}/{Uri.EscapeDataString(request.RemoteId)}?appsecret_proof={FacebookAppSecretProof.Compute(appSecret, token)}");
            using var delete = new HttpRequestMessage(HttpMethod.Delete, url);
            delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(delete, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode && TryRead(body, FacebookJsonContext.Default.GraphSuccessResponse) is { Success: true })
            {
                return new RetractResult.Deleted("deleted from the Page");
            }

            // Graph code 100 subcode 33: the object does not exist (any more).
            if (TryRead(body, FacebookJsonContext.Default.GraphErrorResponse)?.Error is { Code: 100, ErrorSubcode: 33 })
            {
                return new RetractResult.Deleted("the Page no longer holds the post");
            }

            return RetractResult.From(Classify(response, body));
        }
        catch (HttpRequestException ex)
        {
            return new RetractResult.Failed($"Cannot reach the Graph API: {ex.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RetractResult.Failed("The Graph API did not answer the delete in time");
        }
    }

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

        return Classify(response, body);
    }

    private PublishResult Classify(HttpResponseMessage response, byte[] body)
    {
        var usage = response.Headers.TryGetValues("X-Business-Use-Case-Usage", out var values) ? values.FirstOrDefault() : null;
        var error = TryRead(body, FacebookJsonContext.Default.GraphErrorResponse)?.Error;
        return FacebookResponseClassifier.Classify((int)response.StatusCode, error, usage, timeProvider.GetUtcNow());
    }

    private static string Normalize(string text) => string.Join(' ', text.Normalize(System.Text.NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

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

internal sealed record GraphPostsResponse(IReadOnlyList<GraphPagePost>? Data, GraphPaging? Paging);

internal sealed record GraphPagePost(string? Id, string? Message, string? CreatedTime, string? PermalinkUrl);

internal sealed record GraphPaging(GraphCursors? Cursors, string? Next);

internal sealed record GraphCursors(string? Before, string? After);

internal sealed record GraphSuccessResponse(bool Success);

internal sealed record GraphError(string? Message, string? Type, int Code, int? ErrorSubcode, bool? IsTransient, string? FbtraceId);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GraphPostResponse))]
[JsonSerializable(typeof(GraphErrorResponse))]
[JsonSerializable(typeof(GraphPostsResponse))]
[JsonSerializable(typeof(GraphSuccessResponse))]
internal sealed partial class FacebookJsonContext : JsonSerializerContext;
