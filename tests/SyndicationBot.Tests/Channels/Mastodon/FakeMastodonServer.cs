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
/// status, nothing new created), and the 300-per-window status limit with ISO 8601 <c>X-RateLimit-Reset</c>.
/// </summary>
public sealed partial class FakeMastodonServer(TimeProvider time) : IAsyncDisposable
{
    public const string Token = "mastodon-user-token-5ecret";
    private static readonly HashSet<string> Visibilities = ["public", "unlisted", "private", "direct"];
    private readonly ConcurrentDictionary<string, JsonObject> statuses = new();
    private readonly ConcurrentDictionary<string, string> idempotency = new();
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

    public static async Task<FakeMastodonServer> StartAsync(TimeProvider time)
    {
        var fake = new FakeMastodonServer(time);
        fake.windowReset = time.GetUtcNow() + fake.Window;
        fake.server = await ContractServer.StartAsync(app =>
        {
            app.MapGet("/api/v2/instance", fake.InstanceAsync);
            app.MapPost("/api/v1/statuses", fake.CreateStatusAsync);
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
        if (key.Length > 0 && idempotency.TryGetValue(key, out var existingId))
        {
            await context.Response.WriteAsJsonAsync(statuses[existingId]);
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
            ["content"] = $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>",
            ["visibility"] = visibility,
            ["language"] = language,
            ["in_reply_to_id"] = (string?)body["in_reply_to_id"],
        };
        statuses[id] = status;
        if (key.Length > 0)
        {
            idempotency[key] = id;
        }

        if (chaos == ChaosFault.ResetAfterCommit)
        {
            context.Abort();
            return;
        }

        await context.Response.WriteAsJsonAsync(status);
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
