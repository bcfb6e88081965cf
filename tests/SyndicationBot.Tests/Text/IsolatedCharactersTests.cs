using System.Globalization;
using System.Text;
using SyndicationBot.Text;
using Xunit;

namespace SyndicationBot.Tests.Text;

public sealed class IsolatedCharactersTests
{
    [Fact]
    public void Contains_EveryCharacterOfTheTable_BreaksFromItsNeighboursAndIsNfc()
    {
        // Arrange: every pair of table characters, sampled by a stride to keep the test quick (CR and LF excepted:
        // they are a pair, and the grapheme code never starts a run at a control character).
        var table = Enumerable.Range(' ', 0xFFFF - ' ').Select(i => (char)i).Where(IsolatedCharacters.Contains).ToList();
        var wrong = new List<string>();

        // Act
        for (int i = 0; i < table.Count; i += 7)
        {
            for (int j = 0; j < table.Count; j += 131)
            {
                string pair = string.Concat(table[i], table[j]);
                if (StringInfo.GetNextTextElementLength(pair) != 1 || !pair.IsNormalized(NormalizationForm.FormC))
                {
                    wrong.Add(((int)table[i]).ToString("X4", CultureInfo.InvariantCulture) + " " + ((int)table[j]).ToString("X4", CultureInfo.InvariantCulture));
                }
            }
        }

        // Assert
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData('\u0301')] // a combining accent joins the character before it
    [InlineData('\u1100')] // a Hangul jamo joins the syllable
    [InlineData('\u200D')] // ZWJ
    [InlineData('\uF900')] // a compatibility ideograph changes under NFC
    public void Contains_CharacterThatCombines_IsFalse(char c)
    {
        // Act
        bool result = IsolatedCharacters.Contains(c);

        // Assert
        Assert.False(result);
    }
}
