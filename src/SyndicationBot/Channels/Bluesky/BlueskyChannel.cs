using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles.Egress;
using SyndicationBot.Configuration;
using SyndicationBot.Posts;

namespace SyndicationBot.Channels.Bluesky;

// Publishes to Bluesky through the account's PDS: one session kept in memory and refreshed, a record key
// derived from the post so that a retry targets the same record, facets and a link card as the draft says.
internal sealed partial class BlueskyChannel(
    ChannelAccount account,
    IHttpClientFactory httpClientFactory,
    IOptions<BlueskyOptions> options,
    TimeProvider timeProvider,
    ILogger<BlueskyChannel> logger) : IChannel, IDisposable
{
    public const string HttpClientName = "bluesky";
    public const string ThumbHttpClientName = "bluesky-thumb";

    /// <summary>The longest a link-card image may take, headers and body together.</summary>
    public static readonly TimeSpan ThumbTimeout = TimeSpan.FromSeconds(15);
    private const string PostCollection = "app.bsky.feed.post";

    private readonly SemaphoreSlim sessionGate = new(1, 1);
    private BlueskySession? session;

    public string Name => account.Id;

    public bool Enabled => options.Value.Enabled;

    // Our own record key makes a resend target the same record; a resend that finds the record already
    // there is answered from getRecord inside PublishAsync, so resending is safe.
    public DeliveryGuarantee Guarantee => BlueskyNetwork.Descriptor.Guarantee;

    public async Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var http = httpClientFactory.CreateClient(HttpClientName);
        PublishResult result;
        try
        {
            result = await CreateThreadAsync(http, post, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // Safe to retry whatever happened: the next attempt targets the same record key.
            result = new PublishResult.RetryLater($"Network error: {ex.HttpRequestError}", null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new PublishResult.RetryLater("The request to the PDS timed out", null);
        }

        ChannelOutcomeLog.Report(logger, post.PostId, Name, result);

        return result;
    }

    public async Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var http = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            var current = await EnsureSessionAsync(http, cancellationToken);
            if (current.Session is not { } active)
            {
                return LookupResult.From(Classify(current.Failure!));
            }

            return await GetRecordAsync(http, active.Did, BlueskyRecordKey.Derive(post.IdempotencyKey), cancellationToken) is { } found
                ? new LookupResult.Found(ToPublished(found.Uri))
                : LookupResult.Absent;
        }
        catch (HttpRequestException exception)
        {
            return new LookupResult.Unavailable($"Bluesky getRecord: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new LookupResult.Unavailable("Bluesky getRecord timed out");
        }
    }

    // A retraction deletes the record (com.atproto.repo.deleteRecord, idempotent: a record already gone is no error).
    // Records cannot be edited in place without every client showing the old text from its cache.
    public async Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            var rkey = request.RemoteId[(request.RemoteId.LastIndexOf('/') + 1)..];
            var response = await SendAuthorizedAsync(
                http,
                active => Json(HttpMethod.Post, "com.atproto.repo.deleteRecord", new DeleteRecordRequest(active.Did, PostCollection, rkey), BlueskyJsonContext.Default.DeleteRecordRequest),
                cancellationToken);
            if (response.Response is not { } answered)
            {
                return RetractResult.From(Classify(response.Failure!));
            }

            return answered.IsSuccess ? new RetractResult.Deleted("deleted from the repository") : RetractResult.From(Classify(answered));
        }
        catch (HttpRequestException exception)
        {
            return new RetractResult.Failed($"Bluesky deleteRecord: {exception.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RetractResult.Failed("Bluesky deleteRecord timed out");
        }
    }

    public void Dispose() => sessionGate.Dispose();

    // The first part carries the post; thread replies follow, each under its own record key derived from the
    // post's key, so a retry after a partial thread finds the parts already there and sends only the rest.
    private async Task<PublishResult> CreateThreadAsync(HttpClient http, OutgoingPost post, CancellationToken cancellationToken)
    {
        var login = await EnsureSessionAsync(http, cancellationToken);
        if (login.Session is null)
        {
            return Classify(login.Failure!);
        }

        var (result, root) = await CreatePartAsync(http, post, post.Draft, post.IdempotencyKey, 0, null, cancellationToken);
        if (root is null)
        {
            return result;
        }

        var parent = root;
        for (var i = 0; i < post.Draft.ThreadReplies.Count; i++)
        {
            var (replyResult, reply) = await CreatePartAsync(
                http, post, post.Draft.ThreadReplies[i], $"{post.IdempotencyKey}#{i + 1}", i + 1, new ReplyRefs(root, parent), cancellationToken);
            if (reply is null)
            {
                return replyResult;
            }

            parent = reply;
        }

        return result;
    }

    private async Task<(PublishResult Result, StrongRef? Ref)> CreatePartAsync(
        HttpClient http, OutgoingPost post, PostDraft draft, string key, int part, ReplyRefs? reply, CancellationToken cancellationToken)
    {
        var rkey = BlueskyRecordKey.Derive(key);
        if (post.Attempt > 1 && await FindAsync(http, rkey, cancellationToken) is { } earlier)
        {
            // A later attempt looks before it writes: the PDS answers a create on an existing key with a bare 500.
            Log.AlreadyPublished(logger, post.PostId, Name, earlier.Uri);
            return (ToPublished(earlier.Uri), earlier);
        }

        var thumb = await UploadThumbAsync(http, post, draft, cancellationToken);
        var record = BuildRecord(post, draft, part, thumb, reply);
        var response = await SendAuthorizedAsync(
            http,
            active => Json(HttpMethod.Post, "com.atproto.repo.createRecord", new CreateRecordRequest(active.Did, PostCollection, rkey, record), BlueskyJsonContext.Default.CreateRecordRequest),
            cancellationToken);
        if (response.Response is not { } created)
        {
            return (Classify(response.Failure!), null);
        }

        if (created.IsSuccess)
        {
            var body = created.Read(BlueskyJsonContext.Default.CreateRecordResponse);
            return (ToPublished(body.Uri), new StrongRef(body.Uri, body.Cid));
        }

        var failure = Classify(created);
        if (BlueskyResponseClassifier.IsAuthOrRateLimit(failure))
        {
            return (failure, null);
        }

        // Any other failure may hide an earlier attempt that landed (its answer lost): the record under our
        // key is that post.
        if (await FindAsync(http, rkey, cancellationToken) is { } existing)
        {
            Log.AlreadyPublished(logger, post.PostId, Name, existing.Uri);
            return (ToPublished(existing.Uri), existing);
        }

        return (failure, null);
    }

    private async Task<StrongRef?> FindAsync(HttpClient http, string rkey, CancellationToken cancellationToken)
    {
        var login = await EnsureSessionAsync(http, cancellationToken);
        return login.Session is { } active ? await GetRecordAsync(http, active.Did, rkey, cancellationToken) : null;
    }

    private async Task<StrongRef?> GetRecordAsync(HttpClient http, string did, string rkey, CancellationToken cancellationToken)
    {
        var query = $"repo={Uri.EscapeDataString(did)}&collection={PostCollection}&rkey={Uri.EscapeDataString(rkey)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, Xrpc("com.atproto.repo.getRecord", query));
        var response = await SendAsync(http, request, cancellationToken);
        if (response.IsSuccess)
        {
            var found = response.Read(BlueskyJsonContext.Default.GetRecordResponse);
            return new StrongRef(found.Uri, found.Cid ?? string.Empty);
        }

        if (response.Error?.Error == "RecordNotFound" || response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        throw new HttpRequestException($"Bluesky getRecord failed: {response.Describe()}", null, response.Status);
    }

    private async Task<JsonElement?> UploadThumbAsync(HttpClient http, OutgoingPost post, PostDraft draft, CancellationToken cancellationToken)
    {
        if (draft.Embed?.Thumb is not { } thumbUrl)
        {
            return null;
        }

        var image = await FetchImageAsync(post, thumbUrl, cancellationToken);
        if (image is null)
        {
            return null;
        }

        var response = await SendAuthorizedAsync(
            http,
            _ =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, Xrpc("com.atproto.repo.uploadBlob"))
                {
                    Content = new ByteArrayContent(image.Value.Bytes),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(image.Value.MediaType);
                return request;
            },
            cancellationToken);
        if (response.Response is { IsSuccess: true } uploaded)
        {
            return uploaded.Read(BlueskyJsonContext.Default.UploadBlobResponse).Blob;
        }

        // A card without a picture beats no post: the createRecord that follows reports any auth problem.
        Log.ThumbSkipped(logger, post.PostId, Name, $"uploadBlob failed: {(response.Response ?? response.Failure)!.Describe()}");
        return null;
    }

    private async Task<(byte[] Bytes, string MediaType)?> FetchImageAsync(OutgoingPost post, Uri thumbUrl, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxThumbBytes;

        // The client's time-out ends at the headers; this deadline also covers a body that trickles.
        using var deadline = new CancellationTokenSource(ThumbTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var http = httpClientFactory.CreateClient(ThumbHttpClientName);
            using var response = await http.GetAsync(thumbUrl, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode || mediaType is null || !mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            {
                Log.ThumbSkipped(logger, post.PostId, Name, $"image answered HTTP {(int)response.StatusCode} with type '{mediaType}'");
                return null;
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                Log.ThumbSkipped(logger, post.PostId, Name, $"image has {response.Content.Headers.ContentLength} bytes, over {maxBytes}");
                return null;
            }

            // Content-Length may be absent or wrong: stop reading one byte past the limit.
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            var buffer = new byte[maxBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), linked.Token)) > 0)
            {
                total += read;
            }

            if (total > maxBytes)
            {
                Log.ThumbSkipped(logger, post.PostId, Name, $"image is over {maxBytes} bytes");
                return null;
            }

            return (buffer[..total], mediaType);
        }
        catch (HttpRequestException ex) when (ex.InnerException is EgressRefusedException refused)
        {
            Log.ThumbSkipped(logger, post.PostId, Name, $"image fetch {refused.Message}");
            return null;
        }
        catch (HttpRequestException ex)
        {
            Log.ThumbSkipped(logger, post.PostId, Name, $"image fetch failed: {ex.HttpRequestError}");
            return null;
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ThumbSkipped(logger, post.PostId, Name, $"image fetch failed: {ex.Message}");
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ThumbSkipped(logger, post.PostId, Name, "image fetch timed out");
            return null;
        }
    }

    private PostRecord BuildRecord(OutgoingPost post, PostDraft draft, int part, JsonElement? thumb, ReplyRefs? reply)
    {
        // A millisecond apart per part, so clients that sort by createdAt keep the thread in order.
        var createdAt = timeProvider.GetUtcNow().AddMilliseconds(part).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        string[]? langs = string.IsNullOrWhiteSpace(draft.Language) || draft.Language == "und" ? null : [draft.Language];
        var facets = BuildFacets(post, draft);
        ExternalEmbed? embed = draft.Embed is { } card
            ? new ExternalEmbed("app.bsky.embed.external", new External(card.Uri.AbsoluteUri, card.Title, card.Description, thumb))
            : null;
        return new PostRecord(PostCollection, draft.Text, createdAt, langs, facets.Count == 0 ? null : facets, embed, reply);
    }

    private List<Facet> BuildFacets(OutgoingPost post, PostDraft draft)
    {
        var textBytes = Encoding.UTF8.GetByteCount(draft.Text);
        List<Facet> facets = [];
        foreach (var facet in draft.Facets)
        {
            FacetFeature? feature = facet.Type switch
            {
                // Lexicon "uri" format is ASCII (RFC 3986): an IRI's non-ASCII characters go percent-encoded.
                "link" when Uri.TryCreate(facet.Value, UriKind.Absolute, out var uri) => new FacetFeature("app.bsky.richtext.facet#link", uri.AbsoluteUri, null),
                "tag" => new FacetFeature("app.bsky.richtext.facet#tag", null, facet.Value.TrimStart('#')),
                _ => null,
            };
            if (feature is null || facet.ByteStart < 0 || facet.ByteEnd > textBytes || facet.ByteStart >= facet.ByteEnd)
            {
                // A facet outside the text would highlight garbage in every client; the post is still worth sending.
                Log.FacetDropped(logger, post.PostId, Name, facet.Type, facet.ByteStart, facet.ByteEnd, textBytes);
                continue;
            }

            facets.Add(new Facet(new ByteSlice(facet.ByteStart, facet.ByteEnd), [feature]));
        }

        return facets;
    }

    private static PublishResult.Published ToPublished(string atUri)
    {
        // at://<did>/app.bsky.feed.post/<rkey>
        var parts = atUri["at://".Length..].Split('/');
        return new PublishResult.Published(atUri, new Uri($"https://bsky.app/profile/{parts[0]}/post/{parts[^1]}"));
    }

    private async Task<Authorized> SendAuthorizedAsync(HttpClient http, Func<BlueskySession, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var login = await EnsureSessionAsync(http, cancellationToken);
        if (login.Session is not { } active)
        {
            return new Authorized(null, null, login.Failure);
        }

        var response = await SendWithTokenAsync(http, build, active, cancellationToken);
        if (!BlueskyResponseClassifier.IsExpiredToken(response.Error?.Error))
        {
            return new Authorized(active, response, null);
        }

        // The access JWT lives 2 hours: renew once, then send again; a second ExpiredToken is an auth failure.
        var renewed = await RenewSessionAsync(http, active, cancellationToken);
        if (renewed.Session is not { } fresh)
        {
            return new Authorized(null, null, renewed.Failure);
        }

        return new Authorized(fresh, await SendWithTokenAsync(http, build, fresh, cancellationToken), null);
    }

    private static async Task<XrpcResponse> SendWithTokenAsync(HttpClient http, Func<BlueskySession, HttpRequestMessage> build, BlueskySession active, CancellationToken cancellationToken)
    {
        using var request = build(active);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", active.AccessJwt);
        return await SendAsync(http, request, cancellationToken);
    }

    private async Task<Login> EnsureSessionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref session) is { } current)
        {
            return new Login(current, null);
        }

        await sessionGate.WaitAsync(cancellationToken);
        try
        {
            return session is { } existing ? new Login(existing, null) : await CreateSessionAsync(http, cancellationToken);
        }
        finally
        {
            sessionGate.Release();
        }
    }

    private async Task<Login> RenewSessionAsync(HttpClient http, BlueskySession expired, CancellationToken cancellationToken)
    {
        await sessionGate.WaitAsync(cancellationToken);
        try
        {
            if (session is { } current && !ReferenceEquals(current, expired))
            {
                return new Login(current, null);
            }

            // refreshSession takes the refresh JWT as bearer and no body (a JSON body is a known client bug).
            using var request = new HttpRequestMessage(HttpMethod.Post, Xrpc("com.atproto.server.refreshSession"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", expired.RefreshJwt);
            var response = await SendAsync(http, request, cancellationToken);
            if (response.IsSuccess)
            {
                var body = response.Read(BlueskyJsonContext.Default.SessionResponse);
                session = Remembered(new BlueskySession(body.Did, body.AccessJwt, body.RefreshJwt));
                Log.SessionRefreshed(logger, Name);
                return new Login(session, null);
            }

            if (response.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                // The refresh JWT expired (90 days) or was revoked: the app password can still log in afresh.
                session = null;
                return await CreateSessionAsync(http, cancellationToken);
            }

            return new Login(null, response);
        }
        finally
        {
            sessionGate.Release();
        }
    }

    // Called under sessionGate only.
    private async Task<Login> CreateSessionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var password = ChannelSecret.Resolve(settings.AppPassword, settings.AppPasswordFile, BlueskyOptions.AppPasswordSecretName);
        if (password is null || string.IsNullOrWhiteSpace(settings.Identifier))
        {
            return new Login(null, XrpcResponse.Synthetic(HttpStatusCode.Unauthorized, "AuthMissing", "Identifier or app password not configured"));
        }

        using var request = Json(HttpMethod.Post, "com.atproto.server.createSession", new CreateSessionRequest(settings.Identifier, password), BlueskyJsonContext.Default.CreateSessionRequest);
        var response = await SendAsync(http, request, cancellationToken);
        if (!response.IsSuccess)
        {
            return new Login(null, response);
        }

        var body = response.Read(BlueskyJsonContext.Default.SessionResponse);
        session = Remembered(new BlueskySession(body.Did, body.AccessJwt, body.RefreshJwt));
        Log.SessionCreated(logger, Name, body.Did);
        return new Login(session, null);
    }

    // The session's JWTs are bearer credentials as good as the app password for their lifetime: mask them everywhere.
    private static BlueskySession Remembered(BlueskySession issued)
    {
        SecretRedactor.Remember(issued.AccessJwt);
        SecretRedactor.Remember(issued.RefreshJwt);
        return issued;
    }

    private static async Task<XrpcResponse> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var reset = response.Headers.TryGetValues("RateLimit-Reset", out var values) ? values.FirstOrDefault() : null;
        XrpcError? error = null;
        if (!response.IsSuccessStatusCode && body.Length > 0)
        {
            try
            {
                error = JsonSerializer.Deserialize(body, BlueskyJsonContext.Default.XrpcError);
            }
            catch (JsonException)
            {
                // A proxy's HTML error page: the status alone classifies it.
            }
        }

        return new XrpcResponse(response.StatusCode, body, error, reset);
    }

    private PublishResult Classify(XrpcResponse response) =>
        BlueskyResponseClassifier.Classify(response.Status, response.Error?.Error, response.Error?.Message, response.RateLimitReset, timeProvider.GetUtcNow());

    private HttpRequestMessage Json<T>(HttpMethod method, string nsid, T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        new(method, Xrpc(nsid)) { Content = JsonContent.Create(body, typeInfo) };

    private Uri Xrpc(string nsid, string? query = null)
    {
        var baseUrl = options.Value.BaseUrl.AbsoluteUri.TrimEnd('/');
        return new Uri(query is null ? $"{baseUrl}/xrpc/{nsid}" : $"{baseUrl}/xrpc/{nsid}?{query}");
    }

    private sealed record Login(BlueskySession? Session, XrpcResponse? Failure);

    private sealed record Authorized(BlueskySession? Session, XrpcResponse? Response, XrpcResponse? Failure);

    private static partial class Log
    {

        [LoggerMessage(2, LogLevel.Information, "Post {PostId} was already on {Channel} as {RemoteId} (earlier attempt landed)")]
        public static partial void AlreadyPublished(ILogger logger, long postId, string channel, string remoteId);


        [LoggerMessage(5, LogLevel.Information, "Post {PostId}: {Channel} link card sent without thumbnail: {Reason}")]
        public static partial void ThumbSkipped(ILogger logger, long postId, string channel, string reason);

        [LoggerMessage(6, LogLevel.Warning, "Post {PostId}: {Channel} facet {FacetType} [{ByteStart},{ByteEnd}) lies outside the text's {TextBytes} bytes and was dropped")]
        public static partial void FacetDropped(ILogger logger, long postId, string channel, string facetType, int byteStart, int byteEnd, int textBytes);

        [LoggerMessage(7, LogLevel.Information, "{Channel} session created for {Did}")]
        public static partial void SessionCreated(ILogger logger, string channel, string did);

        [LoggerMessage(8, LogLevel.Information, "{Channel} session refreshed")]
        public static partial void SessionRefreshed(ILogger logger, string channel);
    }
}

