using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SyndicationBot.Channels;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Channels.Telegram;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Publishing;

/// <summary>The dispatcher's unit of work against a real SQLite ledger and scripted channels.</summary>
public sealed class DispatcherTests : IDisposable
{
    private const string TelegramToken = "7012345678:AAH-contractTokenForTests_0123456789";
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly TempLedger _ledger = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly DispatchPasses _passes = new();

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
    public async Task RunOnceAsync_ShutdownWhileAPostWaitsBehindItsChannel_ReleasesItUnsent()
    {
        // Arrange: two posts of one channel are claimed; shutdown is requested while the first is being sent.
        using var stopping = new CancellationTokenSource();
        var channel = new ScriptedChannel("x", DeliveryGuarantee.None, new PublishResult.Published("1", null)) { OnSend = _ => stopping.Cancel() };
        var target = await CreateTargetAsync([channel]);
        var first = await EnqueueAsync("x", Start, "first");
        var second = await EnqueueAsync("x", Start, "second");

        // Act
        var handled = await target.RunOnceAsync(stopping.Token, CancellationToken.None);

        // Assert: the request in flight finished; the waiting post is back in the queue, never sent, its attempt not counted.
        Assert.Equal(2, handled);
        Assert.Equal(first, Assert.Single(channel.Sent).PostId);
        Assert.Equal(PostState.Published, (await Ledger.GetAsync(first, CancellationToken.None))!.State);
        var waiting = await Ledger.GetAsync(second, CancellationToken.None);
        Assert.Equal(PostState.Queued, waiting!.State);
        Assert.Equal(0, waiting.Attempts);
        Assert.Equal(Dispatcher.ReleasedAtShutdown, waiting.LastError);
        Assert.Null(waiting.LeaseOwner);
    }

