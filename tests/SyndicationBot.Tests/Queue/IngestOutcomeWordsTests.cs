using SyndicationBot.Queue;
using Xunit;

namespace SyndicationBot.Tests.Queue;

public sealed class IngestOutcomeWordsTests
{
    [Theory]
    [InlineData("Queued", "queued")]
    [InlineData("Updated", "updated")]
    [InlineData("Duplicate", "duplicate")]
    [InlineData("Skipped", "skipped")]
    [InlineData("Rejected", "rejected")]
    [InlineData("Read", "read")]
    public void ToWord_EachOutcome_IsTheWordLedgersAndIngestJsonAlwaysHeld(string outcomeName, string word)
    {
        // Arrange
        var outcome = Enum.Parse<IngestOutcome>(outcomeName);

        // Act
        var written = outcome.ToWord();
        var read = IngestOutcomeWords.FromWord(word);

        // Assert
        Assert.Equal(word, written);
        Assert.Equal(outcome, read);
    }

    [Fact]
    public void FromWord_WordOfANewerBuild_ReadsAsHandledNotRejected()
    {
        // Act
        var read = IngestOutcomeWords.FromWord("quarantined");

        // Assert
        Assert.Equal(IngestOutcome.Read, read);
    }
}