internal sealed record XrpcResponse(HttpStatusCode Status, byte[] Body, XrpcError? Error, string? RateLimitReset)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public static XrpcResponse Synthetic(HttpStatusCode status, string error, string message) => new(status, [], new XrpcError(error, message), null);

    public T Read<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(Body, typeInfo) ?? throw new JsonException($"Empty {typeof(T).Name} from the PDS");

    public string Describe() => Error is { } e ? $"HTTP {(int)Status} {e.Error}: {e.Message}" : $"HTTP {(int)Status}";
}

internal sealed record XrpcError(string? Error, string? Message);

internal sealed record CreateSessionRequest(string Identifier, string Password);

internal sealed record SessionResponse(string AccessJwt, string RefreshJwt, string Did, string? Handle);

internal sealed record CreateRecordRequest(string Repo, string Collection, string Rkey, PostRecord Record);

internal sealed record CreateRecordResponse(string Uri, string Cid);

internal sealed record DeleteRecordRequest(string Repo, string Collection, string Rkey);

internal sealed record GetRecordResponse(string Uri, string? Cid, JsonElement Value);

internal sealed record UploadBlobResponse(JsonElement Blob);

internal sealed record PostRecord(
    [property: JsonPropertyName("$type")] string Type,
    string Text,
    string CreatedAt,
    IReadOnlyList<string>? Langs,
    IReadOnlyList<Facet>? Facets,
    ExternalEmbed? Embed,
    ReplyRefs? Reply);

internal sealed record StrongRef(string Uri, string Cid);

internal sealed record ReplyRefs(StrongRef Root, StrongRef Parent);

internal sealed record Facet(ByteSlice Index, IReadOnlyList<FacetFeature> Features);

internal sealed record ByteSlice(int ByteStart, int ByteEnd);

internal sealed record FacetFeature([property: JsonPropertyName("$type")] string Type, string? Uri, string? Tag);

internal sealed record ExternalEmbed([property: JsonPropertyName("$type")] string Type, External External);

internal sealed record External(string Uri, string Title, string Description, JsonElement? Thumb);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateSessionRequest))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(CreateRecordRequest))]
[JsonSerializable(typeof(CreateRecordResponse))]
[JsonSerializable(typeof(DeleteRecordRequest))]
[JsonSerializable(typeof(GetRecordResponse))]
[JsonSerializable(typeof(UploadBlobResponse))]
[JsonSerializable(typeof(XrpcError))]
internal sealed partial class BlueskyJsonContext : JsonSerializerContext;
