using System.Text;

namespace SyndicationBot.Posts;

// Telegram's HTML parse mode: every <, > and & of the text escaped, the headline in <b>, the link as <a href>
// with quotes escaped too. Only the four named entities Telegram knows are used.
internal static class TelegramHtmlRenderer
{
    public static string Render(List<PostPiece> pieces)
    {
        int length = 0;
        foreach (var piece in pieces)
        {
            length += piece.Text.Length;
        }

        var builder = new StringBuilder(length + 64);
        foreach (var piece in pieces)
        {
            switch (piece.Field)
            {
                case TemplateField.Title:
                    builder.Append("<b>");
                    Escape(builder, piece.Text, quotes: false);
                    builder.Append("</b>");
                    break;
                case TemplateField.Url:
                    builder.Append("<a href=\"");
                    Escape(builder, piece.Text, quotes: true);
                    builder.Append("\">");
                    Escape(builder, piece.Text, quotes: false);
                    builder.Append("</a>");
                    break;
                default:
                    Escape(builder, piece.Text, quotes: false);
                    break;
            }
        }

        return builder.ToString();
    }

    public static void Escape(StringBuilder builder, string text, bool quotes)
    {
        // Copy the runs between special characters whole rather than one character at a time.
        var rest = text.AsSpan();
        var special = quotes ? SpecialWithQuotes : Special;
        while (true)
        {
            int next = rest.IndexOfAny(special);
            if (next < 0)
            {
                builder.Append(rest);
                return;
            }

            builder.Append(rest[..next]);
            builder.Append(rest[next] switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                _ => "&quot;",
            });
            rest = rest[(next + 1)..];
        }
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("<>&");

    private static readonly System.Buffers.SearchValues<char> SpecialWithQuotes = System.Buffers.SearchValues.Create("<>&\"");
}
