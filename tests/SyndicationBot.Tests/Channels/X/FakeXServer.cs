using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SyndicationBot.Tests.Contract;

namespace SyndicationBot.Tests.Channels.X;

/// <summary>
/// A local X API v2 that enforces what api.x.com enforces for <c>POST /2/tweets</c>: an OAuth 1.0a signature it
/// recomputes itself (or an OAuth 2.0 bearer token it issued), the CreatePostsRequest shape with
/// additionalProperties false, 280 weighted characters, x-rate-limit-* headers and 429s, and the
/// duplicate-content 403. It also serves <c>POST /2/oauth2/token</c> with rotating refresh tokens, and the reads a
/// lookup makes and the delete a retraction makes, each with its own rate window (<c>GET /2/users/me</c> 75 and
/// <c>GET /2/users/{id}/tweets</c> 900 per 15 min, <c>DELETE /2/tweets/{id}</c> 50 per 15 min): the query
/// parameters of the OpenAPI spec only (unknown ones 400, <c>max_results</c> 5–100), the signature over the query,
/// newest first with <c>start_time</c> and opaque <c>pagination_token</c>s, and each post's text as X renders it:
/// links wrapped as <c>https://t.co/…</c> with <c>entities.urls</c>, and <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> escaped.
/// </summary>
public sealed partial class FakeXServer(TimeProvider time) : IAsyncDisposable
{
    public const string ConsumerKey = "xvz1evFS4wEEPTGEFPHBog";
    public const string ConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw";
    public const string AccessToken = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb";
    public const string AccessTokenSecret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE";
    public const string ClientId = "client-id-Zm9v";
    public const string ClientSecret = "client-secret-Zm9vYmFy";

    private static readonly HashSet<string> AllowedFields = ["text", "reply", "quote_tweet_id", "media", "poll", "reply_settings", "geo", "for_super_followers_only", "nullcast", "community_id", "edit_options", "card_uri", "made_with_ai", "paid_partnership", "direct_message_deep_link", "exclusive"];
    public const string UserId = "2244994945";
    public const string Username = "SyndicationBot";
    private static readonly HashSet<string> TimelineParameters = ["max_results", "pagination_token", "start_time", "end_time", "since_id", "until_id", "exclude", "tweet.fields", "expansions", "user.fields", "media.fields", "poll.fields", "place.fields"];
    private static readonly HashSet<string> PostFields = ["article", "attachments", "author_id", "card_uri", "community_id", "context_annotations", "conversation_id", "created_at", "display_text_range", "edit_controls", "edit_history_tweet_ids", "entities", "geo", "id", "in_reply_to_user_id", "lang", "non_public_metrics", "note_tweet", "organic_metrics", "possibly_sensitive", "promoted_metrics", "public_metrics", "referenced_tweets", "reply_settings", "scopes", "source", "suggested_source_links", "text", "withheld"];
    private readonly ConcurrentDictionary<string, string> posts = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> postedAt = new();
    private readonly ConcurrentDictionary<string, (int Limit, int Remaining, DateTimeOffset Reset)> readWindows = new();
    private int timelineRequests;
    private int meRequests;
    private int deleteRequests;
    private readonly ConcurrentDictionary<string, bool> nonces = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> faults = new();
    private readonly object gate = new();
    private ContractServer? server;
    private long nextId = 1445880548472328192;
    private int remaining;
    private DateTimeOffset windowReset;

    public Uri BaseAddress => server!.BaseAddress;

    public bool Revoked { get; set; }

    public ChaosMonkey? Chaos { get; set; }

    /// <summary>Requests this server holds open on purpose right now (injected hangs).</summary>
    public RequestCounter Hanging { get; } = new();

    /// <summary>Duplicate-content 403s sent: each one is a resend of a post X already holds.</summary>
    public int DuplicateResponses => Volatile.Read(ref duplicateResponses);

