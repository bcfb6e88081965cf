using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Summaries;

/// <summary>How long a summary may be.</summary>
internal sealed class SummariesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Summaries";

    /// <summary>The most sentences a summary offers the composers (they fit as many as each network allows).</summary>
    [Range(1, 20)]
    public int MaxSentences { get; set; } = 4;
}
