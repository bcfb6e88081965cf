using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Channels.Webhook;
using SyndicationBot.Channels.X;
using SyndicationBot.IntegrationTests.Contract;
using SyndicationBot.Posts;
using SyndicationBot.Tests.Channels.Mastodon;
using SyndicationBot.Tests.Channels.Webhook;
using SyndicationBot.Tests.Channels.X;
using SyndicationBot.Tests.Contract;
using Xunit;
using Xunit.Abstractions;

namespace SyndicationBot.IntegrationTests.Channels.Resilience;

/// <summary>
/// 1,000 posts across X, Mastodon and the webhook through the real resilient channels, each contract server
/// injecting faults into 30% of requests (503, resets before and after the post is stored, hangs, 429 with reset
/// headers). A small ledger loop stands in for the dispatcher: it waits for RetryLater.NotBefore on the fake clock,
/// treats Duplicate as done and Unknown on a non-idempotent channel as in doubt.
/// </summary>
public sealed class FaultRunTests(ITestOutputHelper output)
{
    private const int PostsPerChannel = 334;

    [Fact]
    public async Task PublishAsync_ThirtyPercentFaults_EveryPostPublishedExactlyOnceOrInDoubtNoneLost()
    {
        // Arrange
        var time = new FakeTimeProvider(ChannelTestHost.Start);
        await using var x = await FakeXServer.StartAsync(time);
        await using var mastodon = await FakeMastodonServer.StartAsync(time);
        await using var webhook = await FakeWebhookServer.StartAsync();
        x.LimitWindow(100_000);
        x.Chaos = new ChaosMonkey(1, 0.3);
        mastodon.Chaos = new ChaosMonkey(2, 0.3);
        webhook.Chaos = new ChaosMonkey(3, 0.3);
        await using var host = ChannelTestHost.Create(
            [
                new("Channels:X:Enabled", "true"),
                new("Channels:X:BaseUrl", x.BaseAddress.ToString()),
                new("Channels:X:ConsumerKey", FakeXServer.ConsumerKey),
                new("Channels:X:ConsumerSecret", FakeXServer.ConsumerSecret),
                new("Channels:X:AccessToken", FakeXServer.AccessToken),
                new("Channels:X:AccessTokenSecret", FakeXServer.AccessTokenSecret),
                new("Channels:Mastodon:Enabled", "true"),
                new("Channels:Mastodon:BaseUrl", mastodon.BaseAddress.ToString()),
                new("Channels:Mastodon:AccessToken", FakeMastodonServer.Token),
                new("Channels:Webhook:Enabled", "true"),
                new("Channels:Webhook:Url", new Uri(webhook.BaseAddress, "hook").ToString()),
                new("Channels:Webhook:Secret", FakeWebhookServer.Secret),
                new("Channels:X:Resilience:AttemptTimeout", "00:00:30"),
                new("Channels:Mastodon:Resilience:AttemptTimeout", "00:00:30"),
                new("Channels:Mastodon:Resilience:TotalTimeout", "00:05:00"),
                new("Channels:Webhook:Resilience:AttemptTimeout", "00:00:30"),
            ],
            services => services.AddXChannel().AddMastodonChannel().AddWebhookChannel().AddChannelResilience(),
            time);
        var channels = host.Services.GetServices<IChannel>().ToList();
        Dictionary<(string Channel, long PostId), PublishResult> outcomes = [];

        // The clock moves only while every open request is one a server holds open on purpose.
        bool Quiet() => host.OpenRequests.Count <= x.Hanging.Count + mastodon.Hanging.Count + webhook.Hanging.Count;

        // Act
        for (var i = 0; i < PostsPerChannel; i++)
        {
            foreach (var channel in channels)
            {
                var post = Post(channel.Name, i);
                outcomes[(channel.Name, post.PostId)] = await LedgerLoopAsync(channel, post, time, Quiet);
            }
        }

        foreach (var group in outcomes.GroupBy(o => (o.Key.Channel, Outcome: o.Value.GetType().Name)))
        {
            output.WriteLine($"{group.Key.Channel}: {group.Key.Outcome} {group.Count()}");
        }

        output.WriteLine($"faults injected: x {x.Chaos.Injected}, mastodon {mastodon.Chaos.Injected}, webhook {webhook.Chaos.Injected}");

        // Assert: nothing lost, nothing refused.
        Assert.Equal(PostsPerChannel * 3, outcomes.Count);
        Assert.All(outcomes.Values, r => Assert.True(r is PublishResult.Published or PublishResult.Duplicate or PublishResult.Unknown, r.ToString()));

        // X: one post per text at most (its duplicate check would say so), and a hidden outcome was never resent.
        Assert.Equal(0, x.DuplicateResponses);
        AssertExactlyOnceOrInDoubt("x", outcomes, id => x.PostedTexts.Count(t => t == Text("x", id)));

        // Mastodon dedupes on the key, so every post is published, exactly once.
        Assert.All(outcomes.Where(o => o.Key.Channel == "mastodon"), o => Assert.IsType<PublishResult.Published>(o.Value));
        AssertExactlyOnceOrInDoubt("mastodon", outcomes, id => mastodon.Statuses.Count(s => (string?)s["content"] == $"<p>{Text("mastodon", id)}</p>"));

        AssertExactlyOnceOrInDoubt("webhook", outcomes, id => webhook.Received.Count(r => (long?)r["postId"] == id));
        Assert.True(x.Chaos.Injected + mastodon.Chaos.Injected + webhook.Chaos.Injected > 250);
    }

    private static void AssertExactlyOnceOrInDoubt(string channel, Dictionary<(string Channel, long PostId), PublishResult> outcomes, Func<long, int> storedCount)
    {
        foreach (var ((name, postId), result) in outcomes.Where(o => o.Key.Channel == channel))
        {
            var stored = storedCount(postId);
            if (result is PublishResult.Unknown)
            {
                Assert.InRange(stored, 0, 1);
            }
            else
            {
                Assert.True(stored == 1, $"{name} post {postId}: {result} but stored {stored} times");
            }
        }
    }

    private static async Task<PublishResult> LedgerLoopAsync(IChannel channel, OutgoingPost post, FakeTimeProvider time, Func<bool> quiet)
    {
        for (var attempt = 1; attempt <= 50; attempt++)
        {
            var result = await time.DriveAsync(channel.PublishAsync(post with { Attempt = attempt }, CancellationToken.None), TimeSpan.FromSeconds(1), quiet);
            switch (result)
            {
                case PublishResult.RetryLater retry:
                    if (retry.NotBefore is { } notBefore && notBefore > time.GetUtcNow())
                    {
                        time.Advance(notBefore - time.GetUtcNow());
                    }

                    continue;
                case PublishResult.Unknown when channel.Guarantee == DeliveryGuarantee.Idempotent:
                    continue;
                default:
                    return result;
            }
        }

        throw new InvalidOperationException($"{channel.Name} post {post.PostId} still retrying after 50 attempts");
    }

    private static string Text(string channel, long postId) => string.Create(CultureInfo.InvariantCulture, $"Fault run {channel} post {postId}");

    private static OutgoingPost Post(string channel, long postId)
    {
        var text = Text(channel, postId);
        return new(postId, $"fault-run:{postId}:{channel}", 1, new PostDraft(channel, text, text.Length, 280) { Title = "Fault run", Language = "en" });
    }
}
