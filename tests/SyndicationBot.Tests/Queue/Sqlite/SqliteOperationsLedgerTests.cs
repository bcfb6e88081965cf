using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Queue.Sqlite;

/// <summary>The operator's side of the ledger: channel switches (and how the claim obeys them), heartbeats, inputs.</summary>
public sealed class SqliteOperationsLedgerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly TempLedger _ledger = new();
    private readonly SqliteOperationsLedger _target;

    public SqliteOperationsLedgerTests()
    {
        _target = _ledger.Operations();
    }

    public void Dispose() => _ledger.Dispose();

    private SqlitePostQueue Ledger => _ledger.Queue;

    [Fact]
    public async Task ClaimDueAsync_ChannelSwitchedOff_ClaimsOnlyTheOtherChannelsAndCountsNoAttempt()
    {
        // Arrange
        await EnqueueAsync("x");
        await EnqueueAsync("mastodon");
        await _target.PauseAsync("x", null, Now, CancellationToken.None);

        // Act
        var claimed = await Ledger.ClaimDueAsync(Now, "me", TimeSpan.FromMinutes(1), 10, CancellationToken.None);

        // Assert
        Assert.Equal("mastodon", Assert.Single(claimed).Channel);
        var kept = Assert.Single(await Ledger.ListAsync([PostState.Queued], 10, newestFirst: false, CancellationToken.None));
        Assert.Equal("x", kept.Channel);
        Assert.Equal(0, kept.Attempts);
    }

    [Fact]
    public async Task GetNextWakeAsync_OnlySwitchedOffPostsWaiting_IsNullSoTheDispatcherSleeps()
    {
        // Arrange
        await EnqueueAsync("x");
        await _target.PauseAsync(ChannelPause.AllChannels, null, Now, CancellationToken.None);

        // Act
        var wake = await Ledger.GetNextWakeAsync(CancellationToken.None);
        var claimed = await Ledger.ClaimDueAsync(Now, "me", TimeSpan.FromMinutes(1), 10, CancellationToken.None);

        // Assert
        Assert.Null(wake);
        Assert.Empty(claimed);
    }

    [Fact]
    public async Task PauseAsync_Twice_SecondReportsNothingChangedAndKeepsTheFirstTime()
    {
        // Arrange
        await Ledger.InitializeAsync(CancellationToken.None);
        var first = await _target.PauseAsync("x", "first", Now, CancellationToken.None);

        // Act
        var second = await _target.PauseAsync("x", "second", Now.AddHours(1), CancellationToken.None);

        // Assert
        Assert.True(first);
        Assert.False(second);
        var pause = (await _target.GetPausedAsync(CancellationToken.None))["x"];
        Assert.Equal(Now, pause.PausedAt);
        Assert.Equal("first", pause.Reason);
    }

    [Fact]
    public async Task ResumeAsync_AllSwitch_RemovesOnlyThatSwitch()
    {
        // Arrange
        await Ledger.InitializeAsync(CancellationToken.None);
        await _target.PauseAsync("x", null, Now, CancellationToken.None);
        await _target.PauseAsync(ChannelPause.AllChannels, null, Now, CancellationToken.None);

        // Act
        var resumed = await _target.ResumeAsync(ChannelPause.AllChannels, CancellationToken.None);

        // Assert
        Assert.True(resumed);
        Assert.Equal(["x"], (await _target.GetPausedAsync(CancellationToken.None)).Keys);
    }

    [Fact]
    public async Task ListInputsAsync_SeveralRecords_NewestFirstWithReasons()
    {
        // Arrange
        await Ledger.InitializeAsync(CancellationToken.None);
        await Ledger.RecordIngestAsync(new IngestRecord("a", "seeds/a.txt", IngestOutcome.Queued, "2 posts", Now), CancellationToken.None);
        await Ledger.RecordIngestAsync(new IngestRecord("b", "seeds/b.txt", IngestOutcome.Rejected, "seeds/b.txt: the file is empty", Now.AddMinutes(1)), CancellationToken.None);

        // Act
        var inputs = await _target.ListInputsAsync(10, CancellationToken.None);

        // Assert
        Assert.Equal([IngestOutcome.Rejected, IngestOutcome.Queued], inputs.Select(i => i.Outcome));
        Assert.Equal("seeds/b.txt: the file is empty", inputs[0].Detail);
    }

    private async Task EnqueueAsync(string channel)
    {
        await Ledger.InitializeAsync(CancellationToken.None);
        await Ledger.EnqueueAsync(TestArticles.Create("Story " + channel), [new(TestArticles.Draft(channel), Now)], Now, CancellationToken.None);
    }
}
