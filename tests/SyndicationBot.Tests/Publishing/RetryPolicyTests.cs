using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using Xunit;

namespace SyndicationBot.Tests.Publishing;

public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 0.0, 15)]
    [InlineData(1, 1.0, 30)]
    [InlineData(2, 0.5, 45)]
    [InlineData(3, 0.0, 60)]
    [InlineData(20, 1.0, 3600)]
    public void Decide_TransientFailure_DoublesTheBaseDelayWithJitterOnHalf(int attempts, double jitter, int expectedSeconds)
    {
        // Arrange
        var target = new RetryPolicy(new DispatchOptions { RetryBaseDelay = TimeSpan.FromSeconds(30), MaxAttempts = 100, MaxRetryAge = TimeSpan.FromDays(30) }, () => jitter);

        // Act
        var outcome = target.Decide(attempts, Due, "503", null, Due);

        // Assert
        Assert.Equal(new PostOutcome.RetryAt(Due.AddSeconds(expectedSeconds), "503"), outcome);
    }

    [Fact]
    public void Decide_NetworkWaitLongerThanTheBackoff_WaitsForTheNetwork()
    {
        // Arrange
        var target = new RetryPolicy(new DispatchOptions(), () => 0.5);
        var reset = Due.AddMinutes(15);

        // Act
        var outcome = target.Decide(1, Due, "429", reset, Due);

        // Assert
        Assert.Equal(new PostOutcome.RetryAt(reset, "429"), outcome);
    }

    [Fact]
    public void Decide_NetworkWaitShorterThanTheBackoff_KeepsTheBackoff()
    {
        // Arrange
        var target = new RetryPolicy(new DispatchOptions { RetryBaseDelay = TimeSpan.FromMinutes(1) }, () => 0.0);

        // Act
        var outcome = target.Decide(1, Due, "429", Due.AddSeconds(5), Due);

        // Assert
        Assert.Equal(new PostOutcome.RetryAt(Due.AddSeconds(30), "429"), outcome);
    }

    [Fact]
    public void Decide_NetworkWaitBeyondMaxServerWait_TriesAgainAtTheCapAndSaysWhatWasAsked()
    {
        // Arrange
        var target = new RetryPolicy(new DispatchOptions { MaxServerWait = TimeSpan.FromHours(2) }, () => 0.5);

        // Act
        var outcome = target.Decide(1, Due, "429 Too Many Requests", Due.AddSeconds(int.MaxValue), Due);

        // Assert
        var retry = Assert.IsType<PostOutcome.RetryAt>(outcome);
        Assert.Equal(Due.AddHours(2), retry.NextAttemptAt);
        Assert.Equal(
            "429 Too Many Requests (the network asked to wait until 2094-12-17T12:14:07.0000000+00:00, beyond Dispatch:MaxServerWait (02:00:00): not honoured, tried again at 2026-11-29T11:00:00.0000000+00:00)",
            retry.Error);
    }

    [Fact]
    public void Decide_NetworkWaitExactlyMaxServerWait_IsHonoured()
    {
        // Arrange
        var target = new RetryPolicy(new DispatchOptions(), () => 0.5);

        // Act
        var outcome = target.Decide(1, Due, "429", Due.AddDays(1), Due);

        // Assert
        Assert.Equal(new PostOutcome.RetryAt(Due.AddDays(1), "429"), outcome);
    }

    [Fact]
    public void Decide_LastAttempt_DeadLetters()
    {
        // Arrange
        var target = new RetryPolicy(new DispatchOptions { MaxAttempts = 3 }, () => 0.5);

        // Act
        var outcome = target.Decide(3, Due, "503", null, Due.AddMinutes(5));

        // Assert
        Assert.Equal(new PostOutcome.Failed("gave up after 3 attempts: 503"), outcome);
    }

    [Fact]
    public void Decide_OlderThanMaxRetryAge_DeadLetters()
    {
        // Arrange
        var target = new RetryPolicy(new DispatchOptions { MaxRetryAge = TimeSpan.FromHours(1) }, () => 0.5);

        // Act
        var outcome = target.Decide(2, Due, "503", null, Due.AddHours(1).AddSeconds(1));

        // Assert
        Assert.Equal(new PostOutcome.Failed("gave up after 2 attempts: 503"), outcome);
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(7.0)]
    [InlineData(double.NaN)]
    public void Backoff_JitterOutsideZeroToOne_StaysWithinHalfToFullBackoff(double jitter)
    {
        // Arrange
        var target = new RetryPolicy(new DispatchOptions { RetryBaseDelay = TimeSpan.FromSeconds(30) }, () => jitter);

        // Act
        var backoff = target.Backoff(1);

        // Assert
        Assert.InRange(backoff, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
    }
}
