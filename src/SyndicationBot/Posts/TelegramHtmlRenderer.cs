using System.Text;

namespace SyndicationBot.Posts;

// Telegram's HTML parse mode: every <, > and & of the text escaped, the headline in <b>, the link as <a href>
// with quotes escaped too. Only the four named entities Telegram knows are used.
internal static class TelegramHtmlRenderer
{
    public static string Render(List<PostPiece> pieces)
    {
        var builder = new StringBuilder();
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
        foreach (char c in text)
        {
            _ = c switch
            {
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '&' => builder.Append("&amp;"),
                '"' when quotes => builder.Append("&quot;"),
                _ => builder.Append(c),
            };
        }
    }
}
