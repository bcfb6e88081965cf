using System.Diagnostics;
using Polly.CircuitBreaker;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Contract;
using Xunit;
using Xunit.Abstractions;

namespace SyndicationBot.IntegrationTests.Faults;

/// <summary>
/// Issue 6, acceptance 3 (and issue 14, acceptance 3: X and Facebook look a post in doubt up), through the real stack: the host graph, the SQLite ledger, the dispatcher and each
/// network's resilient channel, against local contract servers behind fault-injecting proxies.
/// </summary>
public sealed class FaultRunTests(ITestOutputHelper output)
{
    private const int Articles = 250;

    private static readonly ChaosFault[] HidingFaults = [ChaosFault.ResetBeforeCommit, ChaosFault.ResetAfterCommit, ChaosFault.Hang];

    [Theory]
    [InlineData(6)]
    [InlineData(1066)]
    [InlineData(31337)]
    public async Task RunOnceAsync_ThousandPostsWithThirtyPercentFaults_EachPublishedExactlyOnceOrInDoubtOnlyWhereNoLookupCanAnswer(int seed)
    {
        // Arrange: default attempt budget; every post must come through within it.
        await using var run = await FaultRunHost.StartAsync();
        var sendBudget = new SyndicationBot.Publishing.DispatchOptions().MaxAttempts;
        foreach (var (network, proxy) in run.Proxies)
        {
            proxy.Chaos = new ChaosMonkey(seed++, 0.3);
        }

        run.Proxies[FaultNetwork.X].RateLimitReset = TimeSpan.FromSeconds(90);
        run.Proxies[FaultNetwork.Mastodon].RateLimitReset = TimeSpan.FromSeconds(2);
        run.Proxies[FaultNetwork.Bluesky].RateLimitReset = TimeSpan.FromSeconds(45);
        run.Proxies[FaultNetwork.Telegram].RateLimitReset = TimeSpan.FromSeconds(7);
        await run.EnqueueAsync(Articles);
        var wall = Stopwatch.StartNew();

        // Act
        var rounds = await run.RunUntilIdleAsync();

        // Assert
        var ledger = await run.LedgerAsync();
        Report(run, ledger, rounds, wall.Elapsed);
        Assert.Equal(Articles * Enum.GetValues<FaultNetwork>().Length, ledger.Count);
        foreach (var ((network, marker), post) in ledger)
        {
            var stored = run.StoredCount(network, marker);
            var requests = run.Proxies[network].RequestsFor(marker);
            var where = $"{network} post {post.Id} (marker {marker}): {post.State} after {post.Attempts} attempts, stored {stored}x, faults [{string.Join(", ", requests.Select(r => r.Fault))}], last error '{post.LastError}'";
            // One send per ledger attempt where the pipeline never resends (idempotent channels also retry inside it).
            Assert.True(network is FaultNetwork.Mastodon or FaultNetwork.Bluesky || requests.Count <= sendBudget, "more sends than the default attempt budget: " + where);
            if (network is FaultNetwork.X or FaultNetwork.Facebook)
            {
                // Once a send landed (its answer hidden), the lookup finds it: nothing is sent after it, and the ledger
                // holds the network's own id. Where no send landed, the post was re-sent until one did.
                var landed = requests.ToList().FindIndex(r => r.HidSuccess);
                Assert.True(landed < 0 || landed == requests.Count - 1, "sent again after a send had landed: " + where);
                if (landed >= 0)
                {
                    Assert.Equal(run.StoredId(network, marker), post.RemoteId);
                }
            }

            switch (post.State)
            {
                case PostState.Published:
                    Assert.True(stored == 1, where);
                    break;
                case PostState.InDoubt:
                    Assert.True(network is FaultNetwork.Telegram, "only a network that can neither dedupe nor be asked leaves a post in doubt: " + where);
                    var last = requests[^1];
                    Assert.True(HidingFaults.Contains(last.Fault), "in doubt without a fault that hid the outcome: " + where);
                    Assert.True(stored == (last.HidSuccess ? 1 : 0), where);
                    break;
                default:
                    Assert.Fail("lost: " + where);
                    break;
            }
        }

        // A resend of a post X or the Page already holds would have met their duplicate checks.
        Assert.Equal(0, run.X.DuplicateResponses);
        Assert.Equal(0, run.Facebook.DuplicateResponses);

        // Where the network can be asked, no hidden outcome is left in doubt: the lookups ran and found every landed send.
        foreach (var network in (FaultNetwork[])[FaultNetwork.X, FaultNetwork.Facebook])
        {
            Assert.Contains(run.Proxies[network].Requests, r => r.HidSuccess);
            Assert.DoesNotContain(ledger, p => p.Key.Network == network && p.Value.State == PostState.InDoubt);
        }

        Assert.True(run.X.TimelineRequests > 0 && run.Facebook.LookupRequests > 0, "no lookup was made");

        // Where the network can neither dedupe nor be asked, each hidden outcome leaves exactly one post in doubt, never resent.
        var hiddenOnTelegram = run.Proxies[FaultNetwork.Telegram].Requests.Count(r => HidingFaults.Contains(r.Fault));
        Assert.Equal(hiddenOnTelegram, ledger.Count(p => p.Key.Network == FaultNetwork.Telegram && p.Value.State == PostState.InDoubt));
        foreach (var (network, proxy) in run.Proxies)
        {
            var faulted = proxy.Requests.Count(r => r.Fault != ChaosFault.None);
            Assert.InRange(faulted / (double)proxy.Requests.Count, 0.2, 0.4);
            Assert.All(Enum.GetValues<ChaosFault>(), f => Assert.Contains(proxy.Requests, r => r.Fault == f));
        }

        // On the fake clock the run takes seconds; one that waited out its back-offs and resets in real time would take
        // hours. The bound is loose on purpose: a machine busy with other builds may be many times slower.
        Assert.True(wall.Elapsed < TimeSpan.FromMinutes(10), $"the run took {wall.Elapsed}");
    }

