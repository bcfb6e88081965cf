using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Hosting.Commands;

public sealed class StatusCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly TempLedger _ledger = new();

    public void Dispose() => _ledger.Dispose();

    private SqlitePostQueue Ledger => _ledger.Queue;

    [Fact]
    public async Task RunAsync_InDoubtPostAndPausedChannel_ReportsThemAndExitsOne()
    {
        // Arrange
        await Ledger.InitializeAsync(CancellationToken.None);
        await Ledger.EnqueueAsync(TestArticles.Create("Doubt"), [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        await Ledger.EnqueueAsync(TestArticles.Create("Paused"), [new(TestArticles.Draft("telegram"), Now)], Now, CancellationToken.None);
        var claimed = await Ledger.ClaimDueAsync(Now, "me", TimeSpan.FromMinutes(1), 10, CancellationToken.None);
        await Ledger.RecordAsync(claimed.Single(p => p.Channel == "x").Id, "me", new PostOutcome.InDoubt("time-out after sending"), Now, CancellationToken.None);
        await Ledger.RecordAsync(claimed.Single(p => p.Channel == "telegram").Id, "me", new PostOutcome.Released(Now.AddMinutes(15), "authentication failed: 401 Unauthorized"), Now, CancellationToken.None);
        var target = new StatusCommand(Ledger, [], new FakeTimeProvider(Now));
        using var output = new StringWriter();

        // Act
        var exit = await target.RunAsync(json: true, output, CancellationToken.None);

        // Assert
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.False(root.GetProperty("healthy").GetBoolean());
        Assert.Equal(1, root.GetProperty("posts").GetProperty("InDoubt").GetInt32());
        Assert.Equal("telegram", root.GetProperty("pausedChannels")[0].GetProperty("channel").GetString());
        Assert.Equal("time-out after sending", root.GetProperty("needsAttention")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RunAsync_NetworkAskedForAWaitBeyondTheCap_ShowsThePostAndWhatWasAsked()
    {
        // Arrange: what the dispatcher records when Telegram answers retry_after=2147483647.
        await Ledger.InitializeAsync(CancellationToken.None);
        await Ledger.EnqueueAsync(TestArticles.Create("Flooded"), [new(TestArticles.Draft("telegram"), Now)], Now, CancellationToken.None);
        var post = Assert.Single(await Ledger.ClaimDueAsync(Now, "me", TimeSpan.FromMinutes(1), 10, CancellationToken.None));
        var outcome = new SyndicationBot.Publishing.RetryPolicy(new SyndicationBot.Publishing.DispatchOptions(), () => 0.5)
            .Decide(post.Attempts, post.DueAt, "429 Too Many Requests", Now.AddSeconds(int.MaxValue), Now);
        await Ledger.RecordAsync(post.Id, "me", outcome, Now, CancellationToken.None);
        var target = new StatusCommand(Ledger, [], new FakeTimeProvider(Now));
        using var output = new StringWriter();

        // Act
        var exit = await target.RunAsync(json: false, output, CancellationToken.None);

        // Assert: retried automatically, so not a decision for the operator, but visible.
        Assert.Equal(0, exit);
        Assert.Contains($"CAPPED    post {post.Id} on telegram: 429 Too Many Requests (the network asked to wait until 2094-12-17T12:14:07.0000000+00:00, beyond Dispatch:MaxServerWait (1.00:00:00): not honoured, tried again at 2026-11-30T09:00:00.0000000+00:00)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EmptyLedger_IsHealthy()
    {
        // Arrange
        var target = new StatusCommand(Ledger, [], new FakeTimeProvider(Now));
        using var output = new StringWriter();

        // Act
        var exit = await target.RunAsync(json: false, output, CancellationToken.None);

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("Health:   ok", output.ToString(), StringComparison.Ordinal);
    }
}
