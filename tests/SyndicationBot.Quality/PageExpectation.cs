namespace SyndicationBot.Quality;

/// <summary>
/// What a correct reader returns for one page. A null or empty field is not scored for that page (the readability
/// corpus has no furniture labels, some of its pages no language).
/// </summary>
/// <param name="Name">The page's name in the misses list.</param>
/// <param name="Groups">The score-board columns the page counts in, besides "all".</param>
/// <param name="IsList">A list, front, press-review or ticker page: the reader must refuse it.</param>
/// <param name="Title">The headline exactly as printed.</param>
/// <param name="Language">ISO 639-1 code (a longer tag is cut to its primary subtag).</param>
/// <param name="Lede">The first words of the first body paragraph.</param>
/// <param name="Furniture">Lines of the page that are not the article (navigation, share prompts, bylines, captions).</param>
/// <param name="ReferenceBody">The words of the reference body, for precision and recall.</param>
internal sealed record PageExpectation(
    string Name,
    IReadOnlyList<string> Groups,
    bool IsList,
    string? Title,
    string? Language,
    string? Lede,
    IReadOnlyList<string> Furniture,
    IReadOnlyList<string>? ReferenceBody);
