using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SyndicationBot.Tests.Channels.Bluesky;

/// <summary>
/// A local PDS stand-in that enforces the parts of the XRPC contract the reference PDS cannot be made to show
/// on demand: access tokens that expire (HTTP 400 ExpiredToken), refreshSession with the refresh JWT as bearer
/// and no body, revoked app passwords, 429 with RateLimit-Reset, 5xx. Records, blobs and images are kept so
/// tests can read back what the channel sent.
/// </summary>
internal sealed class BlueskyContractServer : IAsyncDisposable
{
    public const string Handle = "newsbot.test";
    public const string Did = "did:plc:contractserver0000000000";
    public const int BigImageBytes = 1_000_001;

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, JsonObject> records = new();
    private readonly ConcurrentDictionary<string, bool> accessTokens = new();
    private readonly ConcurrentDictionary<string, bool> refreshTokens = new();
    private int tokenCounter;
    private int blobCounter;
    private int createSessionCalls;
    private int refreshSessionCalls;
    private int createRecordCalls;
    private int uploadBlobCalls;

    private BlueskyContractServer(WebApplication app, string appPassword)
    {
        this.app = app;
        AppPassword = appPassword;
    }

    public string AppPassword { get; set; }

    public Uri BaseUrl { get; private set; } = null!;

    public int CreateSessionCalls => Volatile.Read(ref createSessionCalls);

    public int RefreshSessionCalls => Volatile.Read(ref refreshSessionCalls);

    public int CreateRecordCalls => Volatile.Read(ref createRecordCalls);

    public int UploadBlobCalls => Volatile.Read(ref uploadBlobCalls);

    /// <summary>When set, createRecord answers 429 with this RateLimit-Reset (epoch seconds).</summary>
    public long? RateLimitResetEpochSeconds { get; set; }

    /// <summary>Status codes createRecord answers with before it behaves normally again, one per call (OK: no fault for that call).</summary>
    public ConcurrentQueue<HttpStatusCode> CreateRecordFaults { get; } = new();

    /// <summary>When set, createRecord stores the record and then answers this status (the answer is "lost").</summary>
    public HttpStatusCode? FailAfterStoring { get; set; }

    public IReadOnlyDictionary<string, JsonObject> Records => records;

    public ConcurrentDictionary<string, (byte[] Bytes, string MimeType)> Blobs { get; } = new();

    public IReadOnlyCollection<string> IssuedTokens => [.. accessTokens.Keys, .. refreshTokens.Keys];

    public Uri ImageUrl(string name) => new(BaseUrl, $"/img/{name}");

