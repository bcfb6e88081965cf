namespace SyndicationBot.Posts;

/// <summary>The laid-out post, its plain text (suffix included), how many whole summary sentences it carries, and whether it fits.</summary>
internal sealed record FittedPost(List<PostPiece> Pieces, string PlainText, int SentencesUsed, bool Fits)
{
    /// <summary>Text appended after the layout (a thread number).</summary>
    public string Suffix { get; init; } = string.Empty;
}
