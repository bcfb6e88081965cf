using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SyndicationBot.Tests.Contract;

namespace SyndicationBot.Tests.Channels.Mastodon;

/// <summary>
/// A local Mastodon that enforces what an instance enforces for <c>POST /api/v1/statuses</c>: the Bearer token,
/// the parameters, the grapheme length against <c>max_characters</c> (URLs 23), Idempotency-Key replay (same
/// status, nothing new created) for one hour only, as Mastodon keeps keys, and the 300-per-window status limit with
/// ISO 8601 <c>X-RateLimit-Reset</c>. It renders <c>content</c> as Mastodon does (a <c>&lt;p&gt;</c> per paragraph,
/// <c>&lt;br /&gt;</c> per line, links cut into invisible and visible spans) and serves what a lookup and a retraction
/// use: <c>GET /api/v1/accounts/verify_credentials</c>, <c>GET /api/v1/accounts/{id}/statuses</c> (newest first,
/// <c>limit</c> at most 40, <c>max_id</c>, a <c>Link</c> header), <c>PUT</c> and <c>DELETE /api/v1/statuses/{id}</c>
/// (own statuses only; deletes limited to 30 per 30 min), all under the same Bearer token and the 300-per-5-min
/// account-wide read window.
/// </summary>
public sealed partial class FakeMastodonServer(TimeProvider time) : IAsyncDisposable
{
    public const string Token = "mastodon-user-token-5ecret";
    private static readonly HashSet<string> Visibilities = ["public", "unlisted", "private", "direct"];
    private readonly ConcurrentDictionary<string, JsonObject> statuses = new();
    public const string AccountId = "109302436954721982";
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(1);
    private static readonly HashSet<string> StatusesParameters = ["exclude_reblogs", "exclude_replies", "limit", "max_id", "min_id", "only_media", "pinned", "since_id", "tagged"];
    private readonly ConcurrentDictionary<string, (string Id, DateTimeOffset At)> idempotency = new();
    private int readRemaining = 300;
    private DateTimeOffset readReset;
    private int deleteRemaining = 30;
    private DateTimeOffset deleteReset;
    private int lookupRequests;
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> faults = new();
    private readonly object gate = new();
    private ContractServer? server;
    private long nextId = 103254962155278888;
    private int remaining = 300;
    private int windowLimit = 300;
    private DateTimeOffset windowReset;
    private int statusRequests;
    private int instanceRequests;

    public Uri BaseAddress => server!.BaseAddress;

    public bool Revoked { get; set; }

    public ChaosMonkey? Chaos { get; set; }

    /// <summary>Requests this server holds open on purpose right now (injected hangs).</summary>
    public RequestCounter Hanging { get; } = new();

    public int MaxCharacters { get; set; } = 500;

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(3);

    public int StatusRequests => Volatile.Read(ref statusRequests);

    public int InstanceRequests => Volatile.Read(ref instanceRequests);

    public IReadOnlyCollection<JsonObject> Statuses => [.. statuses.Values];

    public int LookupRequests => Volatile.Read(ref lookupRequests);

    /// <summary>Ids of deleted statuses.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    /// <summary>One-shot behaviours for the next read, edit or delete request, as <see cref="InjectFault"/>.</summary>
    public ConcurrentQueue<Func<HttpContext, Task<bool>>> ReadFaults { get; } = new();

    /// <summary>Requests left in the account's 5-minute read window.</summary>
    public void LimitReads(int remaining)
    {
        lock (gate)
        {
            readRemaining = remaining;
            readReset = time.GetUtcNow() + TimeSpan.FromMinutes(5);
        }
    }

