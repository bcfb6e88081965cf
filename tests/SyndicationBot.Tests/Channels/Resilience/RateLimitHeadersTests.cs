using SyndicationBot.Channels.Resilience;
using Xunit;

namespace SyndicationBot.Tests.Channels.Resilience;

public class RateLimitHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-29T00:05:00.000000Z", "2026-11-29T00:05:00Z")] // Mastodon: ISO 8601 with microseconds
    [InlineData("2026-11-29T01:05:00+01:00", "2026-11-29T00:05:00Z")]
    [InlineData("1795910700", "2026-11-29T00:05:00Z")] // X x-rate-limit-reset, GoToSocial: epoch seconds
    [InlineData("300", "2026-11-29T00:05:00Z")] // IETF draft RateLimit-Reset: seconds from now
    [InlineData(" 1795910700 ", "2026-11-29T00:05:00Z")]
    public void ParseReset_NetworkFormats_SameInstant(string header, string expected)
    {
        // Arrange, Act
        var reset = RateLimitHeaders.ParseReset(header, Now);

        // Assert
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), reset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("1e30")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("253402300800")]
    public void ParseReset_MissingGarbageOrNoInstant_Null(string? header)
    {
        // Arrange, Act
        var reset = RateLimitHeaders.ParseReset(header, Now);

        // Assert
        Assert.Null(reset);
    }

    [Fact]
    public void RetryAfter_DeltaSeconds_AddedToNow()
    {
        // Arrange
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.Add("Retry-After", "35");

        // Act
        var notBefore = RateLimitHeaders.RetryAfter(response, Now);

        // Assert
        Assert.Equal(Now.AddSeconds(35), notBefore);
    }

    [Theory]
    [InlineData(-5.0, 0.0)]
    [InlineData(2.5, 2.5)]
    public void SecondsFrom_FiniteWait_AddedToNowNeverInThePast(double seconds, double expected)
    {
        // Act
        var at = RateLimitHeaders.SecondsFrom(Now, seconds);

        // Assert
        Assert.Equal(Now.AddSeconds(expected), at);
    }

    [Theory]
    [InlineData(1e30)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void SecondsFrom_WaitNoInstantCanHold_Null(double seconds)
    {
        // Act
        var at = RateLimitHeaders.SecondsFrom(Now, seconds);

        // Assert
        Assert.Null(at);
    }
}