    public int WindowLimit { get; private set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>When set, the 24-hour user cap reported in x-user-limit-24hour-* headers.</summary>
    public int? DailyUserRemaining { get; set; }

    public string? ValidRefreshToken { get; set; }

    public HashSet<string> ValidAccessTokens { get; } = [];

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    private int tweetRequests;
    private int duplicateResponses;
    private int tokenRequests;

    public int TweetRequests => Volatile.Read(ref tweetRequests);

    public int TokenRequests => Volatile.Read(ref tokenRequests);

    public IReadOnlyCollection<string> PostedTexts => [.. posts.Values];

    /// <summary>The posts X holds now, by id.</summary>
    public IReadOnlyDictionary<string, string> Posts => posts;

    /// <summary>Ids of posts deleted through <c>DELETE /2/tweets/{id}</c>.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    public int TimelineRequests => Volatile.Read(ref timelineRequests);

    public int MeRequests => Volatile.Read(ref meRequests);

    public int DeleteRequests => Volatile.Read(ref deleteRequests);

    /// <summary>One-shot behaviours for the next read or delete request (lookups and retractions), as <see cref="InjectFault"/>.</summary>
    public ConcurrentQueue<Func<HttpContext, Task<bool>>> ReadFaults { get; } = new();

    /// <summary>Puts a post on the account as if sent earlier by someone else's hand (e.g. before a crash), at <paramref name="at"/>.</summary>
    public string Seed(string text, DateTimeOffset at)
    {
        var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        posts[id] = text;
        postedAt[id] = at;
        return id;
    }

    public ConcurrentQueue<string> Replies { get; } = new();

    public static async Task<FakeXServer> StartAsync(TimeProvider time)
    {
        var fake = new FakeXServer(time);
        fake.remaining = fake.WindowLimit;
        fake.windowReset = time.GetUtcNow() + fake.Window;
        fake.server = await ContractServer.StartAsync(app =>
        {
            app.MapPost("/2/tweets", fake.CreateTweetAsync);
            app.MapPost("/2/oauth2/token", fake.TokenAsync);
            app.MapGet("/2/users/me", fake.MeAsync);
            app.MapGet("/2/users/{id}/tweets", fake.TimelineAsync);
            app.MapDelete("/2/tweets/{id}", fake.DeleteAsync);
        });
        return fake;
    }

    /// <summary>Starts a fresh rate-limit window of <paramref name="limit"/> requests.</summary>
    public void LimitWindow(int limit)
    {
        lock (gate)
        {
            WindowLimit = limit;
            remaining = limit;
            windowReset = time.GetUtcNow() + Window;
        }
    }

    /// <summary>Queues a one-shot behaviour for the next tweet request; return true when it wrote the response.</summary>
    public void InjectFault(Func<HttpContext, Task<bool>> fault) => faults.Enqueue(fault);

    public void InjectStatus(int status, string body) => InjectFault(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
        return true;
    });

    /// <summary>The next tweet request hangs until the client gives up (an attempt time-out).</summary>
    public void InjectHang() => InjectFault(async context =>
    {
        await ChaosMonkey.HangAsync(context, Hanging);

        return true;
    });

