using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Hosting;
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
        await Ledger.RecordAsync(claimed.Single(p => p.Channel == "x").Lease!, new PostOutcome.InDoubt("time-out after sending"), Now, CancellationToken.None);
        await Ledger.RecordAsync(claimed.Single(p => p.Channel == "telegram").Lease!, new PostOutcome.Released(Now.AddMinutes(15), "authentication failed: 401 Unauthorized"), Now, CancellationToken.None);
        var target = CreateTarget();
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
        await Ledger.RecordAsync(post.Lease!, outcome, Now, CancellationToken.None);
        var target = CreateTarget();
        using var output = new StringWriter();

        // Act
        var exit = await target.RunAsync(json: false, output, CancellationToken.None);

        // Assert: retried automatically, so not a decision for the operator (no service runs here: exit 3, not 1), but visible.
        Assert.Equal(StatusCommand.NotRunning, exit);
        Assert.Contains($"CAPPED    post {post.Id} on telegram: 429 Too Many Requests (the network asked to wait until 2094-12-17T12:14:07.0000000+00:00, beyond Dispatch:MaxServerWait (1.00:00:00): not honoured, tried again at 2026-11-30T09:00:00.0000000+00:00)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoServiceHasRun_SaysNotRunningAndExitsThree()
    {
        // Arrange
        var target = CreateTarget();
        using var output = new StringWriter();

        // Act
        var exit = await target.RunAsync(json: false, output, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCommand.NotRunning, exit);
        Assert.Contains("Alive:    no service is running", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Health:   ok", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RecentHeartbeat_SaysRunningWithItsAgeAndExitsZero()
    {
        // Arrange
        await _ledger.Operations().BeatAsync("vm/42/abc", "dispatcher", Now.AddHours(-1), Now.AddSeconds(-7), CancellationToken.None);
        var target = CreateTarget();
        using var output = new StringWriter();

        // Act
        var exit = await target.RunAsync(json: false, output, CancellationToken.None);

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("Alive:    yes, a service is running: vm/42/abc (dispatcher 7 s ago)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StaleHeartbeat_SaysNotRunningWithTheLastBeatsAge()
    {
        // Arrange
        await _ledger.Operations().BeatAsync("vm/42/abc", "dispatcher", Now.AddHours(-5), Now.AddHours(-3), CancellationToken.None);
        var target = CreateTarget();
        using var output = new StringWriter();

        // Act
        var exit = await target.RunAsync(json: true, output, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCommand.NotRunning, exit);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.False(json.RootElement.GetProperty("alive").GetBoolean());
        Assert.False(json.RootElement.GetProperty("attentionNeeded").GetBoolean());
        Assert.Equal(10800, json.RootElement.GetProperty("services")[0].GetProperty("ageSeconds").GetDouble());
    }

    [Fact]
    public async Task RunAsync_FailedPostAcknowledgedWithCancel_ReturnsToHealthy()
    {
        // Arrange
        await Ledger.InitializeAsync(CancellationToken.None);
        await _ledger.Operations().BeatAsync("vm/42/abc", "dispatcher", Now, Now, CancellationToken.None);
        await Ledger.EnqueueAsync(TestArticles.Create("Dead"), [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var claimed = await Ledger.ClaimDueAsync(Now, "me", TimeSpan.FromMinutes(1), 10, CancellationToken.None);
        await Ledger.RecordAsync(claimed[0].Lease!, new PostOutcome.Failed("gave up after 8 attempts: 503"), Now, CancellationToken.None);
        var before = await CreateTarget().RunAsync(json: false, TextWriter.Null, CancellationToken.None);
        var commands = new QueueCommands(Ledger, new FakeTimeProvider(Now), TimeZoneInfo.Utc);
        using var output = new StringWriter();

        // Act
        var cancel = await commands.ChangeAsync("cancel", claimed[0].Id, null, json: false, output, TextWriter.Null, CancellationToken.None);
        var after = await CreateTarget().RunAsync(json: false, TextWriter.Null, CancellationToken.None);

        // Assert
        Assert.Equal(1, before);
        Assert.Equal(0, cancel);
        Assert.Equal(0, after);
        Assert.Equal(PostState.Cancelled, (await Ledger.GetAsync(claimed[0].Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task RunAsync_ChannelSwitchedOff_IsListedWithoutNeedingAttention()
    {
        // Arrange
        await _ledger.Operations().BeatAsync("vm/42/abc", "dispatcher", Now, Now, CancellationToken.None);
        await _ledger.Operations().PauseAsync("x", "maintenance", Now, CancellationToken.None);
        using var output = new StringWriter();

        // Act
        var exit = await CreateTarget().RunAsync(json: true, output, CancellationToken.None);

        // Assert
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output.ToString());
        var paused = Assert.Single(json.RootElement.GetProperty("operatorPaused").EnumerateArray());
        Assert.Equal("x", paused.GetProperty("channel").GetString());
        Assert.Equal("maintenance", paused.GetProperty("reason").GetString());
    }

    private StatusCommand CreateTarget()
    {
        var operations = _ledger.Operations();
        return new StatusCommand(Ledger, [], operations, operations, Options.Create(new HealthOptions()), new FakeTimeProvider(Now));
    }
}
