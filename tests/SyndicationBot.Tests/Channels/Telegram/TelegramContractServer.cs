using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SyndicationBot.Tests.Channels.Telegram;

/// <summary>
/// A local Bot API server that behaves like api.telegram.org for sendMessage: the token in the path, chats the
/// bot may or may not post to, strict HTML parse mode ("can't parse entities"), the 4096-character limit on the
/// visible text, flood limits with <c>parameters.retry_after</c>, group migration, and injected faults. For a
/// retraction it serves <c>deleteMessage</c> (a bot's own message, only within 48 hours of sending: "message can't be
/// deleted" after, "message to delete not found" for an unknown id) and <c>editMessageText</c> (HTML checked as for
/// sendMessage), on the same token and chats.
/// </summary>
internal sealed class TelegramContractServer : IAsyncDisposable
{
    public const string ChannelUsername = "syndication_news";
    public const long ChannelId = -1001234567890;
    public const long PrivateChannelId = -1003333333333;
    public const long NotMemberChannelId = -1009999999999;
    public const long NoRightsChannelId = -1007777777777;
    public const long OldGroupId = -4242;
    public const long SupergroupId = -1005555555555;

    private static readonly TimeSpan DeleteWindow = TimeSpan.FromHours(48);
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<(string Chat, int Id), (string Text, DateTimeOffset At)> held = new();
    private TimeProvider time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero));
    private int messageCounter;
    private int sendMessageCalls;

    private TelegramContractServer(WebApplication app, string token)
    {
        this.app = app;
        Token = token;
    }

    /// <summary>The one token the server accepts; change it to revoke the old one.</summary>
    public string Token { get; set; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>When set, every sendMessage answers 429 with this retry_after.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>When set, every sendMessage answers 429 with this raw JSON as retry_after (a broken or hostile front end).</summary>
    public string? RetryAfterJson { get; set; }

    /// <summary>Faults answered before normal behaviour, one per call: a status code, or 0 to store the message and drop the connection.</summary>
    public ConcurrentQueue<int> Faults { get; } = new();

    /// <summary>When true, sendMessage never answers.</summary>
    public bool Hang { get; set; }

    public int SendMessageCalls => Volatile.Read(ref sendMessageCalls);

    public ConcurrentQueue<SentMessage> Messages { get; } = new();

    /// <summary>The messages the chats hold now (deleted ones gone, edited ones with their new text), by chat id as sent and message id.</summary>
    public IReadOnlyDictionary<(string Chat, int Id), (string Text, DateTimeOffset At)> Held => held;

    /// <summary>Message ids deleted through deleteMessage.</summary>
    public ConcurrentQueue<int> Deleted { get; } = new();

    /// <summary>The clock the 48-hour delete window is measured on.</summary>
    public TimeProvider Time
    {
        get => time;
        set => time = value;
    }

    public static async Task<TelegramContractServer> StartAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TelegramContractServer(app, token);
        app.MapPost("/bot{token}/{method}", server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static IResult Fail(int code, string description, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }

        return Results.Json(body, statusCode: code);
    }

    private async Task<IResult> HandleAsync(string token, string method, HttpContext context)
    {
        if (token != Token)
        {
            return Fail(401, "Unauthorized");
        }

        if (method is "deleteMessage" or "editMessageText")
        {
            return await ChangeAsync(method, await ReadParametersAsync(context.Request));
        }

        if (method != "sendMessage")
        {
            return Fail(404, "Not Found");
        }

        Interlocked.Increment(ref sendMessageCalls);
        var request = await ReadParametersAsync(context.Request);
        if (Hang)
        {
            var never = new TaskCompletionSource();
            using var registration = context.RequestAborted.Register(never.SetResult);
            await never.Task;
            return Results.Empty;
        }

        if (RetryAfterJson is { } raw)
        {
            var json = """{"ok":false,"error_code":429,"description":"Too Many Requests: retry later","parameters":{"retry_after":""" + raw + "}}";
            return Results.Content(json, "application/json", statusCode: 429);
        }

        if (RetryAfterSeconds is { } retryAfter)
        {
            return Fail(429, $"Too Many Requests: retry after {retryAfter}", new JsonObject { ["retry_after"] = retryAfter });
        }

        var fault = Faults.TryDequeue(out var f) ? f : (int?)null;
        if (fault is >= 500)
        {
            // Telegram's front end answers some outages with an HTML page, not the Bot API's JSON.
            return fault == 502
                ? Results.Content("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", statusCode: 502)
                : Fail(fault.Value, "Internal Server Error");
        }

        var chatId = request["chat_id"]?.ToString() ?? string.Empty;
        JsonObject chat;
        switch (chatId)
        {
            case "@" + ChannelUsername:
            case var id when id == ChannelId.ToString(CultureInfo.InvariantCulture):
                chat = new JsonObject { ["id"] = ChannelId, ["type"] = "channel", ["title"] = "Syndication News", ["username"] = ChannelUsername };
                break;
            case var id when id == PrivateChannelId.ToString(CultureInfo.InvariantCulture):
                chat = new JsonObject { ["id"] = PrivateChannelId, ["type"] = "channel", ["title"] = "Private News" };
                break;
            case var id when id == SupergroupId.ToString(CultureInfo.InvariantCulture):
                chat = new JsonObject { ["id"] = SupergroupId, ["type"] = "supergroup", ["title"] = "Upgraded Group" };
                break;
            case var id when id == NotMemberChannelId.ToString(CultureInfo.InvariantCulture):
                return Fail(403, "Forbidden: bot is not a member of the channel chat");
            case var id when id == NoRightsChannelId.ToString(CultureInfo.InvariantCulture):
                return Fail(400, "Bad Request: need administrator rights in the channel chat");
            case var id when id == OldGroupId.ToString(CultureInfo.InvariantCulture):
                return Fail(400, "Bad Request: group chat was upgraded to a supergroup chat", new JsonObject { ["migrate_to_chat_id"] = SupergroupId });
            default:
                return Fail(400, "Bad Request: chat not found");
        }

        var text = request["text"]?.ToString() ?? string.Empty;
        var parseMode = request["parse_mode"]?.ToString();
        string visible;
        // telegram-bot-api lower-cases parse_mode before matching it (Telegram.Bot sends "Html").
        if (string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase))
        {
            var (error, parsed) = TelegramHtml.Parse(text);
            if (error is not null)
            {
                return Fail(400, $"Bad Request: can't parse entities: {error}");
            }

            visible = parsed;
        }
        else
        {
            visible = text;
        }

        if (visible.Trim().Length == 0)
        {
            return Fail(400, "Bad Request: message text is empty");
        }

        if (visible.Length > 4096)
        {
            return Fail(400, "Bad Request: message is too long");
        }

        var messageId = Interlocked.Increment(ref messageCounter);
        Messages.Enqueue(new SentMessage(chatId, text, parseMode, request["link_preview_options"]?.DeepClone()));
        held[(chatId, messageId)] = (text, time.GetUtcNow());
        if (fault == 0)
        {
            // Posted, but the answer never arrives.
            context.Abort();
            return Results.Empty;
        }

        return Results.Json(new JsonObject
        {
            ["ok"] = true,
            ["result"] = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = 1_773_480_000 + messageId,
                ["chat"] = chat,
                ["text"] = visible,
            },
        });
    }

    private Task<IResult> ChangeAsync(string method, JsonObject request)
    {
        var chatId = request["chat_id"]?.ToString() ?? string.Empty;
        if (!int.TryParse(request["message_id"]?.ToString(), CultureInfo.InvariantCulture, out var messageId))
        {
            return Task.FromResult(Fail(400, "Bad Request: message identifier is not specified"));
        }

        if (!held.TryGetValue((chatId, messageId), out var message))
        {
            return Task.FromResult(Fail(400, method == "deleteMessage" ? "Bad Request: message to delete not found" : "Bad Request: message to edit not found"));
        }

        if (method == "deleteMessage")
        {
            if (time.GetUtcNow() - message.At >= DeleteWindow)
            {
                return Task.FromResult(Fail(400, "Bad Request: message can't be deleted"));
            }

            held.TryRemove((chatId, messageId), out _);
            Deleted.Enqueue(messageId);
            return Task.FromResult(Results.Json(new JsonObject { ["ok"] = true, ["result"] = true }));
        }

        var text = request["text"]?.ToString() ?? string.Empty;
        if (string.Equals(request["parse_mode"]?.ToString(), "html", StringComparison.OrdinalIgnoreCase) && TelegramHtml.Parse(text).Error is { } error)
        {
            return Task.FromResult(Fail(400, $"Bad Request: can't parse entities: {error}"));
        }

        if (text.Trim().Length == 0)
        {
            return Task.FromResult(Fail(400, "Bad Request: message text is empty"));
        }

        held[(chatId, messageId)] = (text, message.At);
        return Task.FromResult(Results.Json(new JsonObject
        {
            ["ok"] = true,
            ["result"] = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = 1_773_480_000 + messageId,
                ["edit_date"] = time.GetUtcNow().ToUnixTimeSeconds(),
                ["chat"] = new JsonObject { ["id"] = ChannelId, ["type"] = "channel", ["title"] = "Syndication News", ["username"] = ChannelUsername },
                ["text"] = text,
            },
        }));
    }

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var parameters = new JsonObject();
            foreach (var (key, value) in form)
            {
                parameters[key] = key == "link_preview_options" ? JsonNode.Parse(value.ToString()) : value.ToString();
            }

            return parameters;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        return body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject();
    }

    internal sealed record SentMessage(string ChatId, string Text, string? ParseMode, JsonNode? LinkPreviewOptions);
}
