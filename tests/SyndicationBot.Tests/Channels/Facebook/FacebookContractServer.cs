using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SyndicationBot.Tests.Channels.Facebook;

/// <summary>
/// A local Graph API that enforces what graph.facebook.com enforces on <c>POST /{version}/{page-id}/feed</c>:
/// the Page token, an <c>appsecret_proof</c> recomputed from the app secret (the server's own HMAC, not the
/// channel's), consecutive-duplicate refusal (506), throttling codes with <c>X-Business-Use-Case-Usage</c>,
/// and injected faults. It also serves what a lookup and a retraction use, under the same token and proof (the token
/// as <c>Authorization: Bearer</c> or <c>access_token</c>): <c>GET /{version}/{page-id}/posts</c> (newest first,
/// <c>fields</c> from the Page Post's own, <c>limit</c> at most 100, <c>since</c> in Unix seconds, cursor paging with
/// <c>paging.cursors.after</c> and <c>paging.next</c>), <c>POST /{version}/{post-id}</c> with a new <c>message</c> (edit)
/// and <c>DELETE /{version}/{post-id}</c>, each answering <c>{"success":true}</c>.
/// </summary>
internal sealed partial class FacebookContractServer : IAsyncDisposable
{
    public const string PageId = "1647395831";

    private static readonly HashSet<string> PostFields = ["id", "message", "created_time", "permalink_url", "updated_time", "from", "story", "full_picture", "is_published", "status_type", "attachments"];
    private readonly WebApplication app;
    private readonly string appSecret;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, PagePost> pagePosts = new();
    private string? lastMessage;
    private int postCounter;

    private FacebookContractServer(WebApplication app, string pageToken, string appSecret, TimeProvider time)
    {
        this.app = app;
        this.time = time;
        PageToken = pageToken;
        this.appSecret = appSecret;
    }

    /// <summary>The one Page token the server accepts; change it to revoke the old one.</summary>
    public string PageToken { get; set; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>When set, the feed answers this throttling code with <see cref="RegainAccessMinutes"/> in the BUC header.</summary>
    public int? ThrottleCode { get; set; }

    public int RegainAccessMinutes { get; set; }

    /// <summary>Faults answered before normal behaviour, one per call: 500 (Graph code 2), 503 (HTML page), or 0 to store the post and drop the connection.</summary>
    public ConcurrentQueue<int> Faults { get; } = new();

    public ConcurrentQueue<(string? Message, string? Link)> Posts { get; } = new();

    /// <summary>The Page's posts as they stand now (edited, deleted ones gone), by id.</summary>
    public IReadOnlyDictionary<string, PagePost> PagePosts => pagePosts;

    /// <summary>Ids deleted through <c>DELETE /{version}/{post-id}</c>.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    public int LookupRequests => Volatile.Read(ref lookupRequests);

    /// <summary>Faults answered by the next reads, edits or deletes: 500 (Graph code 2), or a throttling code (4, 17, 32, 613).</summary>
    public ConcurrentQueue<int> ReadFaults { get; } = new();

    private int lookupRequests;
    private int duplicateResponses;

    /// <summary>Consecutive-duplicate refusals (506) sent: each one is a resend of the Page's latest post.</summary>
    public int DuplicateResponses => Volatile.Read(ref duplicateResponses);

    /// <summary>Every request line as received (path and query), for checks on what a URL may carry.</summary>
    public ConcurrentQueue<string> RequestTargets { get; } = new();

    public static async Task<FacebookContractServer> StartAsync(string pageToken, string appSecret, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FacebookContractServer(app, pageToken, appSecret, time ?? new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero)));
        app.MapPost("/{version}/{pageId}/feed", server.HandleAsync);
        app.MapGet("/{version}/{pageId}/posts", server.ListPostsAsync);
        app.MapPost("/{version}/{postId}", server.EditPostAsync);
        app.MapDelete("/{version}/{postId}", server.DeletePostAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static IResult GraphError(int code, string type, string message, int? subcode = null, bool? transient = null, int status = 400)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code, ["fbtrace_id"] = "AbCdEfGhIjK" };
        if (subcode is { } s)
        {
            error["error_subcode"] = s;
        }

        if (transient is { } t)
        {
            error["is_transient"] = t;
        }

