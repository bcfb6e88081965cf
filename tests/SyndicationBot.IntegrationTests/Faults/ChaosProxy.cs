using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SyndicationBot.Tests.Contract;

namespace SyndicationBot.IntegrationTests.Faults;

/// <summary>
/// A fault-injecting reverse proxy on 127.0.0.1 in front of one network's contract server. Requests that create a
/// post are faulted as the network shows faults (503, a reset before the upstream sees the request, a reset after the
/// upstream stored the post, a hang, a 429 with the network's own reset header); everything else passes through.
/// The contract server behind it still enforces the contract and keeps what was really stored.
/// </summary>
/// <remarks>
/// A proxy rather than a fault switch in each contract server: the Bluesky and Telegram servers have no per-request
/// chaos, and one place that sees every request can tell the test when only hanging requests are left (the moment to
/// move the fake clock) and which fault each post met.
/// </remarks>
public sealed partial class ChaosProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly FaultNetwork network;
    private readonly Uri upstream;
    private readonly TimeProvider time;
    private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private ContractServer? server;
    private int inFlight;

    private ChaosProxy(FaultNetwork network, Uri upstream, TimeProvider time)
    {
        this.network = network;
        this.upstream = upstream;
        this.time = time;
    }

    public Uri BaseAddress => server!.BaseAddress;

    /// <summary>Draws a fault for each create request; null: no random faults.</summary>
    public ChaosMonkey? Chaos { get; set; }

    /// <summary>Faults used before any drawn by <see cref="Chaos"/>, one per create request.</summary>
    public ConcurrentQueue<ChaosFault> Script { get; } = new();

    /// <summary>While true, every create request answers 503: the network is down.</summary>
    public bool Outage { get; set; }

    /// <summary>How far ahead the reset of an injected 429 lies.</summary>
    public TimeSpan RateLimitReset { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every create request, in arrival order.</summary>
    public ConcurrentQueue<FaultRecord> Requests { get; } = new();

    /// <summary>Requests being answered right now that are not hanging on purpose: while any, the fake clock must hold still.</summary>
    public int Busy => Volatile.Read(ref inFlight) - Hanging.Count;

    /// <summary>Requests held open on purpose right now (injected hangs).</summary>
    public RequestCounter Hanging { get; } = new();

    public static async Task<ChaosProxy> StartAsync(FaultNetwork network, Uri upstream, TimeProvider time)
    {
        var proxy = new ChaosProxy(network, new Uri(upstream.GetLeftPart(UriPartial.Authority)), time);
        proxy.server = await ContractServer.StartAsync(app => app.Run(proxy.HandleAsync));
        return proxy;
    }

    /// <summary>The create requests that carried the post with this marker number.</summary>
    public IReadOnlyList<FaultRecord> RequestsFor(long marker) => [.. Requests.Where(r => r.Marker == marker)];

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        client.Dispose();
    }

    /// <summary>The text every fault-run post carries, so each request can be traced to its post.</summary>
    public static string Marker(long number) => string.Create(CultureInfo.InvariantCulture, $"[fr {number}]");

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref inFlight);
        try
        {
            var body = await ReadBodyAsync(context.Request);
            if (!IsCreate(context.Request))
            {
                await ForwardAsync(context, body, abortAfter: false);
                return;
            }

            var fault = Script.TryDequeue(out var scripted) ? scripted
                : Outage ? ChaosFault.ServiceUnavailable
                : Chaos?.Next() ?? ChaosFault.None;
            var text = Encoding.UTF8.GetString(body);
            if (context.Request.HasFormContentType)
            {
                // The Graph API takes a form body: the marker's brackets and space travel percent-encoded.
                text = Uri.UnescapeDataString(text.Replace('+', ' '));
            }

            var marker = MarkerPattern().Match(text) is { Success: true } m
                ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
                : (long?)null;
            var record = new FaultRecord(marker, fault, time.GetUtcNow());
            Requests.Enqueue(record);
            switch (fault)
            {
                case ChaosFault.ServiceUnavailable:
                    await ServiceUnavailableAsync(context);
                    return;
                case ChaosFault.ResetBeforeCommit:
                    context.Abort();
                    return;
                case ChaosFault.Hang:
                    await ChaosMonkey.HangAsync(context, Hanging);
                    return;
                case ChaosFault.RateLimited:
                    await RateLimitedAsync(context);
                    return;
                default:
                    record.UpstreamStatus = await ForwardAsync(context, body, abortAfter: fault == ChaosFault.ResetAfterCommit);
                    return;
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private bool IsCreate(HttpRequest request) => HttpMethods.IsPost(request.Method) && network switch
    {
        FaultNetwork.X => request.Path == "/2/tweets",
        FaultNetwork.Mastodon => request.Path == "/api/v1/statuses",
        FaultNetwork.Bluesky => request.Path == "/xrpc/com.atproto.repo.createRecord",
        FaultNetwork.Telegram => request.Path.Value?.EndsWith("/sendMessage", StringComparison.OrdinalIgnoreCase) == true,
        FaultNetwork.Facebook => request.Path.Value?.EndsWith("/feed", StringComparison.Ordinal) == true,
        _ => false,
    };

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private async Task<int> ForwardAsync(HttpContext context, byte[] body, bool abortAfter)
    {
        var incoming = context.Request;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(upstream, incoming.Path + incoming.QueryString));

        // The X server checks the OAuth signature over the host the client signed for: the proxy's.
        request.Headers.Host = incoming.Host.Value;
        if (body.Length > 0 || incoming.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        var status = (int)response.StatusCode;
        if (abortAfter)
        {
            // The upstream has answered (and stored the post when it said 2xx); the client never hears of it.
            context.Abort();
            return status;
        }

        context.Response.StatusCode = status;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await context.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync(context.RequestAborted), context.RequestAborted);
        return status;
    }

    private Task ServiceUnavailableAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return network switch
        {
            FaultNetwork.X => Json(context, new JsonObject { ["title"] = "Service Unavailable", ["detail"] = "Service Unavailable", ["type"] = "about:blank", ["status"] = 503 }, "application/problem+json"),
            FaultNetwork.Mastodon => Json(context, new JsonObject { ["error"] = "There was a temporary problem serving your request, please try again" }),
            FaultNetwork.Bluesky => Json(context, new JsonObject { ["error"] = "NotEnoughResources", ["message"] = "Service Unavailable" }),
            FaultNetwork.Facebook => Json(context, new JsonObject { ["error"] = new JsonObject { ["message"] = "An unexpected error has occurred. Please retry your request later.", ["type"] = "OAuthException", ["code"] = 2, ["is_transient"] = true, ["fbtrace_id"] = "FaultRun" } }),
            _ => Json(context, new JsonObject { ["ok"] = false, ["error_code"] = 503, ["description"] = "Service Unavailable" }),
        };
    }

    // Each network's own way of saying when to come back: epoch seconds, ISO 8601, retry_after.
    private Task RateLimitedAsync(HttpContext context)
    {
        var reset = time.GetUtcNow() + RateLimitReset;
        var headers = context.Response.Headers;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        switch (network)
        {
            case FaultNetwork.X:
                headers["x-rate-limit-limit"] = "100";
                headers["x-rate-limit-remaining"] = "0";
                headers["x-rate-limit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return Json(context, new JsonObject { ["title"] = "Too Many Requests", ["detail"] = "Too Many Requests", ["type"] = "about:blank", ["status"] = 429 }, "application/problem+json");
            case FaultNetwork.Mastodon:
                headers["X-RateLimit-Limit"] = "300";
                headers["X-RateLimit-Remaining"] = "0";
                headers["X-RateLimit-Reset"] = reset.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
                return Json(context, new JsonObject { ["error"] = "Too many requests" });
            case FaultNetwork.Bluesky:
                headers["RateLimit-Limit"] = "5000";
                headers["RateLimit-Remaining"] = "0";
                headers["RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                headers["RateLimit-Policy"] = "5000;w=3600";
                return Json(context, new JsonObject { ["error"] = "RateLimitExceeded", ["message"] = "Rate Limit Exceeded" });
            case FaultNetwork.Facebook:
                // The Graph API throttles with code 32 and says when in the BUC header, in whole minutes.
                var minutes = (int)Math.Ceiling(RateLimitReset.TotalMinutes);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                headers["X-Business-Use-Case-Usage"] = new JsonObject
                {
                    ["1647395831"] = new JsonArray(new JsonObject { ["type"] = "pages", ["call_count"] = 100, ["total_cputime"] = 3, ["total_time"] = 4, ["estimated_time_to_regain_access"] = minutes }),
                }.ToJsonString();
                return Json(context, new JsonObject { ["error"] = new JsonObject { ["message"] = "Page request limit reached", ["type"] = "OAuthException", ["code"] = 32, ["is_transient"] = true, ["fbtrace_id"] = "FaultRun" } });
            default:
                var seconds = (int)Math.Ceiling(RateLimitReset.TotalSeconds);
                return Json(context, new JsonObject
                {
                    ["ok"] = false,
                    ["error_code"] = 429,
                    ["description"] = string.Create(CultureInfo.InvariantCulture, $"Too Many Requests: retry after {seconds}"),
                    ["parameters"] = new JsonObject { ["retry_after"] = seconds },
                });
        }
    }

    private static Task Json(HttpContext context, JsonObject body, string contentType = "application/json")
    {
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex(@"\[fr (\d+)\]")]
    private static partial Regex MarkerPattern();
}
