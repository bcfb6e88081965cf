namespace SyndicationBot.Posts.Text;

/// <summary>A URL found in text: UTF-16 start and length, and whether it was written with <c>http(s)://</c>.</summary>
internal readonly record struct UrlSpan(int Start, int Length, bool HasProtocol)
{
    public int End => Start + Length;
}
