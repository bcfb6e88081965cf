using CsCheck;
using SyndicationBot.Channels.Bluesky;
using Xunit;

namespace SyndicationBot.Tests.Channels.Bluesky;

public sealed class BlueskyRecordKeyTests
{
    private const string TidAlphabet = "234567abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void Derive_SameKeyTwice_GivesTheSameRecordKey()
    {
        // Arrange
        const string key = "article-7f3a:bluesky";

        // Act
        var first = BlueskyRecordKey.Derive(key);
        var second = BlueskyRecordKey.Derive(key);

        // Assert
        Assert.Equal(first, second);
    }

    [Fact]
    public void Derive_AnyKey_IsAValidTidWhoseTimestampLiesInThePast()
    {
        // Arrange
        var latest = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // Act & Assert
        Gen.String[1, 200].Sample(key =>
        {
            var rkey = BlueskyRecordKey.Derive(key);
            Assert.Matches("^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$", rkey);
            var micros = Decode(rkey) >> 10;
            var at = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
            Assert.InRange(at, new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero), latest);
        });
    }

    [Fact]
    public void Derive_DifferentKeys_GiveDifferentRecordKeys()
    {
        // Arrange
        var keys = Enumerable.Range(0, 20_000).Select(i => $"article-{i}:bluesky").ToList();

        // Act
        var rkeys = keys.Select(BlueskyRecordKey.Derive).ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.Equal(keys.Count, rkeys.Count);
    }

    private static long Decode(string tid) => tid.Aggregate(0L, (acc, c) => (acc << 5) | (long)TidAlphabet.IndexOf(c, StringComparison.Ordinal));
}
