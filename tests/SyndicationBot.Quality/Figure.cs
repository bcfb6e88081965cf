namespace SyndicationBot.Quality;

/// <summary>One yes/no figure of the score board, printed as a percentage of the pages it applies to.</summary>
internal sealed record Figure(string Name)
{
    public static readonly Figure ArticleRead = new("article read");
    public static readonly Figure ExactTitle = new("exact title");
    public static readonly Figure TitleUpToSiteAffix = new("title ± site affix");
    public static readonly Figure Language = new("language");
    public static readonly Figure Lede = new("lede first");
    public static readonly Figure FurnitureFree = new("furniture-free");
    public static readonly Figure ListRefused = new("list refused");

    public static IReadOnlyList<Figure> All { get; } =
        [ArticleRead, ExactTitle, TitleUpToSiteAffix, Language, Lede, FurnitureFree, ListRefused];
}
