namespace SyndicationBot.Articles;

/// <summary>The outcome of reading one input: an article, or a rejection that names the input and what is wrong.</summary>
internal abstract record ArticleReadResult(string Source)
{
    /// <summary>The input was read into an article.</summary>
    public sealed record Accepted(Article Article) : ArticleReadResult(Article.Source);

    /// <summary>The input cannot become an article; <paramref name="Reason"/> says why and what to do.</summary>
    public sealed record Rejected(string Source, string Reason) : ArticleReadResult(Source);
}
