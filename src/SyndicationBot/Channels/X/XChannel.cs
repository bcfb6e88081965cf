using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.X;

/// <summary>
/// X API v2: <c>POST /2/tweets</c> with <c>{"text"}</c>, threads through <c>reply.in_reply_to_tweet_id</c>.
/// X has no idempotency key, so the channel never resends on its own and a duplicate-content 403 is reported as
/// <see cref="PublishResult.Duplicate"/>; the guarantee is <see cref="DeliveryGuarantee.Lookup"/>: after an unknown
/// outcome the account's own recent posts (<c>GET /2/users/me</c>, then <c>GET /2/users/{id}/tweets</c>) tell
/// whether the post is there, matched by its text as X renders it (<see cref="XPostMatcher"/>).
/// </summary>
internal sealed partial class XChannel(
    ChannelAccount account,
    IHttpClientFactory httpClientFactory,
    IOptions<XOptions> options,
    IXAuthenticator authenticator,
    TimeProvider timeProvider,
    ILogger<XChannel> logger) : IChannel
{
    public const string HttpClientName = "SyndicationBot.Channels.X";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    // A lookup reads the account's posts since the post fell due, 100 a page (the most max_results allows), at most
    // ten pages: GET /2/users/{id}/tweets allows 900 requests / 15 min per user (Pro), and a bot that posted more
    // than a thousand times since is better left for the operator than searched without end.
    private const int LookupPageSize = 100;
    private const int MaxLookupPages = 10;
    private static readonly TimeSpan LookupClockMargin = TimeSpan.FromMinutes(5);
    private string? userId;

    public string Name => account.Id;

    public bool Enabled => options.Value.Enabled;

    public DeliveryGuarantee Guarantee => XNetwork.Descriptor.Guarantee;

    public async Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        var result = await SendAsync(post, post.Draft.Text, inReplyTo: null, cancellationToken);
        if (result is not PublishResult.Published root)
        {
            ChannelOutcomeLog.Report(logger, post.PostId, Name, result);

            return result;
        }

        var parent = root.RemoteId;
        for (var i = 0; i < post.Draft.ThreadReplies.Count; i++)
        {
            var reply = await SendAsync(post, post.Draft.ThreadReplies[i].Text, parent, cancellationToken);
            if (reply is not PublishResult.Published published)
            {
                // The root is out and X cannot dedupe a resend, so the post counts as published; the thread stays short.
                Log.ThreadIncomplete(logger, post.PostId, Name, i + 1, reply);
                break;
            }

            parent = published.RemoteId;
        }

        Log.Published(logger, post.PostId, Name, root.RemoteId);
        return root;
    }

    public async Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        try
        {
            var user = await GetUserIdAsync(cancellationToken);
            if (user.Failure is { } refused)
            {
                return refused;
            }

            var query = new StringBuilder("max_results=").Append(LookupPageSize.ToString(CultureInfo.InvariantCulture))
                .Append("&exclude=replies,retweets&tweet.fields=created_at,entities");
            if (post.DueAt is { } due)
            {
                // start_time is second-precision RFC 3339; the margin covers a clock that runs ahead of X's.
                query.Append("&start_time=").Append(Uri.EscapeDataString((due - LookupClockMargin).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            }

            string? next = null;
            for (var page = 0; page < MaxLookupPages; page++)
            {
                var path = $"2/users/{Uri.EscapeDataString(user.Id!)}/tweets?{query}" + (next is null ? string.Empty : "&pagination_token=" + Uri.EscapeDataString(next));
                var call = await CallAsync(HttpMethod.Get, path, post.PostId, cancellationToken);
                if (call.Failure is { } failure)
                {
                    return LookupResult.From(failure);
                }

                var timeline = Read(call.Content, XJsonContext.Default.XTimelineResponse);
                if (timeline is null)
                {
                    return new LookupResult.Unavailable("X answered the timeline with an unreadable body");
                }

                // X answers some failures with 200 and only an errors array (an unknown user): that is no "not there".
                if (timeline.Data is null && timeline.Errors is { Count: > 0 } errors)
                {
                    return new LookupResult.Unavailable("X answered the timeline with errors: " + (errors[0].Detail ?? errors[0].Title));
                }

                if (timeline.Data?.FirstOrDefault(tweet => XPostMatcher.Matches(tweet, post.Draft.Text)) is { } match)
                {
                    return new LookupResult.Found(Published(match.Id));
                }

                next = timeline.Meta?.NextToken;
                if (next is null)
                {
                    return LookupResult.Absent;
                }
            }

            return new LookupResult.Unavailable($"the account posted more than {MaxLookupPages * LookupPageSize} times since the post fell due; not searched further");
        }
        catch (HttpRequestException exception)
        {
            return new LookupResult.Unavailable($"X lookup: transport failure {exception.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new LookupResult.Unavailable("X lookup timed out");
        }
    }

    // A retraction deletes the post (DELETE /2/tweets/{id}, 50 / 15 min per user): X's edit needs a new post that
    // quotes the old one, which would spread the withdrawn story further.
    public async Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var call = await CallAsync(HttpMethod.Delete, "2/tweets/" + Uri.EscapeDataString(request.RemoteId), request.PostId, cancellationToken);
            if (call.Status == System.Net.HttpStatusCode.NotFound)
            {
                return new RetractResult.Deleted("X no longer holds the post");
            }

            if (call.Failure is { } failure)
            {
                return RetractResult.From(failure);
            }

            return Read(call.Content, XJsonContext.Default.XDeleteResponse)?.Data?.Deleted == true
                ? new RetractResult.Deleted("deleted on X")
                : new RetractResult.Failed("X answered the delete without data.deleted");
        }
        catch (HttpRequestException exception)
        {
            return new RetractResult.Failed($"X delete: transport failure {exception.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RetractResult.Failed("X delete timed out");
        }
    }

    // The authenticated account's id, asked once (GET /2/users/me: 75 requests / 15 min per user).
    private async Task<(string? Id, LookupResult? Failure)> GetUserIdAsync(CancellationToken cancellationToken)
    {
        if (userId is { } known)
        {
            return (known, null);
        }

        var call = await CallAsync(HttpMethod.Get, "2/users/me", 0, cancellationToken);
        if (call.Failure is { } failure)
        {
            return (null, LookupResult.From(failure));
        }

        if (Read(call.Content, XJsonContext.Default.XUserResponse)?.Data?.Id is not { Length: > 0 } id)
        {
            return (null, new LookupResult.Unavailable("X answered /2/users/me without data.id"));
        }

        userId = id;
        return (id, null);
    }

    // One authorized request, renewed once after a 401 (OAuth 2.0); a refusal is classified as for a publish.
    private async Task<XCall> CallAsync(HttpMethod method, string relative, long postId, CancellationToken cancellationToken)
    {
        for (var renewed = false; ; renewed = true)
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(method, new Uri(client.BaseAddress!, relative));
            if (await authenticator.AuthorizeAsync(request, cancellationToken) is { } refused)
            {
                return new XCall([], refused);
            }

            using var response = await client.SendAsync(request, cancellationToken);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new XCall(content, null);
            }

            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && !renewed && await authenticator.RenewAsync(cancellationToken))
            {
                Log.RetryingAfterRenewal(logger, postId, Name);
                continue;
            }

            return new XCall(content, XResponseClassifier.Classify(response, content, timeProvider.GetUtcNow()), response.StatusCode);
        }
    }

    private static T? Read<T>(byte[] content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return content.Length == 0 ? null : JsonSerializer.Deserialize(content, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<PublishResult> SendAsync(OutgoingPost post, string text, string? inReplyTo, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new XCreatePostRequest(text, inReplyTo is null ? null : new XReply(inReplyTo)), XJsonContext.Default.XCreatePostRequest);
        for (var renewed = false; ; renewed = true)
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.BaseAddress!, "2/tweets"))
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
            };
            try
            {
                if (await authenticator.AuthorizeAsync(request, cancellationToken) is { } refused)
                {
                    return refused;
                }
            }
            catch (HttpRequestException exception)
            {
                // The token refresh failed on the wire; the post itself was never sent.
                return new PublishResult.RetryLater($"X OAuth 2.0 refresh: transport failure {exception.HttpRequestError}", null);
            }

            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return ToPublished(content);
                }

                if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && !renewed && await authenticator.RenewAsync(cancellationToken))
                {
                    Log.RetryingAfterRenewal(logger, post.PostId, Name);
                    continue;
                }

                return XResponseClassifier.Classify(response, content, timeProvider.GetUtcNow());
            }
            catch (HttpRequestException exception)
            {
                return TransportFailure.Classify(exception, Guarantee);
            }
        }
    }

    private PublishResult ToPublished(byte[] content)
    {
        XCreatePostResponse? created;
        try
        {
            created = JsonSerializer.Deserialize(content, XJsonContext.Default.XCreatePostResponse);
        }
        catch (JsonException)
        {
            created = null;
        }

        if (string.IsNullOrEmpty(created?.Data?.Id))
        {
            // X said yes but we cannot tell which post: a resend could double-post.
            return new PublishResult.Unknown("X answered success without data.id");
        }

        return Published(created.Data.Id);
    }

    private PublishResult.Published Published(string id)
    {
        var username = options.Value.Username;
        var url = string.IsNullOrWhiteSpace(username)
            ? new Uri($"https://x.com/i/web/status/{Uri.EscapeDataString(id)}")
            : new Uri($"https://x.com/{Uri.EscapeDataString(username)}/status/{Uri.EscapeDataString(id)}");
        return new PublishResult.Published(id, url);
    }

    private sealed record XCall(byte[] Content, PublishResult? Failure, System.Net.HttpStatusCode Status = System.Net.HttpStatusCode.OK);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Post {PostId} published on {Channel} as {RemoteId}")]
        public static partial void Published(ILogger logger, long postId, string channel, string remoteId);


        [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: thread stopped at reply {Reply}: {Result}")]
        public static partial void ThreadIncomplete(ILogger logger, long postId, string channel, int reply, PublishResult result);

        [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Post {PostId} on {Channel}: credential renewed after 401, sending once more")]
        public static partial void RetryingAfterRenewal(ILogger logger, long postId, string channel);
    }
}