        return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
    }

    private async Task<IResult> HandleAsync(string version, string pageId, HttpContext context)
    {
        var request = context.Request;
        RequestTargets.Enqueue($"{request.Path}{request.QueryString}");
        if (!VersionShape().IsMatch(version))
        {
            return GraphError(2500, "OAuthException", "Unknown path components: /" + version);
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var token = form?["access_token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return GraphError(104, "OAuthException", "An access token is required to request this resource.");
        }

        if (token != PageToken)
        {
            return GraphError(190, "OAuthException", "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.", 460);
        }

        var proof = request.Query["appsecret_proof"].ToString();
        if (proof.Length == 0)
        {
            return GraphError(100, "GraphMethodException", "appsecret_proof argument must be passed as a parameter");
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(token)));
        if (proof != expected)
        {
            return GraphError(100, "GraphMethodException", "Invalid appsecret_proof provided in the API argument");
        }

        if (pageId != PageId)
        {
            return GraphError(100, "GraphMethodException", $"Unsupported post request. Object with ID '{pageId}' does not exist", 33);
        }

        context.Response.Headers["X-Business-Use-Case-Usage"] = Usage(ThrottleCode is null ? 0 : RegainAccessMinutes);
        if (ThrottleCode is { } throttle)
        {
            return GraphError(throttle, "OAuthException", throttle == 32 ? "Page request limit reached" : "Application request limit reached", transient: true);
        }

        var fault = Faults.TryDequeue(out var f) ? f : (int?)null;
        if (fault == 500)
        {
            return GraphError(2, "OAuthException", "An unexpected error has occurred. Please retry your request later.", transient: true, status: 500);
        }

        if (fault == 503)
        {
            return Results.Content("<html><body>Service Unavailable</body></html>", "text/html", statusCode: 503);
        }

        var message = form?["message"].ToString();
        var link = form?["link"].ToString();
        if (string.IsNullOrEmpty(message) && string.IsNullOrEmpty(link))
        {
            return GraphError(100, "OAuthException", "(#100) Missing message or attachment");
        }

        if (message == lastMessage)
        {
            Interlocked.Increment(ref duplicateResponses);
            return GraphError(506, "OAuthException", "Duplicate status message", 1455006);
        }

        lastMessage = message;
        Posts.Enqueue((message, string.IsNullOrEmpty(link) ? null : link));
        var id = $"{PageId}_{Interlocked.Increment(ref postCounter)}";
        pagePosts[id] = new PagePost(id, message, string.IsNullOrEmpty(link) ? null : link, time.GetUtcNow(), postCounter);
        if (fault == 0)
        {
            context.Abort();
            return Results.Empty;
        }

        return Results.Json(new JsonObject { ["id"] = id });
    }

    private async Task<IResult> ListPostsAsync(string version, string pageId, HttpContext context)
    {
        if (await ReadPreludeAsync(version, context) is { } refused)
        {
            return refused;
        }

        if (pageId != PageId)
        {
            return GraphError(100, "GraphMethodException", $"Unsupported get request. Object with ID '{pageId}' does not exist", 33);
        }

        var query = context.Request.Query;
        var fields = query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (fields.FirstOrDefault(f => !PostFields.Contains(f)) is { } unknown)
        {
            return GraphError(100, "OAuthException", $"(#100) Tried accessing nonexisting field ({unknown}) on node type (PagePost)");
        }

        var limit = 25;
        if (query.TryGetValue("limit", out var limitValue) && (!int.TryParse(limitValue, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            return GraphError(100, "OAuthException", "(#100) The parameter limit must be between 1 and 100");
        }

        long? since = null;
        if (query.TryGetValue("since", out var sinceValue))
        {
            if (!long.TryParse(sinceValue, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                return GraphError(100, "OAuthException", "(#100) The parameter since is not a valid time");
            }

            since = seconds;
        }

        var after = query.TryGetValue("after", out var afterValue) ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(afterValue.ToString())), System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
        var all = pagePosts.Values
            .Where(p => p.Order < after && (since is null || p.CreatedAt.ToUnixTimeSeconds() >= since))
            .OrderByDescending(p => p.Order)
            .ToList();
        var page = all.Take(limit).ToList();
        var data = new JsonArray([.. page.Select(p =>
        {
            var node = new JsonObject { ["id"] = p.Id };
            if (fields.Contains("message") && p.Message is not null)
            {
                node["message"] = p.Message;
            }

            if (fields.Contains("created_time"))
            {
                node["created_time"] = p.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", System.Globalization.CultureInfo.InvariantCulture);
            }

            if (fields.Contains("permalink_url"))
            {
                node["permalink_url"] = $"https://www.facebook.com/{p.Id.Replace('_', '/')}";
            }

            return (JsonNode)node;
        })]);
        var body = new JsonObject { ["data"] = data };
        if (page.Count > 0)
        {
            var paging = new JsonObject
            {
                ["cursors"] = new JsonObject
                {
                    ["before"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[0].Order.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                    ["after"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Order.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                },
            };
            if (all.Count > page.Count)
            {
                paging["next"] = $"{BaseUrl}{version}/{PageId}/posts?limit={limit}&after={Uri.EscapeDataString((string)paging["cursors"]!["after"]!)}";
            }

            body["paging"] = paging;
        }

        return Results.Json(body);
    }

    private async Task<IResult> EditPostAsync(string version, string postId, HttpContext context)
    {
        if (await ReadPreludeAsync(version, context) is { } refused)
        {
            return refused;
        }

        if (!pagePosts.TryGetValue(postId, out var post))
        {
            return GraphError(100, "GraphMethodException", $"Unsupported post request. Object with ID '{postId}' does not exist", 33);
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        var message = form?["message"].ToString();
        if (string.IsNullOrEmpty(message))
        {
            return GraphError(100, "OAuthException", "(#100) Missing message");
        }

        pagePosts[postId] = post with { Message = message };
        return Results.Json(new JsonObject { ["success"] = true });
    }

    private async Task<IResult> DeletePostAsync(string version, string postId, HttpContext context)
    {
        if (await ReadPreludeAsync(version, context) is { } refused)
        {
            return refused;
        }

        if (!pagePosts.TryRemove(postId, out _))
        {
            return GraphError(100, "GraphMethodException", $"Unsupported delete request. Object with ID '{postId}' does not exist", 33);
        }

        Deleted.Enqueue(postId);
        return Results.Json(new JsonObject { ["success"] = true });
    }

    // The version, the token (header or parameter), the proof, the usage header and injected faults; null when it may go on.
    private async Task<IResult?> ReadPreludeAsync(string version, HttpContext context)
    {
        Interlocked.Increment(ref lookupRequests);
        var request = context.Request;
        RequestTargets.Enqueue($"{request.Path}{request.QueryString}");
        if (!VersionShape().IsMatch(version))
        {
            return GraphError(2500, "OAuthException", "Unknown path components: /" + version);
        }

        var header = request.Headers.Authorization.ToString();
        var form = HttpMethods.IsPost(request.Method) && request.HasFormContentType ? await request.ReadFormAsync() : null;
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..]
            : header.StartsWith("OAuth ", StringComparison.Ordinal) ? header["OAuth ".Length..]
            : form?["access_token"].ToString() is { Length: > 0 } inForm ? inForm
            : request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return GraphError(104, "OAuthException", "An access token is required to request this resource.");
        }

        if (token != PageToken)
        {
            return GraphError(190, "OAuthException", "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.", 460);
        }

        var proof = request.Query["appsecret_proof"].ToString();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(token)));
        if (proof != expected)
        {
            return GraphError(100, "GraphMethodException", proof.Length == 0 ? "appsecret_proof argument must be passed as a parameter" : "Invalid appsecret_proof provided in the API argument");
        }

        var fault = ReadFaults.TryDequeue(out var f) ? f : (int?)null;
        context.Response.Headers["X-Business-Use-Case-Usage"] = Usage(fault is null or 500 ? 0 : RegainAccessMinutes);
        return fault switch
        {
            null => null,
            500 => GraphError(2, "OAuthException", "An unexpected error has occurred. Please retry your request later.", transient: true, status: 500),
            _ => GraphError(fault.Value, "OAuthException", fault == 32 ? "Page request limit reached" : "Application request limit reached", transient: true),
        };
    }

    private static string Usage(int regainMinutes) =>
        new JsonObject
        {
            [PageId] = new JsonArray(new JsonObject
            {
                ["type"] = "pages",
                ["call_count"] = regainMinutes > 0 ? 100 : 4,
                ["total_cputime"] = 2,
                ["total_time"] = 3,
                ["estimated_time_to_regain_access"] = regainMinutes,
            }),
        }.ToJsonString();

    [GeneratedRegex(@"^v\d+\.\d+$")]
    private static partial Regex VersionShape();
}

/// <summary>A post on the Page: its id, message, link, when it was made, and its place in the feed.</summary>
internal sealed record PagePost(string Id, string? Message, string? Link, DateTimeOffset CreatedAt, int Order);
