using SyndicationBot.Queue;
using Xunit;

namespace SyndicationBot.Tests.Queue;

public sealed class IngestOutcomeWordsTests
{
    [Theory]
    [InlineData(IngestOutcome.Queued, "queued")]
    [InlineData(IngestOutcome.Updated, "updated")]
    [InlineData(IngestOutcome.Duplicate, "duplicate")]
    [InlineData(IngestOutcome.Skipped, "skipped")]
    [InlineData(IngestOutcome.Rejected, "rejected")]
    [InlineData(IngestOutcome.Read, "read")]
    public void ToWord_EachOutcome_IsTheWordLedgersAndIngestJsonAlwaysHeld(IngestOutcome outcome, string word)
    {
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