    public static async Task<BlueskyContractServer> StartAsync(string appPassword)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new BlueskyContractServer(app, appPassword);
        server.Map();
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First());
        return server;
    }

    /// <summary>Every access token issued so far now answers ExpiredToken, as after its 2 hours.</summary>
    public void ExpireAccessTokens()
    {
        foreach (var token in accessTokens.Keys)
        {
            accessTokens[token] = false;
        }
    }

    /// <summary>Refresh tokens stop working too (the 90 days passed, or the session was revoked).</summary>
    public void ExpireRefreshTokens()
    {
        foreach (var token in refreshTokens.Keys)
        {
            refreshTokens[token] = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static IResult Error(HttpStatusCode status, string error, string message) =>
        Results.Json(new JsonObject { ["error"] = error, ["message"] = message }, statusCode: (int)status);

    private void Map()
    {
        app.MapPost("/xrpc/com.atproto.server.createSession", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref createSessionCalls);
            var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            var identifier = body?["identifier"]?.GetValue<string>();
            var password = body?["password"]?.GetValue<string>();
            if (identifier is null || password is null)
            {
                return Error(HttpStatusCode.BadRequest, "InvalidRequest", "Input must have the property \"identifier\"");
            }

            if ((identifier != Handle && identifier != Did) || password != AppPassword)
            {
                return Error(HttpStatusCode.Unauthorized, "AuthenticationRequired", "Invalid identifier or password");
            }

            return Results.Json(IssueSession());
        });

        app.MapPost("/xrpc/com.atproto.server.refreshSession", (HttpRequest request) =>
        {
            Interlocked.Increment(ref refreshSessionCalls);
            if (request.ContentLength > 0 || request.Headers.ContentType.Count > 0)
            {
                return Error(HttpStatusCode.BadRequest, "InvalidRequest", "A request body was provided when none was expected");
            }

            var token = Bearer(request);
            if (token is null)
            {
                return Error(HttpStatusCode.Unauthorized, "AuthMissing", "Authentication Required");
            }

            if (!refreshTokens.TryGetValue(token, out var valid))
            {
                return Error(HttpStatusCode.BadRequest, "InvalidToken", "Invalid token type");
            }

            if (!valid)
            {
                return Error(HttpStatusCode.BadRequest, "ExpiredToken", "Token has expired");
            }

            // The PDS rotates the refresh token on every refresh.
            refreshTokens[token] = false;
            return Results.Json(IssueSession());
        });

        app.MapPost("/xrpc/com.atproto.repo.uploadBlob", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref uploadBlobCalls);
            if (CheckAccess(request) is { } denied)
            {
                return denied;
            }

            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var mime = request.ContentType ?? "application/octet-stream";
            if (buffer.Length > 1_000_000)
            {
                return Error(HttpStatusCode.BadRequest, "BlobTooLarge", "This file is too large");
            }

            var cid = $"bafkreicontract{Interlocked.Increment(ref blobCounter)}";
            Blobs[cid] = (buffer.ToArray(), mime);
            return Results.Json(new JsonObject
            {
                ["blob"] = new JsonObject
                {
                    ["$type"] = "blob",
                    ["ref"] = new JsonObject { ["$link"] = cid },
                    ["mimeType"] = mime,
                    ["size"] = buffer.Length,
                },
            });
        });

        app.MapPost("/xrpc/com.atproto.repo.createRecord", async (HttpRequest request, HttpResponse response) =>
        {
            Interlocked.Increment(ref createRecordCalls);
            if (CheckAccess(request) is { } denied)
            {
                return denied;
            }

            if (RateLimitResetEpochSeconds is { } reset)
            {
                response.Headers["RateLimit-Limit"] = "5000";
                response.Headers["RateLimit-Remaining"] = "0";
                response.Headers["RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
                response.Headers["RateLimit-Policy"] = "5000;w=3600";
                return Error(HttpStatusCode.TooManyRequests, "RateLimitExceeded", "Rate Limit Exceeded");
            }

            if (CreateRecordFaults.TryDequeue(out var fault) && fault != HttpStatusCode.OK)
            {
                return Error(fault, fault == HttpStatusCode.ServiceUnavailable ? "NotEnoughResources" : "InternalServerError", "Injected fault");
            }

            var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            var repo = body?["repo"]?.GetValue<string>();
            var collection = body?["collection"]?.GetValue<string>();
            var rkey = body?["rkey"]?.GetValue<string>();
            var record = body?["record"] as JsonObject;
            if (repo != Did && repo != Handle)
            {
                return Error(HttpStatusCode.BadRequest, "InvalidRequest", "Invalid repo");
            }

            if (collection != "app.bsky.feed.post" || record?["$type"]?.GetValue<string>() != collection)
            {
                return Error(HttpStatusCode.BadRequest, "InvalidRequest", "Invalid collection or $type");
            }

            if (rkey is null || !System.Text.RegularExpressions.Regex.IsMatch(rkey, "^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$"))
            {
                return Error(HttpStatusCode.BadRequest, "InvalidRequest", "Invalid record key: must be a TID");
            }

            var text = record["text"]?.GetValue<string>() ?? string.Empty;
            if (new StringInfo(text).LengthInTextElements > 300)
            {
                return Error(HttpStatusCode.BadRequest, "InvalidRequest", "Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got " + new StringInfo(text).LengthInTextElements + ") at $.record.text");
            }

            if (!DateTimeOffset.TryParse(record["createdAt"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return Error(HttpStatusCode.BadRequest, "InvalidRequest", "Invalid app.bsky.feed.post record: Record/createdAt must be an valid atproto datetime");
            }

            if (record["reply"] is JsonObject reply && !(ResolvesTo(reply["root"]) && ResolvesTo(reply["parent"])))
            {
                return Error(HttpStatusCode.BadRequest, "InvalidRequest", "Invalid app.bsky.feed.post record: reply must reference existing posts by uri and cid");
            }

            if (!records.TryAdd(rkey, record))
            {
                // The reference PDS does not map this case: it answers a bare 500.
                return Error(HttpStatusCode.InternalServerError, "InternalServerError", "Internal Server Error");
            }

            if (FailAfterStoring is { } lost)
            {
                FailAfterStoring = null;
                return Error(lost, "UpstreamTimeout", "Answer lost after the write");
            }

            return Results.Json(new JsonObject { ["uri"] = $"at://{Did}/app.bsky.feed.post/{rkey}", ["cid"] = $"bafyrei{rkey}" });
        });

        app.MapGet("/xrpc/com.atproto.repo.getRecord", (string repo, string collection, string rkey) =>
            (repo == Did || repo == Handle) && collection == "app.bsky.feed.post" && records.TryGetValue(rkey, out var record)
                ? Results.Json(new JsonObject { ["uri"] = $"at://{Did}/app.bsky.feed.post/{rkey}", ["cid"] = $"bafyrei{rkey}", ["value"] = record.DeepClone() })
                : Error(HttpStatusCode.BadRequest, "RecordNotFound", $"Could not locate record: at://{repo}/{collection}/{rkey}"));

        app.MapGet("/img/ok.png", () => Results.Bytes(TinyPng, "image/png"));
        app.MapGet("/img/big.png", () => Results.Bytes(new byte[BigImageBytes], "image/png"));
        app.MapGet("/img/big-unannounced.png", async (HttpResponse response) =>
        {
            // No Content-Length: the channel must stop reading by itself.
            response.ContentType = "image/png";
            var chunk = new byte[100_000];
            for (var i = 0; i < 11; i++)
            {
                await response.Body.WriteAsync(chunk);
                await response.Body.FlushAsync();
            }
        });
        app.MapGet("/img/page.html", () => Results.Content("<html></html>", "text/html"));
    }

    private bool ResolvesTo(JsonNode? strongRef)
    {
        var uri = strongRef?["uri"]?.GetValue<string>() ?? string.Empty;
        var prefix = $"at://{Did}/app.bsky.feed.post/";
        return uri.StartsWith(prefix, StringComparison.Ordinal)
            && records.ContainsKey(uri[prefix.Length..])
            && strongRef?["cid"]?.GetValue<string>() == $"bafyrei{uri[prefix.Length..]}";
    }

    private IResult? CheckAccess(HttpRequest request)
    {
        var token = Bearer(request);
        if (token is null)
        {
            return Error(HttpStatusCode.Unauthorized, "AuthMissing", "Authentication Required");
        }

        if (!accessTokens.TryGetValue(token, out var valid))
        {
            return Error(HttpStatusCode.BadRequest, "InvalidToken", "Bad token scope");
        }

        return valid ? null : Error(HttpStatusCode.BadRequest, "ExpiredToken", "Token has expired");
    }

    private JsonObject IssueSession()
    {
        var n = Interlocked.Increment(ref tokenCounter);
        var access = $"eyJhY2Nlc3Mi.contract-access-{n}.{Guid.NewGuid():N}";
        var refresh = $"eyJyZWZyZXNoIi.contract-refresh-{n}.{Guid.NewGuid():N}";
        accessTokens[access] = true;
        refreshTokens[refresh] = true;
        return new JsonObject { ["accessJwt"] = access, ["refreshJwt"] = refresh, ["handle"] = Handle, ["did"] = Did, ["active"] = true };
    }

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
    }

    // A 1x1 transparent PNG.
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
}