    public static async Task<FakeMastodonServer> StartAsync(TimeProvider time)
    {
        var fake = new FakeMastodonServer(time);
        fake.windowReset = time.GetUtcNow() + fake.Window;
        fake.readReset = time.GetUtcNow() + TimeSpan.FromMinutes(5);
        fake.deleteReset = time.GetUtcNow() + TimeSpan.FromMinutes(30);
        fake.server = await ContractServer.StartAsync(app =>
        {
            app.MapGet("/api/v2/instance", fake.InstanceAsync);
            app.MapPost("/api/v1/statuses", fake.CreateStatusAsync);
            app.MapGet("/api/v1/accounts/verify_credentials", fake.VerifyCredentialsAsync);
            app.MapGet("/api/v1/accounts/{id}/statuses", fake.AccountStatusesAsync);
            app.MapPut("/api/v1/statuses/{id}", fake.EditStatusAsync);
            app.MapDelete("/api/v1/statuses/{id}", fake.DeleteStatusAsync);
        });
        return fake;
    }

    public void LimitWindow(int limit, TimeSpan window)
    {
        lock (gate)
        {
            windowLimit = limit;
            remaining = limit;
            Window = window;
            windowReset = time.GetUtcNow() + window;
        }
    }

    public void InjectFault(Func<HttpContext, Task<bool>> fault) => faults.Enqueue(fault);

