namespace SyndicationBot.Posts;

/// <summary>Renders a post as plain text, the form most networks take.</summary>
internal static class PlainRenderer
{
    public static string Render(List<PostPiece> pieces) => PostTemplate.ToPlainText(pieces);
}
