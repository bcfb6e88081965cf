using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SyndicationBot.Tests.Contract;

namespace SyndicationBot.Tests.Channels.Webhook;

/// <summary>
/// Receivers as they behave: <c>/hook</c> verifies <c>X-SyndicationBot-Signature</c> over the raw body (401 when it
/// does not match) and the JSON fields; <c>/discord/{id}/{token}</c> wants <c>content</c> and answers the message with
/// <c>?wait=true</c>, 204 otherwise; <c>/slack</c> wants <c>text</c> and answers <c>ok</c>.
/// </summary>
public sealed class FakeWebhookServer : IAsyncDisposable
{
    public const string Secret = "webhook-hmac-5ecret";
    private static readonly HashSet<string> JsonFields = ["title", "summary", "url", "language", "channel", "postId"];
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> faults = new();
    private ContractServer? server;
    private long nextId = 1000;

    public Uri BaseAddress => server!.BaseAddress;

    public ConcurrentQueue<JsonObject> Received { get; } = new();

    public ChaosMonkey? Chaos { get; set; }

    /// <summary>Requests this server holds open on purpose right now (injected hangs).</summary>
    public RequestCounter Hanging { get; } = new();

    public ConcurrentQueue<string> Deliveries { get; } = new();

    public static async Task<FakeWebhookServer> StartAsync()
    {
        var fake = new FakeWebhookServer();
        fake.server = await ContractServer.StartAsync(app =>
        {
            app.MapPost("/hook", fake.JsonHookAsync);
            app.MapPost("/discord/{id}/{token}", fake.DiscordAsync);
            app.MapPost("/slack", fake.SlackAsync);
        });
        return fake;
    }

    public void InjectFault(Func<HttpContext, Task<bool>> fault) => faults.Enqueue(fault);

    public ValueTask DisposeAsync() => server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task JsonHookAsync(HttpContext context)
    {
        if (faults.TryDequeue(out var fault) && await fault(context))
        {
            return;
        }

        var chaos = Chaos?.Next() ?? ChaosFault.None;
        switch (chaos)
        {
            case ChaosFault.ServiceUnavailable:
                context.Response.StatusCode = 503;
                return;
            case ChaosFault.ResetBeforeCommit:
                context.Abort();
                return;
            case ChaosFault.Hang:
                await ChaosMonkey.HangAsync(context, Hanging);
                return;
            case ChaosFault.RateLimited:
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), raw)).ToLowerInvariant();
        var given = context.Request.Headers["X-SyndicationBot-Signature"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given)))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "bad signature" });
            return;
        }

        if (JsonNode.Parse(raw) is not JsonObject body
            || body.Any(p => !JsonFields.Contains(p.Key))
            || body["title"]?.GetValueKind() != JsonValueKind.String
            || body["summary"]?.GetValueKind() != JsonValueKind.String
            || body["postId"]?.GetValueKind() != JsonValueKind.Number)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "unexpected payload" });
            return;
        }

        Received.Enqueue(body);
        Deliveries.Enqueue(context.Request.Headers["X-SyndicationBot-Delivery"].ToString());
        if (chaos == ChaosFault.ResetAfterCommit)
        {
            context.Abort();
            return;
        }

        var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = id, ["url"] = $"{BaseAddress}items/{id}" });
    }

    private async Task DiscordAsync(HttpContext context)
    {
        if (faults.TryDequeue(out var fault) && await fault(context))
        {
            return;
        }

        if (JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) is not JsonObject body || body["content"] is null)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "Cannot send an empty message", ["code"] = 50006 });
            return;
        }

        Received.Enqueue(body);
        if (context.Request.Query["wait"] != "true")
        {
            context.Response.StatusCode = 204;
            return;
        }

        var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = id, ["content"] = (string?)body["content"], ["channel_id"] = "42" });
    }

    private async Task SlackAsync(HttpContext context)
    {
        if (JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) is not JsonObject body || body["text"] is null)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("invalid_payload");
            return;
        }

        Received.Enqueue(body);
        await context.Response.WriteAsync("ok");
    }
}