    public void InjectStatus(int status, string body) => InjectFault(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
        return true;
    });

    /// <summary>The next request hangs until the client gives up (an attempt time-out).</summary>
    public void InjectHang() => InjectFault(async context =>
    {
        await ChaosMonkey.HangAsync(context, Hanging);

        return true;
    });

    public ValueTask DisposeAsync() => server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private Task InstanceAsync(HttpContext context)
    {
        Interlocked.Increment(ref instanceRequests);
        return context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["domain"] = "fake.example",
            ["configuration"] = new JsonObject
            {
                ["statuses"] = new JsonObject { ["max_characters"] = MaxCharacters, ["characters_reserved_per_url"] = 23, ["max_media_attachments"] = 4 },
            },
        });
    }

    private async Task CreateStatusAsync(HttpContext context)
    {
        Interlocked.Increment(ref statusRequests);
        if (faults.TryDequeue(out var fault) && await fault(context))
        {
            return;
        }

        var chaos = Chaos?.Next() ?? ChaosFault.None;
        switch (chaos)
        {
            case ChaosFault.ServiceUnavailable:
                await Error(context, 503, "There was a temporary problem serving your request, please try again");
                return;
            case ChaosFault.ResetBeforeCommit:
                context.Abort();
                return;
            case ChaosFault.Hang:
                await ChaosMonkey.HangAsync(context, Hanging);
                return;
            case ChaosFault.RateLimited:
                context.Response.Headers["X-RateLimit-Reset"] = (time.GetUtcNow() + TimeSpan.FromSeconds(2)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
                await Error(context, 429, "Too many requests");
                return;
        }

        if (Revoked || context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            await Error(context, 401, "The access token is invalid");
            return;
        }

        var now = time.GetUtcNow();
        bool limited;
        lock (gate)
        {
            if (now >= windowReset)
            {
                remaining = windowLimit;
                windowReset = now + Window;
            }

            limited = remaining <= 0;
            if (!limited)
            {
                remaining--;
            }

            context.Response.Headers["X-RateLimit-Limit"] = windowLimit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Reset"] = windowReset.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
        }

        if (limited)
        {
            await Error(context, 429, "Too many requests");
            return;
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 0 && idempotency.TryGetValue(key, out var existing) && now - existing.At < KeyLifetime && statuses.TryGetValue(existing.Id, out var replayed))
        {
            await context.Response.WriteAsJsonAsync(replayed);
            return;
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            await Error(context, 400, "Bad request");
            return;
        }

        var text = (string?)body["status"] ?? string.Empty;
        var visibility = (string?)body["visibility"] ?? "public";
        var language = (string?)body["language"];
        if (string.IsNullOrWhiteSpace(text))
        {
            await Error(context, 422, "Validation failed: Text can't be blank");
            return;
        }

        if (Length(text) > MaxCharacters)
        {
            await Error(context, 422, $"Validation failed: Text character limit of {MaxCharacters} exceeded");
            return;
        }

        if (!Visibilities.Contains(visibility) || language is not null && !LanguagePattern().IsMatch(language))
        {
            await Error(context, 422, "Validation failed: Visibility or language is invalid");
            return;
        }

        if ((string?)body["in_reply_to_id"] is { } parent && !statuses.ContainsKey(parent))
        {
            await Error(context, 404, "Record not found");
            return;
        }

        var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        var status = new JsonObject
        {
            ["id"] = id,
            ["created_at"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["uri"] = $"{BaseAddress}users/bot/statuses/{id}",
            ["url"] = $"{BaseAddress}@bot/{id}",
            ["content"] = Render(text),
            ["visibility"] = visibility,
            ["language"] = language,
            ["in_reply_to_id"] = (string?)body["in_reply_to_id"],
        };
        statuses[id] = status;
        if (key.Length > 0)
        {
            idempotency[key] = (id, now);
        }

        if (chaos == ChaosFault.ResetAfterCommit)
        {
            context.Abort();
            return;
        }

        await context.Response.WriteAsJsonAsync(status);
    }

    private async Task VerifyCredentialsAsync(HttpContext context)
    {
        if (await ReadPreludeAsync(context))
        {
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = AccountId, ["username"] = "bot", ["acct"] = "bot", ["display_name"] = "Bot" });
    }

    private async Task AccountStatusesAsync(string id, HttpContext context)
    {
        if (await ReadPreludeAsync(context))
        {
            return;
        }

        var query = context.Request.Query;
        if (query.Keys.FirstOrDefault(k => !StatusesParameters.Contains(k)) is { } unknown)
        {
            await Error(context, 422, $"Unknown parameter {unknown}");
            return;
        }

        if (id != AccountId)
        {
            await Error(context, 404, "Record not found");
            return;
        }

        var limit = 20;
        if (query.TryGetValue("limit", out var limitValue) && !int.TryParse(limitValue, CultureInfo.InvariantCulture, out limit))
        {
            await Error(context, 422, "limit must be an integer");
            return;
        }

        // Mastodon clamps limit to 40 rather than refusing it.
        limit = Math.Clamp(limit, 1, 40);
        var maxId = query.TryGetValue("max_id", out var maxValue) ? long.Parse(maxValue.ToString(), CultureInfo.InvariantCulture) : long.MaxValue;
        var excludeReplies = query["exclude_replies"] == "true";
        var page = statuses.Values
            .Where(s => long.Parse((string)s["id"]!, CultureInfo.InvariantCulture) < maxId && (!excludeReplies || s["in_reply_to_id"] is null))
            .OrderByDescending(s => long.Parse((string)s["id"]!, CultureInfo.InvariantCulture))
            .Take(limit)
            .ToList();
        if (page.Count > 0)
        {
            var last = (string)page[^1]["id"]!;
            context.Response.Headers["Link"] = $"<{BaseAddress}api/v1/accounts/{AccountId}/statuses?limit={limit}&max_id={last}>; rel=\"next\", <{BaseAddress}api/v1/accounts/{AccountId}/statuses?limit={limit}&min_id={(string)page[0]["id"]!}>; rel=\"prev\"";
        }

        await context.Response.WriteAsJsonAsync(new JsonArray([.. page.Select(s => s.DeepClone())]));
    }

    private async Task EditStatusAsync(string id, HttpContext context)
    {
        if (await ReadPreludeAsync(context))
        {
            return;
        }

        if (!statuses.TryGetValue(id, out var status))
        {
            await Error(context, 404, "Record not found");
            return;
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            await Error(context, 400, "Bad request");
            return;
        }

        var text = (string?)body["status"] ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text) || Length(text) > MaxCharacters)
        {
            await Error(context, 422, string.IsNullOrWhiteSpace(text) ? "Validation failed: Text can't be blank" : $"Validation failed: Text character limit of {MaxCharacters} exceeded");
            return;
        }

        status["content"] = Render(text);
        status["edited_at"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(status);
    }

    private async Task DeleteStatusAsync(string id, HttpContext context)
    {
        if (await ReadPreludeAsync(context))
        {
            return;
        }

        var now = time.GetUtcNow();
        bool limited;
        lock (gate)
        {
            if (now >= deleteReset)
            {
                deleteRemaining = 30;
                deleteReset = now + TimeSpan.FromMinutes(30);
            }

            limited = deleteRemaining <= 0;
            deleteRemaining = Math.Max(deleteRemaining - 1, 0);
            context.Response.Headers["X-RateLimit-Limit"] = "30";
            context.Response.Headers["X-RateLimit-Remaining"] = deleteRemaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Reset"] = deleteReset.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
        }

        if (limited)
        {
            await Error(context, 429, "Too many requests");
            return;
        }

        if (!statuses.TryRemove(id, out var status))
        {
            await Error(context, 404, "Record not found");
            return;
        }

        Deleted.Enqueue(id);
        await context.Response.WriteAsJsonAsync(status);
    }

    // Faults, the token, and the account's read window (300 per 5 min); true when it answered.
    private async Task<bool> ReadPreludeAsync(HttpContext context)
    {
        Interlocked.Increment(ref lookupRequests);
        if (ReadFaults.TryDequeue(out var fault) && await fault(context))
        {
            return true;
        }

        if (Revoked || context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            await Error(context, 401, "The access token is invalid");
            return true;
        }

        var now = time.GetUtcNow();
        bool limited;
        lock (gate)
        {
            if (now >= readReset)
            {
                readRemaining = 300;
                readReset = now + TimeSpan.FromMinutes(5);
            }

            limited = readRemaining <= 0;
            readRemaining = Math.Max(readRemaining - 1, 0);
            context.Response.Headers["X-RateLimit-Limit"] = "300";
            context.Response.Headers["X-RateLimit-Remaining"] = readRemaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Reset"] = readReset.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
        }

        if (limited)
        {
            await Error(context, 429, "Too many requests");
            return true;
        }

        return false;
    }

    // As Mastodon's TextFormatter: paragraphs, line breaks, and links as an anchor whose scheme (and any tail past 30
    // characters) sit in invisible spans.
    private static string Render(string text)
    {
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n").Select(paragraph =>
        {
            var html = new System.Text.StringBuilder();
            var last = 0;
            foreach (Match link in UrlPattern().Matches(paragraph))
            {
                html.Append(System.Net.WebUtility.HtmlEncode(paragraph[last..link.Index]));
                var scheme = link.Value[..(link.Value.IndexOf("//", StringComparison.Ordinal) + 2)];
                var rest = link.Value[scheme.Length..];
                var visible = rest.Length > 30 ? rest[..30] : rest;
                var hidden = rest[visible.Length..];
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{System.Net.WebUtility.HtmlEncode(link.Value)}\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">{scheme}</span><span class=\"{(hidden.Length > 0 ? "ellipsis" : string.Empty)}\">{System.Net.WebUtility.HtmlEncode(visible)}</span><span class=\"invisible\">{System.Net.WebUtility.HtmlEncode(hidden)}</span></a>");
                last = link.Index + link.Length;
            }

            html.Append(System.Net.WebUtility.HtmlEncode(paragraph[last..]));
            return html.ToString().Replace("\n", "<br />", StringComparison.Ordinal);
        });
        return string.Concat(paragraphs.Select(p => $"<p>{p}</p>"));
    }

    private static int Length(string text) =>
        UrlPattern().Count(text) * 23 + new StringInfo(UrlPattern().Replace(text, string.Empty)).LengthInTextElements;

    private static Task Error(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = error });
    }

    [GeneratedRegex("https?://\\S+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguagePattern();
}
