using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.X;

/// <summary>
/// X API v2: <c>POST /2/tweets</c> with <c>{"text"}</c>, threads through <c>reply.in_reply_to_tweet_id</c>.
/// X has no idempotency key, so the guarantee is <see cref="DeliveryGuarantee.None"/>: the channel never
/// resends on its own, and a duplicate-content 403 is reported as <see cref="PublishResult.Duplicate"/>.
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

    public Task<PublishResult.Published?> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
        Task.FromResult<PublishResult.Published?>(null);

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

        var id = created.Data.Id;
        var username = options.Value.Username;
        var url = string.IsNullOrWhiteSpace(username)
            ? new Uri($"https://x.com/i/web/status/{Uri.EscapeDataString(id)}")
            : new Uri($"https://x.com/{Uri.EscapeDataString(username)}/status/{Uri.EscapeDataString(id)}");
        return new PublishResult.Published(id, url);
    }

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
