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
/// within the hour the server keeps keys returns the same status instead of a second one. A resend after that hour
/// first looks the post up in the account's statuses (<c>GET /api/v1/accounts/verify_credentials</c>, then
/// <c>GET /api/v1/accounts/{id}/statuses</c>) and is sent only when it is not there. Reads the instance's
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
    // Mastodon keeps an Idempotency-Key for one hour (statuses.md); statuses are read 40 a page (the most `limit` allows).
    private static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan LookupClockMargin = TimeSpan.FromMinutes(5);
    private const int LookupPageSize = 40;
    private const int MaxLookupPages = 10;
    private readonly Lazy<string?> token = new(() => MastodonCredentialsValidator.ResolveToken(options.Value));
    private string? accountId;
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

        if (post.Attempt > 1 && KeyMayHaveExpired(post))
        {
            switch (await LookupAsync(post, cancellationToken))
            {
                case LookupResult.Found found:
                    Log.FoundBeforeResend(logger, post.PostId, Name, found.Post.RemoteId);
                    return found.Post;
                case LookupResult.Unavailable unavailable:
                    // Past the key's hour a blind resend could double the post: it waits until the account can be read.
                    var waiting = new PublishResult.RetryLater($"Mastodon: the Idempotency-Key may have expired and the account's statuses could not be read ({unavailable.Reason})", unavailable.NotBefore, NotSent: true);
                    ChannelOutcomeLog.Report(logger, post.PostId, Name, waiting);
                    return waiting;
            }
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

    public async Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (token.Value is null)
        {
            return new LookupResult.Unavailable("Mastodon: no access token configured (Channels:Mastodon:AccessToken).");
        }

        try
        {
            if (accountId is null)
            {
                var (account, refused) = await GetAsync("api/v1/accounts/verify_credentials", MastodonJsonContext.Default.MastodonAccount, cancellationToken);
                if (refused is not null)
                {
                    return refused;
                }

                if (account?.Id is not { Length: > 0 } id)
                {
                    return new LookupResult.Unavailable("Mastodon answered verify_credentials without an account id");
                }

                accountId = id;
            }

            var wanted = MastodonStatusText.Normalize(post.Draft.Text);
            var since = post.DueAt - LookupClockMargin;
            string? maxId = null;
            for (var page = 0; page < MaxLookupPages; page++)
            {
                var path = $"api/v1/accounts/{Uri.EscapeDataString(accountId)}/statuses?limit={LookupPageSize}&exclude_replies=true&exclude_reblogs=true"
                    + (maxId is null ? string.Empty : "&max_id=" + Uri.EscapeDataString(maxId));
                var (statuses, refused) = await GetAsync(path, MastodonJsonContext.Default.IReadOnlyListMastodonStatus, cancellationToken);
                if (refused is not null)
                {
                    return refused;
                }

                if (statuses is null or { Count: 0 })
                {
                    return LookupResult.Absent;
                }

                foreach (var status in statuses)
                {
                    if (status.Content is { } content && MastodonStatusText.FromHtml(content) == wanted && ToPublished(status) is PublishResult.Published found)
                    {
                        return new LookupResult.Found(found);
                    }

                    // Newest first: a status older than the post's due time ends the search.
                    if (since is { } bound && status.CreatedAt < bound)
                    {
                        return LookupResult.Absent;
                    }
                }

                maxId = statuses[^1].Id;
            }

            return new LookupResult.Unavailable($"the account posted more than {MaxLookupPages * LookupPageSize} statuses since the post fell due; not searched further");
        }
        catch (HttpRequestException exception)
        {
            return new LookupResult.Unavailable($"Mastodon lookup: transport failure {exception.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new LookupResult.Unavailable("Mastodon lookup timed out");
        }
    }

    // A retraction deletes the status (DELETE /api/v1/statuses/{id}, 30 / 30 min): an edit would keep the withdrawn
    // story in every server's edit history and in the boosts that carry it.
    public async Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (token.Value is null)
        {
            return new RetractResult.Failed("Mastodon: no access token configured (Channels:Mastodon:AccessToken).");
        }

        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri(client.BaseAddress!, "api/v1/statuses/" + Uri.EscapeDataString(request.RemoteId)));
            delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            using var response = await client.SendAsync(delete, cancellationToken);
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new RetractResult.Deleted("deleted on Mastodon");
            }

            return response.StatusCode == System.Net.HttpStatusCode.NotFound
                ? new RetractResult.Deleted("the instance no longer holds the status")
                : RetractResult.From(MastodonResponseClassifier.Classify(response, content, timeProvider.GetUtcNow()));
        }
        catch (HttpRequestException exception)
        {
            return new RetractResult.Failed($"Mastodon delete: transport failure {exception.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RetractResult.Failed("Mastodon delete timed out");
        }
    }

    // The key is stored for one hour from the first request that carried it, which left at the post's due time at the
    // earliest: until then a resend with the same key is answered with the same status.
    private bool KeyMayHaveExpired(OutgoingPost post) =>
        post.DueAt is not { } due || timeProvider.GetUtcNow() - due >= IdempotencyWindow - LookupClockMargin;

    private async Task<(T? Body, LookupResult? Refused)> GetAsync<T>(string relative, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseAddress!, relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        using var response = await client.SendAsync(request, cancellationToken);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, LookupResult.From(MastodonResponseClassifier.Classify(response, content, timeProvider.GetUtcNow())));
        }

        try
        {
            return (JsonSerializer.Deserialize(content, typeInfo), null);
        }
        catch (JsonException)
        {
            return (null, new LookupResult.Unavailable($"Mastodon answered {relative.Split('?')[0]} with an unreadable body"));
        }
    }

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

        return ToPublished(status);
    }

    private static PublishResult ToPublished(MastodonStatus? status)
    {
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

        [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "Post {PostId} on {Channel}: found as {RemoteId} before a resend past the Idempotency-Key's hour; not sent again")]
        public static partial void FoundBeforeResend(ILogger logger, long postId, string channel, string remoteId);

        [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "{Channel} instance configuration could not be read (HTTP {Status}); the server will judge lengths")]
        public static partial void InstanceUnreadable(ILogger logger, string channel, int status);
    }
}
