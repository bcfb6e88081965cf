using SyndicationBot.Articles;

namespace SyndicationBot.Summaries;

/// <summary>Writes a short, faithful, extractive summary of an article in its own language.</summary>
internal interface ISummarizer
{
    /// <summary>Summarises the article. Every sentence of the result is found verbatim in the article body.</summary>
    Summary Summarize(Article article);
}