    public ValueTask DisposeAsync() => server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task CreateTweetAsync(HttpContext context)
    {
        Interlocked.Increment(ref tweetRequests);
        if (faults.TryDequeue(out var fault) && await fault(context))
        {
            return;
        }

        var chaos = Chaos?.Next() ?? ChaosFault.None;
        switch (chaos)
        {
            case ChaosFault.ServiceUnavailable:
                await Problem(context, 503, "Service Unavailable", "Service Unavailable", "about:blank");
                return;
            case ChaosFault.ResetBeforeCommit:
                context.Abort();
                return;
            case ChaosFault.Hang:
                await ChaosMonkey.HangAsync(context, Hanging);
                return;
            case ChaosFault.RateLimited:
                context.Response.Headers["x-rate-limit-remaining"] = "0";
                context.Response.Headers["x-rate-limit-reset"] = (time.GetUtcNow() + TimeSpan.FromSeconds(90)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                await Problem(context, 429, "Too Many Requests", "Too Many Requests", "about:blank");
                return;
        }

        if (!Authorized(context.Request, out var authProblem))
        {
            await Problem(context, 401, "Unauthorized", "Unauthorized", "about:blank", authProblem);
            return;
        }

        var now = time.GetUtcNow();
        lock (gate)
        {
            if (now >= windowReset)
            {
                remaining = WindowLimit;
                windowReset = now + Window;
            }

            context.Response.Headers["x-rate-limit-limit"] = WindowLimit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["x-rate-limit-reset"] = windowReset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            if (DailyUserRemaining is { } daily)
            {
                context.Response.Headers["x-user-limit-24hour-limit"] = "17";
                context.Response.Headers["x-user-limit-24hour-remaining"] = daily.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["x-user-limit-24hour-reset"] = (now + TimeSpan.FromHours(24)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            }

            if (remaining <= 0 || DailyUserRemaining == 0)
            {
                context.Response.Headers["x-rate-limit-remaining"] = "0";
                context.Response.StatusCode = 429;
            }
            else
            {
                remaining--;
                context.Response.Headers["x-rate-limit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (context.Response.StatusCode == 429)
        {
            await Problem(context, 429, "Too Many Requests", "Too Many Requests", "about:blank");
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            await Problem(context, 415, "Unsupported Media Type", "Content-Type must be application/json", "about:blank");
            return;
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            await Problem(context, 400, "Invalid Request", "The request body is not valid JSON.", "https://api.x.com/2/problems/invalid-request");
            return;
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => !AllowedFields.Contains(k)) is { } unknown)
        {
            await Problem(context, 400, "Invalid Request", $"The `{unknown}` field is not allowed.", "https://api.x.com/2/problems/invalid-request");
            return;
        }

        if (body["text"] is not JsonValue textNode || textNode.GetValueKind() != JsonValueKind.String)
        {
            await Problem(context, 400, "Invalid Request", "The `text` field is required.", "https://api.x.com/2/problems/invalid-request");
            return;
        }

        var text = (string)textNode!;
        if (WeightedLength(text) > 280)
        {
            await Problem(context, 400, "Invalid Request", "Your Tweet text is too long.", "https://api.x.com/2/problems/invalid-request");
            return;
        }

        if (body["reply"] is JsonNode reply)
        {
            var parent = (string?)reply["in_reply_to_tweet_id"];
            if (parent is null || !TweetIdPattern().IsMatch(parent) || reply.AsObject().Count != 1 || !posts.ContainsKey(parent))
            {
                await Problem(context, 400, "Invalid Request", "The reply target is invalid.", "https://api.x.com/2/problems/invalid-request");
                return;
            }

            Replies.Enqueue(parent);
        }

        if (posts.Values.Contains(text))
        {
            Interlocked.Increment(ref duplicateResponses);
            await Problem(context, 403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.", "about:blank");
            return;
        }

        var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        postedAt[id] = time.GetUtcNow();
        posts[id] = text;
        if (chaos == ChaosFault.ResetAfterCommit)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = 201;
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["data"] = new JsonObject { ["id"] = id, ["text"] = text, ["edit_history_tweet_ids"] = new JsonArray(id) },
        });
    }

    private async Task MeAsync(HttpContext context)
    {
        Interlocked.Increment(ref meRequests);
        if (await ReadPreludeAsync(context, "users/me", 75))
        {
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject { ["data"] = new JsonObject { ["id"] = UserId, ["name"] = "Syndication Bot", ["username"] = Username } });
    }

    private async Task TimelineAsync(string id, HttpContext context)
    {
        Interlocked.Increment(ref timelineRequests);
        if (await ReadPreludeAsync(context, "users/tweets", 900))
        {
            return;
        }

        var query = context.Request.Query;
        if (query.Keys.FirstOrDefault(k => !TimelineParameters.Contains(k)) is { } unknown)
        {
            await Problem(context, 400, "Invalid Request", $"The query parameter [{unknown}] is not one of [{string.Join(",", TimelineParameters)}]", "https://api.x.com/2/problems/invalid-request");
            return;
        }

        var max = 10;
        if (query.TryGetValue("max_results", out var maxValue) && (!int.TryParse(maxValue, CultureInfo.InvariantCulture, out max) || max is < 5 or > 100))
        {
            await Problem(context, 400, "Invalid Request", "The `max_results` query parameter value [" + maxValue + "] is not between 5 and 100", "https://api.x.com/2/problems/invalid-request");
            return;
        }

        var fields = query["tweet.fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var excludes = query["exclude"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Any(f => !PostFields.Contains(f)) || excludes.Any(e => e is not ("replies" or "retweets")))
        {
            await Problem(context, 400, "Invalid Request", "One or more parameters to your request was invalid.", "https://api.x.com/2/problems/invalid-request");
            return;
        }

        DateTimeOffset? start = null;
        if (query.TryGetValue("start_time", out var startValue))
        {
            if (!DateTimeOffset.TryParseExact(startValue.ToString(), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                await Problem(context, 400, "Invalid Request", "Invalid 'start_time':'" + startValue + "'. 'start_time' must be a valid RFC 3339 date-time.", "https://api.x.com/2/problems/invalid-request");
                return;
            }

            start = parsed;
        }

        var offset = 0;
        if (query.TryGetValue("pagination_token", out var tokenValue) && !TryReadToken(tokenValue.ToString(), out offset))
        {
            await Problem(context, 400, "Invalid Request", "The `pagination_token` query parameter value is not valid", "https://api.x.com/2/problems/invalid-request");
            return;
        }

        if (id != UserId)
        {
            // X answers an unknown user with 200 and only an errors array.
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject { ["value"] = id, ["detail"] = $"Could not find user with id: [{id}].", ["title"] = "Not Found Error", ["resource_type"] = "user", ["parameter"] = "id", ["resource_id"] = id, ["type"] = "https://api.x.com/2/problems/resource-not-found" }),
            });
            return;
        }

        var all = posts.Keys
            .Where(key => start is null || postedAt.GetValueOrDefault(key) >= start)
            .OrderByDescending(key => long.Parse(key, CultureInfo.InvariantCulture))
            .ToList();
        var page = all.Skip(offset).Take(max).ToList();
        var meta = new JsonObject { ["result_count"] = page.Count };
        if (page.Count > 0)
        {
            meta["newest_id"] = page[0];
            meta["oldest_id"] = page[^1];
        }

        if (offset + max < all.Count)
        {
            meta["next_token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("p" + (offset + max).ToString(CultureInfo.InvariantCulture)));
        }

        var body = new JsonObject { ["meta"] = meta };
        if (page.Count > 0)
        {
            body["data"] = new JsonArray([.. page.Select(key => Rendered(key, fields))]);
        }

        await context.Response.WriteAsJsonAsync(body);
    }

    private async Task DeleteAsync(string id, HttpContext context)
    {
        Interlocked.Increment(ref deleteRequests);
        if (await ReadPreludeAsync(context, "tweets/delete", 50))
        {
            return;
        }

        if (!TweetIdPattern().IsMatch(id))
        {
            await Problem(context, 400, "Invalid Request", "The `id` query parameter value [" + id + "] does not match ^[0-9]{1,19}$", "https://api.x.com/2/problems/invalid-request");
            return;
        }

        if (!posts.TryRemove(id, out _))
        {
            await Problem(context, 404, "Not Found Error", "Could not find post with id: [" + id + "].", "https://api.x.com/2/problems/resource-not-found");
            return;
        }

        Deleted.Enqueue(id);
        await context.Response.WriteAsJsonAsync(new JsonObject { ["data"] = new JsonObject { ["deleted"] = true } });
    }

    // Fault, auth and the endpoint's own 15-minute window, as for a create; true when it answered.
    private async Task<bool> ReadPreludeAsync(HttpContext context, string endpoint, int limit)
    {
        if (ReadFaults.TryDequeue(out var fault) && await fault(context))
        {
            return true;
        }

        if (!Authorized(context.Request, out var authProblem))
        {
            await Problem(context, 401, "Unauthorized", "Unauthorized", "about:blank", authProblem);
            return true;
        }

        var now = time.GetUtcNow();
        var window = readWindows.AddOrUpdate(
            endpoint,
            _ => (limit, limit - 1, now + Window),
            (_, w) => now >= w.Reset ? (w.Limit, w.Limit - 1, now + Window) : w with { Remaining = w.Remaining - 1 });
        var headers = context.Response.Headers;
        headers["x-rate-limit-limit"] = window.Limit.ToString(CultureInfo.InvariantCulture);
        headers["x-rate-limit-remaining"] = Math.Max(window.Remaining, 0).ToString(CultureInfo.InvariantCulture);
        headers["x-rate-limit-reset"] = window.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        if (window.Remaining < 0)
        {
            await Problem(context, 429, "Too Many Requests", "Too Many Requests", "about:blank");
            return true;
        }

        return false;
    }

    /// <summary>Sets the window of one read endpoint (<c>users/me</c>, <c>users/tweets</c>, <c>tweets/delete</c>) to <paramref name="remaining"/> requests.</summary>
    public void LimitReads(string endpoint, int limit, int remaining) =>
        readWindows[endpoint] = (limit, remaining, time.GetUtcNow() + Window);

    private JsonObject Rendered(string id, string[] fields)
    {
        var text = posts[id];
        var rendered = new StringBuilder();
        var urls = new JsonArray();
        var last = 0;
        foreach (Match link in UrlPattern().Matches(text))
        {
            rendered.Append(Escape(text[last..link.Index]));
            var shortLink = "https://t.co/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(link.Value)))[..10];
            var startIndex = rendered.ToString().EnumerateRunes().Count();
            rendered.Append(shortLink);
            var display = Regex.Replace(link.Value, "^https?://(www\\.)?", string.Empty);
            urls.Add(new JsonObject
            {
                ["start"] = startIndex,
                ["end"] = startIndex + shortLink.Length,
                ["url"] = shortLink,
                ["expanded_url"] = link.Value,
                ["display_url"] = display.Length > 26 ? display[..25] + "…" : display,
            });
            last = link.Index + link.Length;
        }

        rendered.Append(Escape(text[last..]));
        var post = new JsonObject { ["id"] = id, ["text"] = rendered.ToString(), ["edit_history_tweet_ids"] = new JsonArray(id) };
        if (fields.Contains("created_at"))
        {
            post["created_at"] = postedAt[id].UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        if (fields.Contains("entities") && urls.Count > 0)
        {
            post["entities"] = new JsonObject { ["urls"] = urls };
        }

        return post;
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static bool TryReadToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var raw = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return raw.StartsWith('p') && int.TryParse(raw[1..], CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref tokenRequests);
        if (!context.Request.HasFormContentType)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "invalid_request", ["error_description"] = "form body required" });
            return;
        }

        var form = await context.Request.ReadFormAsync();
        var basic = context.Request.Headers.Authorization.ToString();
        var client = basic.StartsWith("Basic ", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(basic["Basic ".Length..]))
            : null;

        // A confidential client authenticates with Basic client_id:client_secret; a public one names itself in the form.
        var clientOk = client is null ? form["client_id"] == ClientId : client == $"{ClientId}:{ClientSecret}";
        if (form["grant_type"] != "refresh_token" || !clientOk)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "invalid_request", ["error_description"] = "Missing required parameter [client_id]." });
            return;
        }

        string? newRefresh;
        string access;
        lock (gate)
        {
            if (ValidRefreshToken is null || form["refresh_token"] != ValidRefreshToken)
            {
                newRefresh = null;
                access = string.Empty;
            }
            else
            {
                newRefresh = "refresh-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
                access = "access-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
                ValidRefreshToken = newRefresh;
                ValidAccessTokens.Add(access);
            }
        }

        if (newRefresh is null)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "invalid_request", ["error_description"] = "Value passed for the token was invalid." });
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["token_type"] = "bearer",
            ["expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
            ["access_token"] = access,
            ["scope"] = "tweet.write users.read tweet.read offline.access",
            ["refresh_token"] = newRefresh,
        });
    }

    private bool Authorized(HttpRequest request, out string problem)
    {
        problem = string.Empty;
        var header = request.Headers.Authorization.ToString();
        if (Revoked)
        {
            problem = "revoked";
            return false;
        }

        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            lock (gate)
            {
                return ValidAccessTokens.Contains(header["Bearer ".Length..]);
            }
        }

        if (!header.StartsWith("OAuth ", StringComparison.Ordinal))
        {
            return false;
        }

        var oauth = OAuthParameter().Matches(header["OAuth ".Length..])
            .ToDictionary(m => Percent.Decode(m.Groups["k"].Value), m => Percent.Decode(m.Groups["v"].Value));
        if (!oauth.TryGetValue("oauth_signature", out var signature)
            || oauth.GetValueOrDefault("oauth_consumer_key") != ConsumerKey
            || oauth.GetValueOrDefault("oauth_token") != AccessToken
            || oauth.GetValueOrDefault("oauth_signature_method") != "HMAC-SHA1"
            || oauth.GetValueOrDefault("oauth_version") is { } v && v != "1.0"
            || !long.TryParse(oauth.GetValueOrDefault("oauth_timestamp"), CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - timestamp) > 300
            || oauth.GetValueOrDefault("oauth_nonce") is not { Length: > 0 } nonce
            || !nonces.TryAdd(nonce, true))
        {
            problem = "bad oauth parameters";
            return false;
        }

        // RFC 5849 §3.4.1: query + oauth_* (a JSON body is not a parameter source), encoded, sorted, joined.
        var parameters = request.Query.SelectMany(q => q.Value.Select(v => (q.Key, Value: v ?? string.Empty)))
            .Concat(oauth.Where(p => p.Key != "oauth_signature").Select(p => (p.Key, p.Value)))
            .Select(p => (Key: Percent.Encode(p.Key), Value: Percent.Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value);
        var url = $"{request.Scheme}://{request.Host.Value!.ToLowerInvariant()}{request.PathBase}{request.Path}";
        var baseString = $"{request.Method.ToUpperInvariant()}&{Percent.Encode(url)}&{Percent.Encode(string.Join('&', parameters))}";
#pragma warning disable CA5350 // The protocol under test is HMAC-SHA1.
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.ASCII.GetBytes(Percent.Encode(ConsumerSecret) + "&" + Percent.Encode(AccessTokenSecret)), Encoding.ASCII.GetBytes(baseString)));
#pragma warning restore CA5350
        problem = "signature mismatch";
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>twitter-text v3, roughly: URLs 23, U+0000–U+10FF and a few punctuation ranges 1, everything else 2.</summary>
    private static int WeightedLength(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormC);
        var urls = UrlPattern().Matches(normalized);
        var weight = urls.Count * 23;
        var rest = UrlPattern().Replace(normalized, string.Empty);
        foreach (var rune in rest.EnumerateRunes())
        {
            var v = rune.Value;
            weight += v is <= 0x10FF or (>= 0x2000 and <= 0x200D) or (>= 0x2010 and <= 0x201F) or (>= 0x2032 and <= 0x2037) ? 1 : 2;
        }

        return weight;
    }

    private static Task Problem(HttpContext context, int status, string title, string detail, string type, string? reason = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        if (reason is not null)
        {
            context.Response.Headers["x-fake-reason"] = reason;
        }

        return context.Response.WriteAsync(new JsonObject { ["title"] = title, ["detail"] = detail, ["type"] = type, ["status"] = status }.ToJsonString());
    }

    [GeneratedRegex("(?<k>[^=,\\s]+)=\"(?<v>[^\"]*)\"")]
    private static partial Regex OAuthParameter();

    [GeneratedRegex("^[0-9]{1,19}$")]
    private static partial Regex TweetIdPattern();

    [GeneratedRegex("https?://\\S+")]
    private static partial Regex UrlPattern();
}
