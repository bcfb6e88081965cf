using CsCheck;
using SyndicationBot.Posts.Text;
using Xunit;

namespace SyndicationBot.Tests.Posts.Text;

// The scan weighs runs of first-range characters at once; this checks it against the reference's loop, one
// character at a time (js/src/parseTweet.js, as the port first wrote it), on generated mixed texts.
public sealed class TwitterTextScanTests
{
    private static readonly string[] Fragments =
    [
        "Le directeur général a reçu lundi à Rabat ", "l’ambassadrice ", "会议今天在北京开始。", "الاجتماع انتهى ", "😷👍🏽", "👨‍👩‍👧‍👦", "🇲🇦",
        "https://www.lematin.ma/nation/a-1 ", "lemonde.fr/eco ", "https://t.co/abc123", " ", "\n\n", "…", "€", "\uFEFF", "\uFFFF", "e\u0301",
        "#Maroc ", "3.4 ", "U.S. ", "x", "\u2028", "\uD800", "\uDC00", "Ω", "\u1100\u1161", "abcdefghij abcdefghij abcdefghij ",
    ];

    [Fact]
    public void Parse_GeneratedTexts_MatchesTheCharacterByCharacterScan()
    {
        Gen.OneOfConst(Fragments).Array[0, 60].Select(string.Concat).Sample(text =>
        {
            // Arrange
            var config = TwitterTextConfiguration.Version3;
            string normalized = TwitterText.ToNfc(text);
            int max = config.MaxWeightedTweetLength * config.Scale;
            int[] expectedPrefix = new int[normalized.Length + 1];
            long expectedWeighted = ReferenceScan(normalized, config, max, expectedPrefix, out int expectedValidIndex, out bool expectedValid);

            // Act
            var parsed = TwitterText.Parse(text, config);
            int[]? prefix = TwitterText.PrefixWeights(text, config);

            // Assert
            Assert.Equal((int)(expectedWeighted / config.Scale), parsed.WeightedLength);
            Assert.Equal(expectedValid && expectedWeighted > 0 && expectedWeighted <= max, parsed.Valid);
            Assert.Equal(expectedValidIndex + (text.Length - normalized.Length), parsed.ValidRangeEnd);
            if (prefix is not null)
            {
                Assert.Equal(expectedPrefix, prefix);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Parse_NonCharacterBeforeEmoji_KeepsTheEmojiWhole()
    {
        // Arrange
        string text = "\uFFFE😀";

        // Act
        var parsed = TwitterText.Parse(text, TwitterTextConfiguration.Version3);

        // Assert
        Assert.Equal(4, parsed.WeightedLength);
        Assert.False(parsed.Valid);
    }

    private static long ReferenceScan(string normalized, TwitterTextConfiguration config, int maxWeighted, int[] prefix, out int validDisplayIndex, out bool valid)
    {
        var urls = UrlExtractor.Extract(normalized, includeWithoutProtocol: true);
        var emoji = config.EmojiParsingEnabled ? TwemojiParser.Parse(normalized) : [];
        int nextUrl = 0;
        int nextEmoji = 0;
        long weighted = 0;
        validDisplayIndex = 0;
        valid = true;
        for (int i = 0; i < normalized.Length; i++)
        {
            int start = i;
            while (nextEmoji < emoji.Count && emoji[nextEmoji].Start < i)
            {
                nextEmoji++;
            }

            if (nextUrl < urls.Count && urls[nextUrl].Start == i)
            {
                weighted += config.TransformedUrlLength * config.Scale;
                i += urls[nextUrl].Length - 1;
                nextUrl++;
            }
            else if (nextEmoji < emoji.Count && emoji[nextEmoji].Start == i)
            {
                weighted += config.DefaultWeight;
                i += emoji[nextEmoji].Length - 1;
                nextEmoji++;
            }
            else
            {
                if (char.IsHighSurrogate(normalized[i]) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1]))
                {
                    i++;
                }

                weighted += config.WeightOf(normalized[i]);
            }

            for (int k = start + 1; k <= i + 1; k++)
            {
                prefix[k] = (int)weighted;
            }

            if (valid)
            {
                valid = normalized[i] is not ('\uFFFE' or '\uFEFF' or '\uFFFF');
            }

            if (valid && weighted <= maxWeighted)
            {
                validDisplayIndex = i;
            }
        }

        return weighted;
    }
}
