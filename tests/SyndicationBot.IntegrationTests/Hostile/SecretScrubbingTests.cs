using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Configuration;
using SyndicationBot.Hosting;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Ingestion;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Contract;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// Every network's server answers with an error page that echoes the request (URL, headers, body), as 404 pages of
/// webhook hosts and proxies do: no configured secret may reach the logs, the verbs' output or the database file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretScrubbingTests : IDisposable
{
    private const string WebhookToken = "Zq8xWebhookTok3nR4nd0mPartThatIsLong";
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["Channels:X:ConsumerKey"] = "xck-Consumer-Key-1234567890",
        ["Channels:X:ConsumerSecret"] = "xcs-Consumer-Secret-0987654321",
        ["Channels:X:AccessToken"] = "123456-xAccess+Token/With=Chars",
        ["Channels:X:AccessTokenSecret"] = "xats-Access-Token-Secret-55555",
        ["Channels:Mastodon:AccessToken"] = "mastodon-Token-abcdef123456",
        ["Channels:Bluesky:AppPassword"] = "abcd-efgh-ijkl-mnop",
        ["Channels:Telegram:BotToken"] = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        ["Channels:Facebook:PageAccessToken"] = "EAAB-page-token-ZZZZ-1234567890",
        ["Channels:Facebook:AppSecret"] = "fb-app-secret-ab12cd34ef56",
        ["Channels:Webhook:Secret"] = "webhook-signing-secret-778899",
    };

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Dispatch_EveryNetworkEchoesTheRequestInAnError_NoSecretInLogsVerbsOrDatabase()
    {
        // Arrange
        await using var echo = await ContractServer.StartAsync(app => app.Run(EchoAsync));
        var settings = Settings(echo.BaseAddress);
        var errors = new List<string?>();
        FakeLogCollector logs;
        using (var host = Build(settings))
        {
            logs = host.Services.GetFakeLogCollector();
            var queue = host.Services.GetRequiredService<IPostQueue>();
            await queue.InitializeAsync(CancellationToken.None);
            var ingestor = host.Services.GetRequiredService<ArticleIngestor>();
            await ingestor.IngestAsync("seeds/page.txt", Encoding.UTF8.GetBytes(LedgerFailureTests.Page(1)), [], CancellationToken.None);

            // Act: every network answers once with its echo.
            await host.Services.GetRequiredService<Dispatcher>().RunOnceAsync(CancellationToken.None, CancellationToken.None);
            errors.AddRange((await queue.ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None)).Select(p => p.LastError));
        }

        var verbs = new StringBuilder();
        foreach (var verb in new[] { new[] { "status", "--json" }, ["history", "--json"], ["queue", "list", "--all", "--json"] })
        {
            verbs.AppendLine(await RunVerbAsync(settings, verb));
        }

        SqliteConnection.ClearAllPools();
        var database = string.Concat(Directory.EnumerateFiles(_folder.Combine("data"), "syndication.db*").Select(path => Encoding.UTF8.GetString(File.ReadAllBytes(path))));
        var logText = string.Join("\n", logs.GetSnapshot().Select(record => record.Message + " " + record.Exception));

        // Assert: the echoes did reach the errors (masked), and no form of any secret is anywhere.
        Assert.True(errors.Count(error => error?.Contains(SecretRedactor.Mask, StringComparison.Ordinal) == true) >= 4, string.Join("\n", errors));
        Assert.Contains(SecretRedactor.Mask, logText, StringComparison.Ordinal);
        foreach (var secret in Forms())
        {
            Assert.False(logText.Contains(secret, StringComparison.Ordinal), $"the logs hold '{secret}'");
            Assert.False(verbs.ToString().Contains(secret, StringComparison.Ordinal), $"the verbs print '{secret}'");
            Assert.False(database.Contains(secret, StringComparison.Ordinal), $"the database holds '{secret}'");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.Combine("data", "syndication.db")));
    }

    [Fact]
    public void Redact_WebhookUrl_MasksTheUrlItsTokenSegmentAndTheirEncodedForms()
    {
        // Arrange
        var url = $"https://discord.com/api/webhooks/123456789012345678/{WebhookToken}";
        var target = new SecretRedactor([url, "p@ss/word+1"]);
        var text = $"404 for {url} token={Uri.EscapeDataString(WebhookToken)} json=\"{url.Replace("/", "\\/", StringComparison.Ordinal)}\" seg {WebhookToken} pw {Uri.EscapeDataString("p@ss/word+1")}";

        // Act
        var redacted = target.Redact(text)!;

        // Assert
        Assert.DoesNotContain(WebhookToken, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("p%40ss", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", redacted, StringComparison.Ordinal);
        Assert.Contains("404 for ***", redacted, StringComparison.Ordinal);
        Assert.Contains("discord.com", target.Redact("see discord.com/api/webhooks for help"), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Forms() =>
        Secrets.Values.Append(WebhookToken).SelectMany(secret => new[] { secret, Uri.EscapeDataString(secret) }).Distinct(StringComparer.Ordinal);

    // The request as a proxy's error page shows it: method and URL, every header, the body.
    private static async Task EchoAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var echo = new StringBuilder();
        echo.Append(CultureInfo.InvariantCulture, $"Not found: {context.Request.Method} {context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}\n");
        foreach (var header in context.Request.Headers)
        {
            echo.Append(CultureInfo.InvariantCulture, $"{header.Key}: {header.Value}\n");
        }

        echo.Append(body);
        var text = echo.ToString();

        // Each network's own error shape, so its classifier takes the echo as the network's message.
        var path = context.Request.Path.Value ?? string.Empty;
        var quoted = System.Text.Json.JsonSerializer.Serialize(text);
        var (status, json) =
            path.StartsWith("/bot", StringComparison.Ordinal) ? (400, $$"""{"ok":false,"error_code":400,"description":{{quoted}}}""")
            : path.StartsWith("/xrpc/", StringComparison.Ordinal) ? (400, $$"""{"error":"InvalidRequest","message":{{quoted}}}""")
            : path.StartsWith("/api/v1/", StringComparison.Ordinal) ? (422, $$"""{"error":{{quoted}}}""")
            : path.StartsWith("/2/", StringComparison.Ordinal) ? (400, $$"""{"title":"Invalid Request","detail":{{quoted}},"errors":[{"message":{{quoted}}}]}""")
            : path.StartsWith("/api/webhooks/", StringComparison.Ordinal) ? (404, text)
            : (400, """{"error":{"message":""" + quoted + ""","type":"OAuthException","code":100}}""");
        context.Response.StatusCode = status;
        context.Response.ContentType = status == 404 ? "text/plain" : "application/json";
        await context.Response.WriteAsync(json);
    }

    private static Dictionary<string, string?> Settings(Uri server)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Schedule:MinSpacing"] = "00:00:00",
            ["Channels:Outbox:Enabled"] = "false",
            ["Channels:X:Enabled"] = "true",
            ["Channels:X:BaseUrl"] = server.AbsoluteUri,
            ["Channels:Mastodon:Enabled"] = "true",
            ["Channels:Mastodon:BaseUrl"] = server.AbsoluteUri,
            ["Channels:Bluesky:Enabled"] = "true",
            ["Channels:Bluesky:BaseUrl"] = server.AbsoluteUri,
            ["Channels:Bluesky:Identifier"] = "newsroom.example.org",
            ["Channels:Telegram:Enabled"] = "true",
            ["Channels:Telegram:BaseUrl"] = server.AbsoluteUri,
            ["Channels:Telegram:ChatId"] = "@newsroom",
            ["Channels:Facebook:Enabled"] = "true",
            ["Channels:Facebook:BaseUrl"] = server.AbsoluteUri,
            ["Channels:Facebook:PageId"] = "1234567890",
            ["Channels:Webhook:Enabled"] = "true",
            ["Channels:Webhook:Url"] = new Uri(server, $"api/webhooks/123456789012345678/{WebhookToken}").AbsoluteUri,
        };
        foreach (var network in new[] { "X", "Mastodon", "Bluesky", "Telegram", "Facebook", "Webhook" })
        {
            settings[$"Channels:{network}:Resilience:PermitsPerWindow"] = "0";
            settings[$"Channels:{network}:Resilience:MaxRetryAttempts"] = "0";
        }

        foreach (var (key, value) in Secrets)
        {
            settings[key] = value;
        }

        return settings;
    }

    private IHost Build(Dictionary<string, string?> settings)
    {
        var builder = TestHost.CreateBuilder(_folder, settings, _time);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();
        return builder.Build();
    }

    private async Task<string> RunVerbAsync(Dictionary<string, string?> settings, string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        await SyndicationBotCommandLine.InvokeAsync(args, configurationArgs => TestHost.CreateBuilder(_folder, settings, _time, configurationArgs), output, error);
        return output + "\n" + error;
    }
}
