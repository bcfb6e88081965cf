using System.Text;
using SyndicationBot.Articles;

namespace SyndicationBot.Quality;

/// <summary>Reads one page through the production reader and scores what came back against its expectation.</summary>
internal sealed class PageScorer(ProductionReader reader, ScoreBoard board)
{
    private const int ShownChars = 160;

    public void Score(PageExpectation page, string source, byte[] content)
    {
        board.AddPage(page);
        Article? article;
        string? refusal;
        try
        {
            var results = reader.Loader.Load(source, content);
            article = results.OfType<ArticleReadResult.Accepted>().FirstOrDefault()?.Article;
            refusal = results.OfType<ArticleReadResult.Rejected>().FirstOrDefault()?.Reason ?? "no result";
        }
        catch (Exception exception)
        {
            // The reader must never throw for bad input; a throw is a miss like any other, and the others go on.
            article = null;
            refusal = "the reader threw " + exception.GetType().Name + ": " + exception.Message;
        }

        if (page.IsList)
        {
            board.Count(page, Figure.ListRefused, article is null, () => $"kept as an article titled {Quote(article?.Title)}, first paragraph {Quote(article is { Paragraphs.Count: > 0 } ? article.Paragraphs[0] : null)}");
            return;
        }

        board.Count(page, Figure.ArticleRead, article is not null, () => "refused: " + refusal);
        var paragraphs = article?.Paragraphs ?? [];
        if (!string.IsNullOrEmpty(page.Title))
        {
            board.Count(page, Figure.ExactTitle, Checks.TitleExact(page.Title, article?.Title), () => $"expected {Quote(page.Title)} got {Quote(article?.Title)}");
            board.Count(page, Figure.TitleUpToSiteAffix, Checks.TitleUpToSiteAffix(page.Title, article?.Title));
        }

        if (!string.IsNullOrEmpty(page.Language))
        {
            var expected = Checks.PrimaryLanguage(page.Language);
            board.Count(page, Figure.Language, article is not null && expected == Checks.PrimaryLanguage(article.Language), () => $"expected {expected} got {article?.Language ?? "nothing"}");
        }

        if (!string.IsNullOrEmpty(page.Lede))
        {
            board.Count(page, Figure.Lede, Checks.LedeFirst(page.Lede, paragraphs), () => $"expected {Quote(page.Lede)} got {Quote(paragraphs.Count > 0 ? paragraphs[0] : null)}");
        }

        if (page.Furniture.Count > 0)
        {
            var texts = new List<string>(paragraphs);
            if (article is not null)
            {
                texts.AddRange(reader.Summarizer.Summarize(article).Sentences);
            }

            var leaks = Checks.FurnitureLeaks(page.Furniture, texts);
            board.Count(page, Figure.FurnitureFree, article is not null && leaks.Count == 0, () => article is null ? "nothing read" : "kept " + string.Join(", ", leaks.Select(Quote)));
        }

        if (page.ReferenceBody is { } reference)
        {
            var got = Tokens.Of(string.Join('\n', paragraphs));
            board.Body(page, BodyOverlap.Of(got, reference));
        }
    }

    private static string Quote(string? text)
    {
        if (text is null)
        {
            return "(nothing)";
        }

        var flat = Checks.NormalizeTitle(text);
        var shown = flat.Length > ShownChars ? flat[..ShownChars] + "…" : flat;
        return new StringBuilder("«").Append(shown).Append('»').ToString();
    }
}
