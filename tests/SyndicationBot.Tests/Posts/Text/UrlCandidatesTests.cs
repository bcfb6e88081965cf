using System.Text;
using System.Text.RegularExpressions;
using SyndicationBot.Posts.Text;
using Xunit;

namespace SyndicationBot.Tests.Posts.Text;

// UrlCandidates lets the reference pattern run only where it can match; these tests check its shortcuts against the
// pattern itself, so a skipped position can never be one where twitter-text finds a URL.
public sealed class UrlCandidatesTests
{
    private static readonly string[] Fragments =
    [
        "https://", "http://", "HTTP://", "www.", "lematin", ".ma", ".com", ".fr", ".co", ".uk", ".香港", ".рф", ".한국", ".onion",
        ".xn--p1ai", "xn--80ak6aa92e", ".vermögensberatung", ".嘉里大酒店", ".嘉里", ".4", ".S.", "U", "3", "a_b", "ab-", "-", "_", ".", "..",
        "/", "/path", "?q=1", ":80", "@", "#", "$", "'", "\"", "`", "(", ")", "会议", "合作！", "。", "الرباط", "é", "\u200F", "\u2066",
        "\uFEFF", "\u00A0", " ", " ", "\n", "t.co/abc", "bit.ly", "a", "Z", "9", "+", "é.com", "com", "ma",
    ];

    [Fact]
    public void IsDomainChar_EveryUtf16Unit_AgreesWithThePatternsLabelClass()
    {
        // Arrange
        var labelClass = new Regex("^" + LabelClass() + "$", RegexOptions.CultureInvariant);

        // Act
        var disagreements = Enumerable.Range(0, 0x10000)
            .Select(c => (char)c)
            .Where(c => UrlCandidates.IsDomainChar(c) != labelClass.IsMatch(c.ToString()))
            .Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

        // Assert
        Assert.Empty(disagreements);
    }

    [Fact]
    public void KnownTopLevelDomains_ReadFromThePattern_AreLiteralDomainNames()
    {
        // Arrange // Act
        var domains = UrlCandidates.KnownTopLevelDomains;

        // Assert
        Assert.Contains("com", domains);
        Assert.Contains("ma", domains);
        Assert.Contains("onion", domains);
        Assert.Contains("香港", domains);
        Assert.Contains("한국", domains);
        Assert.All(domains, d => Assert.True(d.Length >= 2 && d.All(c => char.IsLetterOrDigit(c) || c == '-' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark), d));
    }

    [Fact]
    public void NextAttempt_WhereThePatternMatches_NeverSkipsThatPosition()
    {
        // Arrange
        var anchored = new Regex(@"\G(?:" + TwitterTextPatterns.ExtractUrlHead + ")", RegexOptions.CultureInvariant);
        var random = new Random(20240611);
        int matchesSeen = 0;
        var missed = new List<string>();

        // Act
        for (int n = 0; n < 1500; n++)
        {
            var builder = new StringBuilder();
            int count = random.Next(1, 9);
            for (int k = 0; k < count; k++)
            {
                builder.Append(Fragments[random.Next(Fragments.Length)]);
            }

            string lower = builder.ToString().ToLowerInvariant();
            bool atTextStart = random.Next(2) == 0;
            var candidates = new UrlCandidates(lower, atTextStart);
            bool mayHoldDomain = UrlCandidates.MayHoldDomain(lower);
            for (int i = 0; i < lower.Length; i++)
            {
                var match = anchored.Match(lower, i, lower.Length - i);
                bool caretAtEdge = match.Success && match.Groups[2].Length == 0 && (i != 0 || !atTextStart);
                if (!match.Success || caretAtEdge)
                {
                    continue;
                }

                matchesSeen++;
                if (!mayHoldDomain || candidates.NextAttempt(i) != i)
                {
                    missed.Add($"{lower} @ {i}");
                }
            }
        }

        // Assert
        Assert.Empty(missed);
        Assert.True(matchesSeen > 500, $"only {matchesSeen} matches generated");
    }

    [Theory]
    [InlineData("3.4-hour")]
    [InlineData("the u.s. senate")]
    [InlineData("sécuritaire. fin")]
    [InlineData("rapport.pdf")]
    public void MayHoldDomain_DotsWithoutTopLevelDomain_IsFalse(string lower)
    {
        // Arrange // Act
        bool may = UrlCandidates.MayHoldDomain(lower);

        // Assert
        Assert.False(may);
    }

    // The domain-label character class as the pattern writes it (the first class after the optional protocol).
    private static string LabelClass()
    {
        string pattern = TwitterTextPatterns.ExtractUrlHead;
        int start = pattern.IndexOf("[^", pattern.IndexOf(@"(https?:\/\/)?", StringComparison.Ordinal), StringComparison.Ordinal);
        int i = start + 2;
        while (pattern[i] != ']')
        {
            i += pattern[i] == '\\' ? 2 : 1;
        }

        return pattern[start..(i + 1)];
    }
}
