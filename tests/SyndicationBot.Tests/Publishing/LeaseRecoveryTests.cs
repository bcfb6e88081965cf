using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Publishing;

/// <summary>
/// What a dispatcher does at start with the leases of one that died on this host: taken at once rather than after
/// the lease expires, re-sent where the network dedupes, queued again where the request provably never left, and
/// in doubt only where it may have.
/// </summary>
public sealed class LeaseRecoveryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly TempLedger _ledger = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => _ledger.Dispose();

    private SqlitePostQueue Ledger => _ledger.Queue;

    [Fact]
    public async Task RunOnceAsync_LeasesOfAKilledLocalDispatcher_RecoveredAtOnceByGuaranteeAndMark()
    {
        // Arrange: a dispatcher of this host claimed three posts and was killed: it had marked the Telegram
        // request as leaving, not the X one; the outbox post is idempotent either way.
        var outbox = new RecordingChannel("outbox", DeliveryGuarantee.Idempotent);
        var telegram = new RecordingChannel("telegram", DeliveryGuarantee.None);
        var x = new RecordingChannel("x", DeliveryGuarantee.None);
        var target = await CreateTargetAsync([outbox, telegram, x]);
        var outboxId = await EnqueueAsync("outbox");
        var telegramId = await EnqueueAsync("telegram");
        var xId = await EnqueueAsync("x");
        var dead = $"{Environment.MachineName}/{await DeadProcessIdAsync()}/{Guid.NewGuid():N}";
        Assert.Equal(3, (await Ledger.ClaimDueAsync(Start, dead, Lease, 10, CancellationToken.None)).Count);
        await Ledger.MarkRequestAsync(telegramId, dead, Start, CancellationToken.None);

        // Act: well inside the dead dispatcher's lease.
        _time.Advance(TimeSpan.FromSeconds(1));
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(PostState.Published, (await Ledger.GetAsync(outboxId, CancellationToken.None))!.State);
        Assert.Single(outbox.Sent);
        Assert.Equal(PostState.InDoubt, (await Ledger.GetAsync(telegramId, CancellationToken.None))!.State);
        Assert.Empty(telegram.Sent);
        var xPost = await Ledger.GetAsync(xId, CancellationToken.None);
        Assert.Equal(PostState.Published, xPost!.State);
        Assert.Equal(1, xPost.Attempts);
        Assert.Single(x.Sent);
    }

    [Fact]
    public async Task RunOnceAsync_LeaseOfALiveLocalProcess_IsLeftUntilItExpires()
    {
        // Arrange: process 1 (init) is always running.
        var telegram = new RecordingChannel("telegram", DeliveryGuarantee.None);
        var target = await CreateTargetAsync([telegram]);
        var id = await EnqueueAsync("telegram");
        var live = $"{Environment.MachineName}/1/{Guid.NewGuid():N}";
        await Ledger.ClaimDueAsync(Start, live, Lease, 10, CancellationToken.None);

        // Act
        _time.Advance(TimeSpan.FromSeconds(1));
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        var during = (await Ledger.GetAsync(id, CancellationToken.None))!;
        _time.Advance(Lease);
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert: never marked, so once expired it is queued again and sent, not left in doubt.
        Assert.Equal(PostState.Publishing, during.State);
        Assert.Equal(live, during.LeaseOwner);
        Assert.Equal(PostState.Published, (await Ledger.GetAsync(id, CancellationToken.None))!.State);
        Assert.Single(telegram.Sent);
    }

    [Fact]
    public async Task RunOnceAsync_NetworkThatCannotDedupe_MarksTheRequestBeforeSending()
    {
        // Arrange
        var telegram = new RecordingChannel("telegram", DeliveryGuarantee.None);
        var target = await CreateTargetAsync([telegram]);
        var id = await EnqueueAsync("telegram");
        var markedWhenSent = false;
        telegram.OnSend = async () => markedWhenSent = await Ledger.WasRequestMarkedAsync(id, target.Owner.ToString(), CancellationToken.None);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.True(markedWhenSent);
        Assert.Equal(PostState.Published, (await Ledger.GetAsync(id, CancellationToken.None))!.State);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void IsDeadLocalOwner_OwnerOfThisHost_IsDeadOnlyWhenItsProcessHasExited(bool exited, bool expected)
    {
        // Arrange
        var target = CreateRecovery(out _, _ => exited);

        // Act
        var dead = target.IsDeadLocalOwner($"{Environment.MachineName}/4242/{Guid.NewGuid():N}");

        // Assert
        Assert.Equal(expected, dead);
    }

    [Fact]
    public void IsDeadLocalOwner_ItselfAnotherHostOrThisProcess_IsNeverDead()
    {
        // Arrange: the probe says every process is gone; only the owner decides.
        var target = CreateRecovery(out var self, _ => true);

        // Act
        var itself = target.IsDeadLocalOwner(self.ToString());
        var otherHost = target.IsDeadLocalOwner($"other-{Environment.MachineName}/4242/{Guid.NewGuid():N}");
        var thisProcess = target.IsDeadLocalOwner($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");
        var foreign = target.IsDeadLocalOwner("dead-process");

        // Assert
        Assert.False(itself);
        Assert.False(otherHost);
        Assert.False(thisProcess);
        Assert.False(foreign);
    }

    private LeaseRecovery CreateRecovery(out LeaseOwner self, Func<int, bool> processHasExited)
    {
        self = LeaseOwner.ForThisProcess();
        return new LeaseRecovery(Ledger, new Dictionary<string, IChannel>(), self, processHasExited, _time, NullLogger.Instance);
    }

    private static async Task<int> DeadProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }

    private async Task<long> EnqueueAsync(string channel)
    {
        await Ledger.EnqueueAsync(TestArticles.Create("Story " + Guid.NewGuid().ToString("N")), [new(TestArticles.Draft(channel), Start)], Start, CancellationToken.None);
        return (await Ledger.ListAsync(Enum.GetValues<PostState>(), 1000, false, CancellationToken.None)).Max(p => p.Id);
    }

    private async Task<Dispatcher> CreateTargetAsync(IEnumerable<IChannel> channels)
    {
        await Ledger.InitializeAsync(CancellationToken.None);
        var options = new DispatchOptions();
        return new Dispatcher(
            Ledger,
            channels,
            new SendAlways(),
            new RetryPolicy(options, () => 0.5),
            new DispatchPasses(),
            Options.Create(options),
            Options.Create(new StorageOptions { LeaseDuration = Lease }),
            _time,
            NullLogger<Dispatcher>.Instance);
    }

    /// <summary>No schedule policy: recovery is under test here.</summary>
    private sealed class SendAlways : IPostDispatchPolicy
    {
        public Task<DispatchDecision> DecideAsync(QueuedPost post, DateTimeOffset now, DateTimeOffset? lastSentOnChannel, CancellationToken cancellationToken) =>
            Task.FromResult(DispatchDecision.SendNow);
    }

    /// <summary>A channel that accepts every post and records what it was sent.</summary>
    private sealed class RecordingChannel(string name, DeliveryGuarantee guarantee) : IChannel
    {
        public List<OutgoingPost> Sent { get; } = [];

        public Func<Task>? OnSend { get; set; }

        public string Name => name;

        public bool Enabled => true;

        public DeliveryGuarantee Guarantee => guarantee;

        public async Task<PublishResult> PublishAsync(OutgoingPost post, CancellationToken cancellationToken)
        {
            if (OnSend is { } onSend)
            {
                await onSend();
            }

            Sent.Add(post);
            return new PublishResult.Published(post.PostId.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        }

        public Task<LookupResult> LookupAsync(OutgoingPost post, CancellationToken cancellationToken) =>
            Task.FromResult<LookupResult>(new LookupResult.Unavailable("cannot look up"));


        public Task<RetractResult> RetractAsync(RetractRequest request, CancellationToken cancellationToken) =>

            Task.FromResult<RetractResult>(new RetractResult.NotPossible("test channel"));
    }
}
