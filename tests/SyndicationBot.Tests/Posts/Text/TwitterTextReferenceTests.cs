using System.Text.Json;
using SyndicationBot.Posts.Text;
using Xunit;

namespace SyndicationBot.Tests.Posts.Text;

// 1500 generated texts (emoji sequences old and new, URLs with and without protocol, bad domains, CJK, RTL,
// combining marks, punctuation next to links) with the lengths npm twitter-text@3.1.0 gives them
// (TestData/Posts/twitter-text/reference/generate.js wrote the file).
public sealed class TwitterTextReferenceTests
{
    [Fact]
    public void Parse_ReferenceOutputs_MatchesTwitterTextOnEveryText()
    {
        // Arrange
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "Posts", "twitter-text", "reference", "reference-cases.json");
        using var cases = JsonDocument.Parse(File.ReadAllText(path));

        // Act
        var mismatches = cases.RootElement.EnumerateArray()
            .Select(c => (Text: c.GetProperty("text").GetString()!, Weighted: c.GetProperty("w").GetInt32(), Valid: c.GetProperty("valid").GetBoolean(), ValidEnd: c.GetProperty("vre").GetInt32()))
            .Select(c => (Case: c, Actual: TwitterText.Parse(c.Text, TwitterTextConfiguration.Version3)))
            .Where(r => r.Actual.WeightedLength != r.Case.Weighted || r.Actual.Valid != r.Case.Valid || r.Actual.ValidRangeEnd != r.Case.ValidEnd)
            .Select(r => $"{JsonSerializer.Serialize(r.Case.Text)}: expected {r.Case.Weighted}, got {r.Actual.WeightedLength}")
            .ToList();

        // Assert
        Assert.Equal(1500, cases.RootElement.GetArrayLength());
        Assert.Empty(mismatches);
    }
}