    [Fact]
    public async Task RunOnceAsync_StoppingBeforeThePass_ClaimsNothing()
    {
        // Arrange
        var channel = new ScriptedChannel("x", DeliveryGuarantee.None, new PublishResult.Published("1", null));
        var target = await CreateTargetAsync([channel]);
        var id = await EnqueueAsync("x", Start);
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        // Act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => target.RunOnceAsync(stopping.Token, CancellationToken.None));

        // Assert
        Assert.Empty(channel.Sent);
        var stored = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.Queued, stored!.State);
        Assert.Equal(0, stored.Attempts);
    }

    [Fact]
    public async Task RunOnceAsync_NetworkAsksForTenYears_RetriesAfterMaxServerWaitAndSaysSo()
    {
        // Arrange: a Retry-After of ten years (a broken proxy, a hostile server) would park the post until 2036.
        var channel = new ScriptedChannel("webhook", DeliveryGuarantee.None, new PublishResult.RetryLater("Webhook 429: slow down", Start.AddYears(10), RateLimited: true));
        var target = await CreateTargetAsync([channel], new DispatchOptions { MaxServerWait = TimeSpan.FromHours(6) });
        var id = await EnqueueAsync("webhook", Start);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.RetryWaiting, post!.State);
        Assert.Equal(Start.AddHours(6), post.NextAttemptAt);
        Assert.StartsWith("Webhook 429: slow down (the network asked to wait until 2036-11-29T09:00:00.0000000+00:00, beyond Dispatch:MaxServerWait (06:00:00)", post.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnceAsync_NetworkAsksForTenYearsOnTheLastAttempt_DeadLettersAndSaysSo()
    {
        // Arrange
        var channel = new ScriptedChannel("webhook", DeliveryGuarantee.None, new PublishResult.RetryLater("Webhook 429: slow down", Start.AddYears(10), RateLimited: true));
        var target = await CreateTargetAsync([channel], new DispatchOptions { MaxAttempts = 1 });
        var id = await EnqueueAsync("webhook", Start);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.Failed, post!.State);
        Assert.StartsWith("gave up after 1 attempts: Webhook 429: slow down", post.LastError, StringComparison.Ordinal);
        Assert.Contains("beyond Dispatch:MaxServerWait", post.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnceAsync_TelegramFloodLimitOfIntMaxSeconds_RetriesAfterMaxServerWaitNotIn2094()
    {
        // Arrange: the real Telegram channel against the local Bot API, answering retry_after=2147483647.
        await using var server = await TelegramContractServer.StartAsync(TelegramToken);
        using var telegram = new TelegramTestHost(server.BaseUrl, TelegramToken, "@" + TelegramContractServer.ChannelUsername);
        server.RetryAfterSeconds = int.MaxValue;
        var now = telegram.Time.GetUtcNow();
        var target = await CreateTargetAsync([telegram.Channel], time: telegram.Time);
        var id = await EnqueueAsync("telegram", now);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.RetryWaiting, post!.State);
        Assert.Equal(now.AddDays(1), post.NextAttemptAt);
        Assert.Contains("beyond Dispatch:MaxServerWait (1.00:00:00): not honoured", post.LastError, StringComparison.Ordinal);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task RunOnceAsync_TelegramFloodLimitWithGarbageRetryAfter_RetriesWithTheBackoffNeverInDoubt()
    {
        // Arrange
        await using var server = await TelegramContractServer.StartAsync(TelegramToken);
        using var telegram = new TelegramTestHost(server.BaseUrl, TelegramToken, "@" + TelegramContractServer.ChannelUsername);
        server.RetryAfterJson = "\"in a while\"";
        var now = telegram.Time.GetUtcNow();
        var target = await CreateTargetAsync([telegram.Channel], time: telegram.Time);
        var id = await EnqueueAsync("telegram", now);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert: half the 30 s base delay plus half of it again at jitter 0.5.
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.RetryWaiting, post!.State);
        Assert.Equal(now.AddSeconds(22.5), post.NextAttemptAt);
        Assert.StartsWith("429", post.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnceAsync_EachPass_IsAnnouncedWithTheNumberHandled()
    {
        // Arrange
        var channel = new ScriptedChannel("x", DeliveryGuarantee.None, new PublishResult.Published("1", null));
        var target = await CreateTargetAsync([channel]);
        await EnqueueAsync("x", Start);
        var next = _passes.NextAsync();

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        var idle = _passes.NextAsync();
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(1, await next);
        Assert.Equal(0, await idle);
        Assert.Equal(2, _passes.Completed);
    }

    [Fact]
    public async Task RunOnceAsync_CancelledPost_NeverCallsTheChannel()
    {
        // Arrange
        var channel = MockChannel("x", new PublishResult.Published("1", null));
        var target = await CreateTargetAsync([channel.Object]);
        var id = await EnqueueAsync("x", Start);
        await Ledger.CancelAsync(id, Start, CancellationToken.None);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        channel.Verify(c => c.PublishAsync(It.IsAny<OutgoingPost>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunOnceAsync_ChannelPausedByAnAuthFailure_IsNotCalledAgainUntilThePauseEnds()
    {
        // Arrange
        var channel = MockChannel("x", new PublishResult.AuthFailed("401 Unauthorized"));
        var target = await CreateTargetAsync([channel.Object]);
        await EnqueueAsync("x", Start, "first");
        await EnqueueAsync("x", Start, "second");
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Act
        _time.Advance(TimeSpan.FromMinutes(14));
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        var callsDuringThePause = channel.Invocations.Count(i => i.Method.Name == nameof(IChannel.PublishAsync));
        _time.Advance(TimeSpan.FromMinutes(2));
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(1, callsDuringThePause);
        channel.Verify(c => c.PublishAsync(It.IsAny<OutgoingPost>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task RunOnceAsync_UnknownOutcomeAndTheNetworkHoldsThePost_PublishedWithTheFoundIdAndNotResent()
    {
        // Arrange
        var channel = new LookingChannel("x", [new PublishResult.Unknown("reset after send")], [new LookupResult.Found(new PublishResult.Published("77", new Uri("https://x.com/i/web/status/77")))]);
        var target = await CreateTargetAsync([channel]);
        var id = await EnqueueAsync("x", Start);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.Published, post!.State);
        Assert.Equal("77", post.RemoteId);
        Assert.Equal(new Uri("https://x.com/i/web/status/77"), post.RemoteUrl);
        Assert.Single(channel.Sent);
        Assert.Equal(Start, Assert.Single(channel.LookedUp).DueAt);
    }

    [Fact]
    public async Task RunOnceAsync_UnknownOutcomeAndTheNetworkSaysNotThere_ResentOnceAfterLookingAgain()
    {
        // Arrange
        var channel = new LookingChannel(
            "x",
            [new PublishResult.Unknown("hang"), new PublishResult.Published("2", null)],
            [LookupResult.Absent, LookupResult.Absent]);
        var target = await CreateTargetAsync([channel]);
        var id = await EnqueueAsync("x", Start);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        var waiting = await Ledger.GetAsync(id, CancellationToken.None);
        _time.Advance(waiting!.NextAttemptAt!.Value - Start);
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert: looked up after the unknown outcome, and again just before the resend.
        Assert.Equal(PostState.RetryWaiting, waiting.State);
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.Published, post!.State);
        Assert.Equal("2", post.RemoteId);
        Assert.Equal(2, channel.Sent.Count);
        Assert.Equal(2, channel.LookedUp.Count);
    }

    [Fact]
    public async Task RunOnceAsync_LookupFailsAfterAnUnknownOutcome_NotResentUntilALookupAnswers()
    {
        // Arrange: the lookup is rate limited first; on the next try the post turns out to be there.
        var reset = Start.AddMinutes(15);
        var channel = new LookingChannel(
            "x",
            [new PublishResult.Unknown("reset after send")],
            [new LookupResult.Unavailable("429", reset), new LookupResult.Found(new PublishResult.Published("5", null))]);
        var target = await CreateTargetAsync([channel]);
        var id = await EnqueueAsync("x", Start);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        var waiting = await Ledger.GetAsync(id, CancellationToken.None);
        _time.Advance(waiting!.NextAttemptAt!.Value - Start);
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(PostState.RetryWaiting, waiting.State);
        Assert.True(waiting.NextAttemptAt >= reset);
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.Published, post!.State);
        Assert.Equal("5", post.RemoteId);
        Assert.Single(channel.Sent);
    }

    [Fact]
    public async Task RunOnceAsync_LookupNeverAnswers_EndsInDoubtNeverFailedNorResent()
    {
        // Arrange
        var options = new DispatchOptions { MaxAttempts = 3 };
        var channel = new LookingChannel("x", [new PublishResult.Unknown("reset after send")], [new LookupResult.Unavailable("network down")]);
        var target = await CreateTargetAsync([channel], options);
        var id = await EnqueueAsync("x", Start);

        // Act
        for (var round = 0; round < 5; round++)
        {
            await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
            _time.Advance(TimeSpan.FromHours(1));
        }

        // Assert
        var post = await Ledger.GetAsync(id, CancellationToken.None);
        Assert.Equal(PostState.InDoubt, post!.State);
        Assert.Contains("network down", post.LastError, StringComparison.Ordinal);
        Assert.Single(channel.Sent);
        Assert.Equal(3, channel.LookedUp.Count);
    }

    [Fact]
    public async Task RunOnceAsync_LeaseRecoveredOnAChannelWithoutLookup_NeverAsksTheChannelToLookUp()
    {
        // Arrange
        var channel = MockChannel("x", new PublishResult.Published("1", null));
        var target = await CreateTargetAsync([channel.Object]);
        var id = await EnqueueAsync("x", Start);
        Assert.Single(await Ledger.ClaimDueAsync(Start, "other-host/1/dead", TimeSpan.FromMinutes(2), 10, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(3));

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.NotEqual(PostState.Publishing, (await Ledger.GetAsync(id, CancellationToken.None))!.State);
        channel.Verify(c => c.LookupAsync(It.IsAny<OutgoingPost>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    // Moq where the interaction is the behaviour: whether, and how often, the channel was called at all.
    private static Mock<IChannel> MockChannel(string name, PublishResult answer)
    {
        var channel = new Mock<IChannel>(MockBehavior.Strict);
        channel.SetupGet(c => c.Name).Returns(name);
        channel.SetupGet(c => c.Enabled).Returns(true);
        channel.SetupGet(c => c.Guarantee).Returns(DeliveryGuarantee.None);
        channel.Setup(c => c.PublishAsync(It.IsAny<OutgoingPost>(), It.IsAny<CancellationToken>())).ReturnsAsync(answer);
        channel.Setup(c => c.LookupAsync(It.IsAny<OutgoingPost>(), It.IsAny<CancellationToken>())).ReturnsAsync(new LookupResult.Unavailable("cannot look up"));
        return channel;
    }

    private async Task<long> EnqueueAsync(string channel, DateTimeOffset due, string title = "Story")
    {
        await Ledger.EnqueueAsync(TestArticles.Create(title + Guid.NewGuid().ToString("N")), [new(TestArticles.Draft(channel), due)], _time.GetUtcNow(), CancellationToken.None);
        return (await Ledger.ListAsync(Enum.GetValues<PostState>(), 1000, false, CancellationToken.None)).Max(p => p.Id);
    }

    private async Task<Dispatcher> CreateTargetAsync(IEnumerable<IChannel> channels, DispatchOptions? options = null, TimeProvider? time = null)
    {
        await Ledger.InitializeAsync(CancellationToken.None);
        options ??= new DispatchOptions();
        return new Dispatcher(
            Ledger,
            channels,
            new SendAlwaysScheduler(),
            new RetryPolicy(options, () => 0.5),
            _passes,
            Options.Create(options),
            Options.Create(new StorageOptions()),
            time ?? _time,
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

        /// <summary>Runs as each post is sent (e.g. to request shutdown while later posts wait).</summary>
        public Action<OutgoingPost>? OnSend { get; init; }

        public string Name => name;

        public bool Enabled => true;

        public DeliveryGuarantee Guarantee => guarantee;

        public Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
        {
            Sent.Add(post);
            OnSend?.Invoke(post);
            return Task.FromResult(script[Math.Min(_next++, script.Length - 1)]);
        }

        public Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
            Task.FromResult<LookupResult>(new LookupResult.Unavailable("cannot look up"));


        public Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken) =>

            Task.FromResult<RetractResult>(new RetractResult.NotPossible("test channel"));
    }

    /// <summary>A channel whose network can look posts up: publish and lookup answers from scripts, the last repeated.</summary>
    private sealed class LookingChannel(string name, PublishResult[] publishes, LookupResult[] lookups) : IChannel
    {
        public List<OutgoingPost> Sent { get; } = [];

        public List<OutgoingPost> LookedUp { get; } = [];

        public string Name => name;

        public bool Enabled => true;

        public DeliveryGuarantee Guarantee => DeliveryGuarantee.Lookup;

        public Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
        {
            Sent.Add(post);
            return Task.FromResult(publishes[Math.Min(Sent.Count - 1, publishes.Length - 1)]);
        }

        public Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken)
        {
            LookedUp.Add(post);
            return Task.FromResult(lookups[Math.Min(LookedUp.Count - 1, lookups.Length - 1)]);
        }

        public Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken) =>
            Task.FromResult<RetractResult>(new RetractResult.NotPossible("test channel"));
    }
}
