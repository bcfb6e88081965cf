namespace SyndicationBot.Summaries;

/// <summary>
/// An extractive summary: sentences taken verbatim from the article, most important first in the order
/// a composer should try to fit them (the lead is first).
/// </summary>
/// <param name="Sentences">Candidate sentences, each found verbatim in the article body.</param>
internal sealed record Summary(IReadOnlyList<string> Sentences)
{
    /// <summary>The summary as one paragraph.</summary>
    public string Text => string.Join(' ', Sentences);
}
