using SyndicationBot.Articles.Text;
using Xunit;

namespace SyndicationBot.Tests.Articles.Text;

public sealed class DateParserTests
{
    [Theory]
    [InlineData("27 November 2026, 14:05", "2026-11-27T14:05:00+00:00")]
    [InlineData("November 27, 2026", "2026-11-27T00:00:00+00:00")]
    [InlineData("le 27 novembre 2026 à 14h05", "2026-11-27T14:05:00+00:00")]
    [InlineData("Publié le 27/11/2026 à 14h05", "2026-11-27T14:05:00+00:00")]
    [InlineData("27 de noviembre de 2026", "2026-11-27T00:00:00+00:00")]
    [InlineData("27.11.2026, 14:05 Uhr", "2026-11-27T14:05:00+00:00")]
    [InlineData("27.11.2026, 14.05 Uhr", "2026-11-27T14:05:00+00:00")]
    [InlineData("Wed 30 Oct 2026 13.51 GMT", "2026-10-30T13:51:00+00:00")]
    [InlineData("27.11.2026", "2026-11-27T00:00:00+00:00")]
    [InlineData("2026.11.27", "2026-11-27T00:00:00+00:00")]
    [InlineData("٢٧ نوفمبر ٢٠٢٦", "2026-11-27T00:00:00+00:00")]
    [InlineData("الجمعة 27 نونبر 2026", "2026-11-27T00:00:00+00:00")]
    [InlineData("2026年11月27日 14:05", "2026-11-27T14:05:00+00:00")]
    [InlineData("2026年11月27日 14時05分", "2026-11-27T14:05:00+00:00")]
    [InlineData("2026年11月27日14时05分", "2026-11-27T14:05:00+00:00")]
    [InlineData("2026-11-27T14:05:00+01:00", "2026-11-27T14:05:00+01:00")]
    [InlineData("Fri, 27 Nov 2026 14:05:00 +0100", "2026-11-27T14:05:00+01:00")]
    [InlineData("Fri, 27 Nov 2026 14:05:00 GMT", "2026-11-27T14:05:00+00:00")]
    public void TryParse_NewsDate_ReturnsInstant(string text, string expected)
    {
        // Act
        var parsed = DateParser.TryParse(text, out var value, out _);

        // Assert
        Assert.True(parsed);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("22:37")]
    [InlineData("Suivez-nous sur Facebook")]
    [InlineData("31 février 2026")]
    [InlineData("Version 3.2.1")]
    public void TryParse_NotADate_ReturnsFalse(string text)
    {
        // Act
        var parsed = DateParser.TryParse(text, out _, out _);

        // Assert
        Assert.False(parsed);
    }
}