    [Theory]
    [InlineData(FaultNetwork.X)]
    [InlineData(FaultNetwork.Mastodon)]
    [InlineData(FaultNetwork.Bluesky)]
    [InlineData(FaultNetwork.Telegram)]
    public async Task RunOnceAsync_429WithTheNetworksResetHeader_NextAttemptWaitsUntilThatReset(FaultNetwork network)
    {
        // Arrange
        await using var run = await FaultRunHost.StartAsync();
        var proxy = run.Proxies[network];
        proxy.RateLimitReset = TimeSpan.FromMinutes(10);
        proxy.Script.Enqueue(ChaosFault.RateLimited);
        await run.EnqueueAsync(1);
        var reset = FaultRunHost.Start + proxy.RateLimitReset;
        var name = FaultRunHost.ChannelName(network);

        // Act
        await run.Dispatcher.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        var waiting = (await run.LedgerAsync())[(network, 0)];
        run.Time.Advance(reset - run.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        var handledBeforeReset = await RoundForAsync(run, name);
        var requestsBeforeReset = proxy.Requests.Count;
        run.Time.Advance(TimeSpan.FromSeconds(1));
        var handledAtReset = await RoundForAsync(run, name);
        var published = (await run.LedgerAsync())[(network, 0)];

        // Assert
        Assert.Equal(PostState.RetryWaiting, waiting.State);
        Assert.Equal(reset, waiting.NextAttemptAt);
        Assert.Equal(0, handledBeforeReset);
        Assert.Equal(1, requestsBeforeReset);
        Assert.Equal(1, handledAtReset);
        Assert.Equal(PostState.Published, published.State);
        Assert.Equal(2, proxy.Requests.Count);
        Assert.Equal(reset, proxy.Requests.Last().At);
        Assert.Equal(1, run.StoredCount(network, 0));
    }

    [Fact]
    public async Task RunOnceAsync_OneNetworkDown_CircuitOpensAndTheOthersPublishWithoutDelay()
    {
        // Arrange
        await using var run = await FaultRunHost.StartAsync();
        var x = run.Proxies[FaultNetwork.X];
        x.Outage = true;
        await run.EnqueueAsync(20);
        var xChannel = (ResilientChannel)run.Channels.Single(c => c.Name == "x");

        // Act
        var handled = await run.Dispatcher.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        var duringOutage = await run.LedgerAsync();
        var circuitDuringOutage = xChannel.Circuit;
        var requestsDuringOutage = x.Requests.Count;
        var sentDuringOutage = x.Requests.GroupBy(r => r.Marker!.Value).ToDictionary(g => g.Key, g => g.Count());
        x.Outage = false;
        await run.RunUntilIdleAsync();
        var after = await run.LedgerAsync();

        // Assert: one round, no fake time spent, and every post of the healthy networks out at its due time.
        Assert.Equal(20 * Enum.GetValues<FaultNetwork>().Length, handled);
        foreach (var ((network, marker), post) in duringOutage.Where(p => p.Key.Network != FaultNetwork.X))
        {
            Assert.Equal(PostState.Published, post.State);
            Assert.Equal(FaultRunHost.Start, post.PublishedAt);
            Assert.Equal(1, run.StoredCount(network, marker));
        }

        // Those the network refused wait to be retried; those the open circuit refused were never sent and keep their attempt.
        foreach (var ((_, marker), post) in duringOutage.Where(p => p.Key.Network == FaultNetwork.X))
        {
            var sent = sentDuringOutage.GetValueOrDefault(marker);
            Assert.Equal(sent == 0 ? PostState.Queued : PostState.RetryWaiting, post.State);
            Assert.Equal(sent, post.Attempts);
        }

        Assert.Equal(CircuitState.Open, circuitDuringOutage);

        // The open circuit spared the network the rest of the batch.
        Assert.InRange(requestsDuringOutage, 2, 10);

        // Once the network is back, X's posts go out, once each.
        Assert.All(after, p => Assert.Equal(PostState.Published, p.Value.State));
        Assert.All(after.Where(p => p.Key.Network == FaultNetwork.X), p => Assert.Equal(1, run.StoredCount(FaultNetwork.X, p.Key.Marker)));
    }

    [Fact]
    public async Task RunOnceAsync_LongOutage_NoPostDeadLetteredBeforeItWasSentMaxAttemptsTimes()
    {
        // Arrange
        await using var run = await FaultRunHost.StartAsync(new Dictionary<string, string?> { ["Dispatch:MaxAttempts"] = "2" });
        var x = run.Proxies[FaultNetwork.X];
        x.Outage = true;
        await run.EnqueueAsync(20);

        // Act
        await run.RunUntilIdleAsync();
        var ledger = await run.LedgerAsync();

        // Assert: a post is given up only after the network refused it MaxAttempts times, never by the breaker alone.
        var xPosts = ledger.Where(p => p.Key.Network == FaultNetwork.X).ToList();
        Assert.Equal(20, xPosts.Count);
        Assert.All(xPosts, p => Assert.Equal(PostState.Failed, p.Value.State));
        Assert.All(xPosts, p => Assert.True(x.RequestsFor(p.Key.Marker).Count == 2, $"post {p.Value.Id} dead-lettered after {x.RequestsFor(p.Key.Marker).Count} sends: {p.Value.LastError}"));
    }

    private static long MarkerOf(Dictionary<(FaultNetwork Network, long Marker), QueuedPost> ledger, QueuedPost post) =>
        ledger.First(l => l.Value.Id == post.Id).Key.Marker;

    private static async Task<int> RoundForAsync(FaultRunHost run, string channel)
    {
        var before = (await run.Queue.ListAsync([PostState.Published], 100, false, CancellationToken.None)).Count(p => p.Channel == channel);
        var handled = await run.Dispatcher.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        var afterCount = (await run.Queue.ListAsync([PostState.Published], 100, false, CancellationToken.None)).Count(p => p.Channel == channel);
        return handled == 0 ? 0 : afterCount - before;
    }

    private void Report(FaultRunHost run, Dictionary<(FaultNetwork Network, long Marker), QueuedPost> ledger, int rounds, TimeSpan wall)
    {
        output.WriteLine($"rounds {rounds}, fake time {run.Time.GetUtcNow() - FaultRunHost.Start}, wall {wall}");
        foreach (var network in Enum.GetValues<FaultNetwork>())
        {
            var posts = ledger.Where(p => p.Key.Network == network).Select(p => p.Value).ToList();
            var states = string.Join(", ", posts.GroupBy(p => p.State).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
            var proxy = run.Proxies[network];
            var faults = string.Join(", ", proxy.Requests.GroupBy(r => r.Fault).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
            var stored = posts.Sum(p => run.StoredCount(network, MarkerOf(ledger, p)));
            output.WriteLine($"{network}: {states}; create requests {proxy.Requests.Count} ({faults}); stored on the network {stored}; attempts {posts.Sum(p => p.Attempts)} (most for one post {posts.Max(p => p.Attempts)}); most sends of one post {posts.Max(p => proxy.RequestsFor(MarkerOf(ledger, p)).Count)}");
            foreach (var odd in posts.Where(p => p.State is not (PostState.Published or PostState.InDoubt)))
            {
                output.WriteLine($"  {odd.Id} {odd.State} attempts {odd.Attempts}: {odd.LastError}");
            }
        }
    }
}
