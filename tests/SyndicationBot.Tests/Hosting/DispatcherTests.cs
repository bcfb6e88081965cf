using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Hosting;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Hosting;

/// <summary>The dispatcher's unit of work against a real SQLite ledger and scripted channels.</summary>
public sealed class DispatcherTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly TempLedger _ledger = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => _ledger.Dispose();

    private SqlitePostQueue Ledger => _ledger.Queue;

    [Fact]
    public async Task RunOnceAsync_DuePost_IsPublishedAndRecordedWithTheRemoteUrl()
    {
        // Arrange
        var channel = new ScriptedChannel("x", DeliveryGuarantee.None, new PublishResult.Published("99", new Uri("https://x.com/i/web/status/99")));
        var target = await CreateTargetAsync([channel]);
        var id = await EnqueueAsync("x", Start);

        // Act
        var handled = await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(1, handled);
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.Published, post!.State);
        Assert.Equal(new Uri("https://x.com/i/web/status/99"), post.RemoteUrl);
        Assert.Single(channel.Sent);
    }

    [Fact]
    public async Task RunOnceAsync_PostNotYetDue_IsNotSent()
    {
        // Arrange
        var channel = new ScriptedChannel("x", DeliveryGuarantee.None, new PublishResult.Published("1", null));
        var target = await CreateTargetAsync([channel]);
        await EnqueueAsync("x", Start.AddMinutes(10));

        // Act
        var handled = await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(0, handled);
        Assert.Empty(channel.Sent);
    }

    [Fact]
    public async Task RunOnceAsync_RateLimited_WaitsAtLeastUntilTheResetTheNetworkGave()
    {
        // Arrange
        var reset = Start.AddMinutes(15);
        var channel = new ScriptedChannel("x", DeliveryGuarantee.None, new PublishResult.RetryLater("429 Too Many Requests", reset, RateLimited: true));
        var target = await CreateTargetAsync([channel]);
        var id = await EnqueueAsync("x", Start);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.RetryWaiting, post!.State);
        Assert.True(post.NextAttemptAt >= reset);
        Assert.Equal("429 Too Many Requests", post.LastError);
    }

    [Fact]
    public async Task RunOnceAsync_UnknownOutcomeOnANetworkThatCannotDedupe_MarksInDoubtWithoutResending()
    {
        // Arrange
        var channel = new ScriptedChannel("telegram", DeliveryGuarantee.None, new PublishResult.Unknown("time-out after the request was sent"));
        var target = await CreateTargetAsync([channel]);
        var id = await EnqueueAsync("telegram", Start);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(PostState.InDoubt, (await Ledger.GetAsync(id, CancellationToken.None))!.State);
        Assert.Single(channel.Sent);
    }

    [Fact]
    public async Task RunOnceAsync_UnknownOutcomeOnAnIdempotentNetwork_RetriesWithTheSameKey()
    {
        // Arrange
        var channel = new ScriptedChannel(
            "mastodon",
            DeliveryGuarantee.Idempotent,
            new PublishResult.Unknown("connection reset"),
            new PublishResult.Published("5", null));
        var target = await CreateTargetAsync([channel]);
        var id = await EnqueueAsync("mastodon", Start);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(PostState.Published, (await Ledger.GetAsync(id, CancellationToken.None))!.State);
        Assert.Equal(2, channel.Sent.Count);
        Assert.Equal(channel.Sent[0].IdempotencyKey, channel.Sent[1].IdempotencyKey);
    }

    [Fact]
    public async Task RunOnceAsync_AuthFailed_PausesOnlyThatChannelAndKeepsThePost()
    {
        // Arrange
        var x = new ScriptedChannel("x", DeliveryGuarantee.None, new PublishResult.AuthFailed("401 Unauthorized"));
        var outbox = new ScriptedChannel("outbox", DeliveryGuarantee.Idempotent, new PublishResult.Published("o", null), new PublishResult.Published("o2", null));
        var target = await CreateTargetAsync([x, outbox]);
        var xFirst = await EnqueueAsync("x", Start, "first");
        var xSecond = await EnqueueAsync("x", Start, "second");
        var outboxPost = await EnqueueAsync("outbox", Start, "third");

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Single(x.Sent);
        Assert.Equal(PostState.Queued, (await Ledger.GetAsync(xFirst, CancellationToken.None))!.State);
        Assert.Equal(PostState.Queued, (await Ledger.GetAsync(xSecond, CancellationToken.None))!.State);
        Assert.Equal(PostState.Published, (await Ledger.GetAsync(outboxPost, CancellationToken.None))!.State);
        Assert.True((await Ledger.GetNextWakeAsync(CancellationToken.None)) >= Start.AddMinutes(15));
    }

    [Fact]
    public async Task RunOnceAsync_TransientFailuresBeyondMaxAttempts_DeadLettersThePost()
    {
        // Arrange
        var channel = new ScriptedChannel("mastodon", DeliveryGuarantee.Idempotent, Enumerable.Repeat<PublishResult>(new PublishResult.RetryLater("503", null), 10).ToArray());
        var target = await CreateTargetAsync([channel], new DispatchOptions { MaxAttempts = 3 });
        var id = await EnqueueAsync("mastodon", Start);

        // Act
        for (var i = 0; i < 5; i++)
        {
            await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
            _time.Advance(TimeSpan.FromHours(1));
        }

        // Assert
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.Failed, post!.State);
        Assert.Equal(3, channel.Sent.Count);
        Assert.StartsWith("gave up after 3 attempts", post.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnceAsync_LeaseOfADeadDispatcher_IsRecoveredByTheChannelsGuarantee()
    {
        // Arrange: a dispatcher claimed both posts and died before recording anything.
        var x = new ScriptedChannel("x", DeliveryGuarantee.None, new PublishResult.Published("1", null));
        var outbox = new ScriptedChannel("outbox", DeliveryGuarantee.Idempotent, new PublishResult.Published("o", null));
        var target = await CreateTargetAsync([x, outbox]);
        var xId = await EnqueueAsync("x", Start, "x post");
        var outboxId = await EnqueueAsync("outbox", Start, "outbox post");
        await Ledger.ClaimDueAsync(Start, "dead-process", TimeSpan.FromMinutes(2), 10, CancellationToken.None);

        // Act
        _time.Advance(TimeSpan.FromMinutes(3));
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(PostState.InDoubt, (await Ledger.GetAsync(xId, CancellationToken.None))!.State);
        Assert.Empty(x.Sent);
        Assert.Equal(PostState.Published, (await Ledger.GetAsync(outboxId, CancellationToken.None))!.State);
        Assert.Single(outbox.Sent);
    }

    [Fact]
    public async Task RunOnceAsync_Stopping_ReleasesClaimedPostsUnsent()
    {
        // Arrange
        var channel = new ScriptedChannel("x", DeliveryGuarantee.None, new PublishResult.Published("1", null));
        var target = await CreateTargetAsync([channel]);
        var id = await EnqueueAsync("x", Start);
        using var stopping = new CancellationTokenSource();
        var post = Assert.Single(await Ledger.ClaimDueAsync(Start, target.Owner, TimeSpan.FromMinutes(2), 10, CancellationToken.None));
        await Ledger.RecordAsync(post.Id, target.Owner, new PostOutcome.Released(Start), Start, CancellationToken.None);

        // Act
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => target.RunOnceAsync(stopping.Token, CancellationToken.None));

        // Assert
        Assert.Empty(channel.Sent);
        var stored = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.Queued, stored!.State);
        Assert.Equal(0, stored.Attempts);
    }

    private async Task<long> EnqueueAsync(string channel, DateTimeOffset due, string title = "Story")
    {
        await Ledger.EnqueueAsync(TestArticles.Create(title + Guid.NewGuid().ToString("N")), [new(TestArticles.Draft(channel), due)], _time.GetUtcNow(), CancellationToken.None);
        return (await Ledger.ListAsync(Enum.GetValues<PostState>(), 1000, false, CancellationToken.None)).Max(p => p.Id);
    }

    private async Task<Dispatcher> CreateTargetAsync(IEnumerable<IChannel> channels, DispatchOptions? options = null)
    {
        await Ledger.InitializeAsync(CancellationToken.None);
        return new Dispatcher(
            Ledger,
            channels,
            new SendAlwaysScheduler(),
            Options.Create(options ?? new DispatchOptions()),
            Options.Create(new StorageOptions()),
            _time,
            NullLogger<Dispatcher>.Instance);
    }

    /// <summary>A policy-free scheduler: the dispatcher's own rules are under test here, not the schedule policies.</summary>
    private sealed class SendAlwaysScheduler : IPostDispatchPolicy
    {
        public Task<DispatchDecision> DecideAsync(QueuedPost post, DateTimeOffset now, DateTimeOffset? lastSentOnChannel, CancellationToken cancellationToken) =>
            Task.FromResult(DispatchDecision.SendNow);
    }

    /// <summary>A channel that answers from a script and records what it was sent.</summary>
    private sealed class ScriptedChannel(string name, DeliveryGuarantee guarantee, params PublishResult[] script) : IChannel
    {
        private int _next;

        public List<OutgoingPost> Sent { get; } = [];

        public string Name => name;

        public bool Enabled => true;

        public DeliveryGuarantee Guarantee => guarantee;

        public Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
        {
            Sent.Add(post);
            return Task.FromResult(script[Math.Min(_next++, script.Length - 1)]);
        }

        public Task<PublishResult.Published?> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
            Task.FromResult<PublishResult.Published?>(null);
    }
}
