using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Channels.Resilience;

namespace SyndicationBot.Channels.Mastodon;

/// <summary>
/// Mastodon: <c>POST /api/v1/statuses</c> with an <c>Idempotency-Key</c> derived from the post's key, so a resend
/// within the hour the server keeps keys returns the same status instead of a second one. Reads the instance's
/// <c>max_characters</c> from <c>GET /api/v2/instance</c> once.
/// </summary>
internal sealed partial class MastodonChannel(
    ChannelAccount account,
    IHttpClientFactory httpClientFactory,
    IOptions<MastodonOptions> options,
    TimeProvider timeProvider,
    ILogger<MastodonChannel> logger) : IChannel
{
    public const string HttpClientName = "SyndicationBot.Channels.Mastodon";
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Lazy<string?> token = new(() => MastodonCredentialsValidator.ResolveToken(options.Value));
    private int? maxCharacters;

    public string Name => account.Id;

    public bool Enabled => options.Value.Enabled;

    public DeliveryGuarantee Guarantee => MastodonNetwork.Descriptor.Guarantee;

    /// <summary>The instance's <c>configuration.statuses.max_characters</c>, once read.</summary>
    public int? MaxCharacters => maxCharacters;

    public async Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        if (token.Value is null)
        {
            return new PublishResult.AuthFailed("Mastodon: no access token configured (Channels:Mastodon:AccessToken).");
        }

        if (await GetMaxCharactersAsync(cancellationToken) is { } max && post.Draft.Length > max)
        {
            var tooLong = new PublishResult.Rejected($"Mastodon: the post is {post.Draft.Length} characters; this instance allows {max}.");
            Log.NotPublished(logger, post.PostId, Name, tooLong);
            return tooLong;
        }

        var result = await SendAsync(post, post.Draft.Text, IdempotencyKey(post.IdempotencyKey), inReplyTo: null, cancellationToken);
        if (result is not PublishResult.Published root)
        {
            ChannelOutcomeLog.Report(logger, post.PostId, Name, result);

            return result;
        }

        var parent = root.RemoteId;
        for (var i = 0; i < post.Draft.ThreadReplies.Count; i++)
        {
            var reply = await SendAsync(post, post.Draft.ThreadReplies[i].Text, IdempotencyKey($"{post.IdempotencyKey}#{i + 1}"), parent, cancellationToken);
            if (reply is not PublishResult.Published published)
            {
                // The key lives one hour while the ledger may retry later: resending the root then could double it.
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

    /// <summary>Reads the instance's character limit; null when the instance does not say or cannot be reached (the server then judges).</summary>
    public async Task<int?> GetMaxCharactersAsync(CancellationToken cancellationToken)
    {
        if (maxCharacters is { } known)
        {
            return known;
        }

        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.GetAsync(new Uri(client.BaseAddress!, "api/v2/instance"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Log.InstanceUnreadable(logger, Name, (int)response.StatusCode);
                return null;
            }

            var instance = JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync(cancellationToken), MastodonJsonContext.Default.MastodonInstance);
            if (instance?.Configuration?.Statuses?.MaxCharacters is > 0 and var max)
            {
                maxCharacters = max;
                Log.InstanceLimit(logger, Name, max);
            }

            return maxCharacters;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException)
        {
            Log.InstanceUnreadable(logger, Name, 0);
            return null;
        }
    }

    /// <summary>A fixed-length, header-safe key: the hex SHA-256 of the ledger's key.</summary>
    internal static string IdempotencyKey(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private async Task<PublishResult> SendAsync(OutgoingPost post, string text, string idempotencyKey, string? inReplyTo, CancellationToken cancellationToken)
    {
        var language = post.Draft.Language is { Length: 2 } iso ? iso : null;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new MastodonStatusRequest(text, options.Value.Visibility, language, inReplyTo), MastodonJsonContext.Default.MastodonStatusRequest);
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.BaseAddress!, "api/v1/statuses"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? ToPublished(content)
                : MastodonResponseClassifier.Classify(response, content, timeProvider.GetUtcNow());
        }
        catch (HttpRequestException exception)
        {
            return TransportFailure.Classify(exception, Guarantee);
        }
    }

    private static PublishResult ToPublished(byte[] content)
    {
        MastodonStatus? status;
        try
        {
            status = JsonSerializer.Deserialize(content, MastodonJsonContext.Default.MastodonStatus);
        }
        catch (JsonException)
        {
            status = null;
        }

        if (string.IsNullOrEmpty(status?.Id))
        {
            // The same Idempotency-Key will return the status on a resend, so this is worth retrying.
            return new PublishResult.RetryLater("Mastodon answered success without a status id", null);
        }

        var url = Uri.TryCreate(status.Url ?? status.Uri, UriKind.Absolute, out var parsed) ? parsed : null;
        return new PublishResult.Published(status.Id, url);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Post {PostId} published on {Channel} as {RemoteId}")]
        public static partial void Published(ILogger logger, long postId, string channel, string remoteId);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Post {PostId} not published on {Channel}: {Result}")]
        public static partial void NotPublished(ILogger logger, long postId, string channel, PublishResult result);

        [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Post {PostId} on {Channel}: thread stopped at reply {Reply}: {Result}")]
        public static partial void ThreadIncomplete(ILogger logger, long postId, string channel, int reply, PublishResult result);

        [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "{Channel} instance allows {MaxCharacters} characters per status")]
        public static partial void InstanceLimit(ILogger logger, string channel, int maxCharacters);

        [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "{Channel} instance configuration could not be read (HTTP {Status}); the server will judge lengths")]
        public static partial void InstanceUnreadable(ILogger logger, string channel, int status);
    }
}
