using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Publishing;

/// <summary>Two dispatchers of two processes (replicas) on one ledger keep the channel's MinSpacing and proactive rate limit between them.</summary>
public sealed class DispatcherReplicaSpacingTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Spacing = TimeSpan.FromMinutes(5);
    private readonly TempLedger _ledger = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<DateTimeOffset> _sentAt = [];

    public void Dispose() => _ledger.Dispose();

    [Fact]
    public async Task RunOnceAsync_TwoReplicasTakingTurns_NeverSendOneChannelCloserThanMinSpacing()
    {
        // Arrange: replica B sends first; A sends once the spacing has passed; then B (whose own memory says its last
        // post is long ago) finds another post due one minute after A's.
        var (a, queueA) = await CreateReplicaAsync();
        var (b, queueB) = await CreateReplicaAsync();
        await EnqueueAsync(queueA, "first", Start);
        await b.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        _time.Advance(Spacing);
        await EnqueueAsync(queueA, "second", _time.GetUtcNow());
        await a.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var third = await EnqueueAsync(queueA, "third", _time.GetUtcNow());

        // Act
        await b.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal([Start, Start + Spacing], _sentAt);
        var held = await queueB.GetAsync(third, CancellationToken.None);
        Assert.Equal(PostState.Queued, held!.State);
        Assert.Equal(0, held.Attempts);
        Assert.Equal(Start + Spacing + Spacing, await queueB.GetNextWakeAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(4));
        await a.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        Assert.Equal([Start, Start + Spacing, Start + Spacing + Spacing], _sentAt);
    }

    [Fact]
    public async Task RunOnceAsync_TwoReplicasSharingAProactiveLimit_SendNoMoreThanItsPermitsPerWindowTogether()
    {
        // Arrange: mastodon may take 2 requests per hour; no spacing. Each replica sends one, then a third is due.
        var limit = new ChannelResilienceOptions { PermitsPerWindow = 2, Window = TimeSpan.FromHours(1) };
        var (a, queueA) = await CreateReplicaAsync(TimeSpan.Zero, limit);
        var (b, _) = await CreateReplicaAsync(TimeSpan.Zero, limit);
        await EnqueueAsync(queueA, "first", Start);
        await a.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        await EnqueueAsync(queueA, "second", Start);
        await b.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));
        var third = await EnqueueAsync(queueA, "third", _time.GetUtcNow());

        // Act
        await a.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal([Start, Start], _sentAt);
        var held = await queueA.GetAsync(third, CancellationToken.None);
        Assert.Equal(PostState.Queued, held!.State);
        Assert.Equal(Start.AddHours(1), await queueA.GetNextWakeAsync(CancellationToken.None));
    }

    private async Task<(Dispatcher Dispatcher, SqlitePostQueue Queue)> CreateReplicaAsync(TimeSpan? spacing = null, ChannelResilienceOptions? resilience = null)
    {
        var queue = _ledger.Open();
        await queue.InitializeAsync(CancellationToken.None);
        var schedule = Options.Create(new ScheduleOptions { MinSpacing = spacing ?? Spacing });
        var scheduler = new PostScheduler(schedule, queue, NullLogger<PostScheduler>.Instance);
        var options = new DispatchOptions();
        var dispatcher = new Dispatcher(
            queue,
            [new RecordingChannel(this)],
            scheduler,
            new RetryPolicy(options, () => 0.5),
            new DispatchPasses(),
            Options.Create(options),
            Options.Create(new StorageOptions()),
            _time,
            NullLogger<Dispatcher>.Instance,
            resilience: resilience is null ? null : new FixedOptions(resilience));
        return (dispatcher, queue);
    }

    private async Task<long> EnqueueAsync(SqlitePostQueue queue, string title, DateTimeOffset due)
    {
        await queue.EnqueueAsync(TestArticles.Create(title), [new(TestArticles.Draft("mastodon"), due)], _time.GetUtcNow(), CancellationToken.None);
        return (await queue.ListAsync(Enum.GetValues<PostState>(), 100, false, CancellationToken.None)).Single(p => p.ArticleTitle == title).Id;
    }

    private sealed class FixedOptions(ChannelResilienceOptions options) : IOptionsMonitor<ChannelResilienceOptions>
    {
        public ChannelResilienceOptions CurrentValue => options;

        public ChannelResilienceOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<ChannelResilienceOptions, string?> listener) => null;
    }

    private sealed class RecordingChannel(DispatcherReplicaSpacingTests test) : IChannel
    {
        public string Name => "mastodon";

        public bool Enabled => true;

        public DeliveryGuarantee Guarantee => DeliveryGuarantee.Idempotent;

        public Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
        {
            test._sentAt.Add(test._time.GetUtcNow());
            return Task.FromResult<PublishResult>(new PublishResult.Published(post.PostId.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }

        public Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
            Task.FromResult(LookupResult.Absent);

        public Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken) =>
            Task.FromResult<RetractResult>(new RetractResult.NotPossible("test channel"));
    }
}
