using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Hosting;
using SyndicationBot.Hosting.Http;
using Xunit;

namespace SyndicationBot.Tests.Hosting.Http;

public sealed class LivenessCheckTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void Evaluate_LoopsTurning_IsLive()
    {
        // Arrange
        var (heartbeats, target) = CreateTarget();
        _time.Advance(TimeSpan.FromMinutes(10));
        heartbeats.Beat(LoopHeartbeats.Dispatcher);
        heartbeats.Beat(LoopHeartbeats.Watcher);

        // Act
        var (live, loops) = target.Evaluate();

        // Assert
        Assert.True(live);
        Assert.All(loops, loop => Assert.Equal(TimeSpan.Zero, loop.Age));
    }

    [Fact]
    public void Evaluate_DispatcherSilentLongerThanTheStallTimeout_IsStuckNamingIt()
    {
        // Arrange
        var (heartbeats, target) = CreateTarget();
        heartbeats.Beat(LoopHeartbeats.Dispatcher);
        _time.Advance(TimeSpan.FromMinutes(3));
        heartbeats.Beat(LoopHeartbeats.Watcher);

        // Act
        var (live, loops) = target.Evaluate();

        // Assert
        Assert.False(live);
        var stuck = Assert.Single(loops, l => l.Stuck);
        Assert.Equal(LoopHeartbeats.Dispatcher, stuck.Loop);
        Assert.Equal(TimeSpan.FromMinutes(3), stuck.Age);
    }

    [Fact]
    public void Evaluate_LoopThatNeverTurned_IsStuckOnceTheTimeoutHasPassedSinceStart()
    {
        // Arrange
        var (heartbeats, target) = CreateTarget();
        heartbeats.Beat(LoopHeartbeats.Dispatcher);
        var early = target.Evaluate();
        _time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        heartbeats.Beat(LoopHeartbeats.Dispatcher);

        // Act
        var late = target.Evaluate();

        // Assert
        Assert.True(early.Live);
        Assert.False(late.Live);
        Assert.Null(Assert.Single(late.Loops, l => l.Stuck).LastBeat);
    }

    private (LoopHeartbeats Heartbeats, LivenessCheck Target) CreateTarget()
    {
        var heartbeats = new LoopHeartbeats(_time);
        return (heartbeats, new LivenessCheck(heartbeats, Options.Create(new HealthOptions { LoopStallTimeout = TimeSpan.FromMinutes(2) }), _time));
    }
}
