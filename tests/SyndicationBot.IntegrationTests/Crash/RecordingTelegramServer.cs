using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SyndicationBot.Tests.Contract;

namespace SyndicationBot.IntegrationTests.Crash;

/// <summary>
/// A Bot API stand-in on 127.0.0.1 that answers <c>sendMessage</c> like Telegram does and counts every message
/// it received by its text. Like the real network it has no idempotency key, so a re-sent post shows up as a
/// second count.
/// </summary>
public sealed class RecordingTelegramServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _received = new(StringComparer.Ordinal);
    private ContractServer? _server;
    private int _total;
    private int _nextMessageId = 1000;

    public Uri BaseAddress => _server?.BaseAddress ?? throw new InvalidOperationException("Start the server first.");

    public int Total => Volatile.Read(ref _total);

    public IReadOnlyDictionary<string, int> Received => _received;

    public static async Task<RecordingTelegramServer> StartAsync()
    {
        var recorder = new RecordingTelegramServer();
        recorder._server = await ContractServer.StartAsync(app => app.MapPost("/bot{token}/sendMessage", recorder.SendMessageAsync));
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<IResult> SendMessageAsync(HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        if (!body.RootElement.TryGetProperty("text", out var textElement) || textElement.GetString() is not { Length: > 0 } text)
        {
            return Results.Json(new { ok = false, error_code = 400, description = "Bad Request: message text is empty" }, statusCode: 400);
        }

        // Counted once the whole request has arrived, as the network would post it.
        _received.AddOrUpdate(text, 1, (_, count) => count + 1);
        Interlocked.Increment(ref _total);
        var id = Interlocked.Increment(ref _nextMessageId);
        return Results.Json(new
        {
            ok = true,
            result = new
            {
                message_id = id,
                date = 1_764_403_200,
                chat = new { id = -1001234567890, type = "channel", title = "Crash test", username = "crashtest" },
                text,
            },
        });
    }
}
