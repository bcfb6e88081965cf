using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Ingestion;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Publishing.Budget;

/// <summary>Issue 14, acceptance 5, through the real graph: a channel's budget holds its posts back, visibly.</summary>
public sealed class BudgetPolicyTests : IDisposable
{
    // 08:00 UTC is 09:00 in Africa/Casablanca (+01): the local day ends at 23:00 UTC.
    private static readonly DateTimeOffset Start = TestHost.DefaultStart;
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task RunOnceAsync_PostsPerDayTwo_ThirdDeferredToTheNextDayShownByStatusThenPublished()
    {
        // Arrange
        using var host = BuildHost(new() { ["Channels:Outbox:Budget:PostsPerDay"] = "2" });
        await IngestThreeAsync(host);

        // Act
        await DispatchForAsync(host, TimeSpan.FromMinutes(10));
        var posts = await AllPostsAsync(host);
        var (_, status) = await StatusJsonAsync();
        var nextDay = new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero);
        _time.SetUtcNow(nextDay);
        await DispatchForAsync(host, TimeSpan.FromMinutes(1));
        var after = await AllPostsAsync(host);

        // Assert
        Assert.Equal(2, posts.Count(p => p.State == PostState.Published));
        var held = Assert.Single(posts, p => p.State == PostState.Queued);
        Assert.StartsWith("Budget: PostsPerDay 2 reached on outbox (2 published on 2026-11-29); deferred to the next period, 2026-11-30T00:00:00+01:00", held.LastError, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(status);
        var budget = Assert.Single(document.RootElement.GetProperty("budgets").EnumerateArray());
        Assert.Equal(("outbox", 2, 2, 3), (budget.GetProperty("channel").GetString(), budget.GetProperty("postsToday").GetInt32(), budget.GetProperty("postsPerDay").GetInt32(), budget.GetProperty("forecastPosts").GetInt32()));
        Assert.Equal(held.Id, Assert.Single(document.RootElement.GetProperty("budgetDeferred").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.All(after, p => Assert.Equal(PostState.Published, p.State));
        Assert.Equal(nextDay, after.Single(p => p.Id == held.Id).PublishedAt);
    }

    [Fact]
    public async Task RunOnceAsync_MoneyPerMonthWithLinkPrice_PostBeyondSkippedWithTheReason()
    {
        // Arrange: posts with a link cost 0.20, the month allows 0.50: two go out, the third would cost 0.60.
        using var host = BuildHost(new()
        {
            ["Channels:Outbox:Budget:CostPerPost"] = "0.01",
            ["Channels:Outbox:Budget:CostPerPostWithLink"] = "0.20",
            ["Channels:Outbox:Budget:MoneyPerMonth"] = "0.50",
            ["Channels:Outbox:Budget:WhenExceeded"] = "Skip",
        });
        await IngestThreeAsync(host);

        // Act
        await DispatchForAsync(host, TimeSpan.FromMinutes(10));
        var posts = await AllPostsAsync(host);
        var (_, text) = await StatusTextAsync();

        // Assert
        Assert.Equal(2, posts.Count(p => p.State == PostState.Published));
        var skipped = Assert.Single(posts, p => p.State == PostState.Skipped);
        Assert.Equal("Budget: MoneyPerMonth 0.50 USD on outbox would be exceeded (0.40 spent in 2026-11, this post 0.20); skipped (WhenExceeded Skip)", skipped.LastError);
        Assert.Contains("BUDGET    outbox: 2 posts today (2026-11-29), 2 in 2026-11 (forecast 2), spent 0.40/0.50 USD (forecast 0.40 USD)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NegativeBudget_StopsNamingTheKey()
    {
        // Arrange
        using var host = BuildHost(new() { ["Channels:Outbox:Budget:PostsPerDay"] = "0", ["Channels:Outbox:Budget:MoneyPerMonth"] = "5" });

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Channels:outbox:Budget:PostsPerDay must be at least 1 (found 0)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Channels:outbox:Budget:MoneyPerMonth needs Channels:outbox:Budget:CostPerPost", exception.Message, StringComparison.Ordinal);
    }

    private static async Task IngestThreeAsync(IHost host)
    {
        var ingestor = host.Services.GetRequiredService<ArticleIngestor>();
        foreach (var (title, place) in new[] { ("Storm closes the port of Tangier", "Tangier"), ("Flooding cuts the road to Tetouan", "Tetouan"), ("Heat wave grips the city of Marrakech", "Marrakech") })
        {
            var page = $"{title}\nURL: https://news.example/{place.ToLowerInvariant()}\nThe authorities in {place} said on Tuesday that the situation would be reviewed in the morning, after a night of heavy weather.\nResidents were asked to stay at home and to follow the advice of the civil protection services in {place}.\n";
            await ingestor.IngestAsync($"seeds/{place}.txt", Encoding.UTF8.GetBytes(page), [], CancellationToken.None);
        }
    }

    private async Task DispatchForAsync(IHost host, TimeSpan span)
    {
        var dispatcher = host.Services.GetRequiredService<Dispatcher>();
        var end = _time.GetUtcNow() + span;
        while (_time.GetUtcNow() < end)
        {
            await dispatcher.RunOnceAsync(CancellationToken.None, CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(5));
        }
    }

    private static async Task<IReadOnlyList<QueuedPost>> AllPostsAsync(IHost host) =>
        await host.Services.GetRequiredService<IPostQueue>().ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None);

    private Task<(int Exit, string Output)> StatusJsonAsync() => RunAsync("status", "--json");

    private Task<(int Exit, string Output)> StatusTextAsync() => RunAsync("status");

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SyndicationBotCommandLine.InvokeAsync(args, settings => TestHost.CreateBuilder(_folder, _settings, _time, settings), output, error);
        return (exit, output.ToString());
    }

    private Dictionary<string, string?> _settings = [];

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        settings["Schedule:MinSpacing"] = "00:00:05";
        _settings = settings;
        return TestHost.CreateBuilder(_folder, settings, _time).Build();
    }
}
