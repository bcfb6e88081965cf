namespace SyndicationBot.Posts;

// Telegram's HTML parse mode: every <, > and & of the text escaped, the headline in <b>, the link as <a href>
// with quotes escaped too. Only the four named entities Telegram knows are used.
internal static class TelegramHtmlRenderer
{
    private const string BoldOpen = "<b>";
    private const string BoldClose = "</b>";
    private const string LinkOpen = "<a href=\"";
    private const string LinkMiddle = "\">";
    private const string LinkClose = "</a>";

    public static string Render(List<PostPiece> pieces)
    {
        // Measured first and written once into an exact-size string: a builder and its final copy doubled the work
        // on posts of thousands of characters.
        int length = 0;
        foreach (var piece in pieces)
        {
            length += piece.Field switch
            {
                TemplateField.Title => BoldOpen.Length + EscapedLength(piece.Text, quotes: false) + BoldClose.Length,
                TemplateField.Url => LinkOpen.Length + EscapedLength(piece.Text, quotes: true) + LinkMiddle.Length
                    + EscapedLength(piece.Text, quotes: false) + LinkClose.Length,
                _ => EscapedLength(piece.Text, quotes: false),
            };
        }

        return string.Create(length, pieces, static (span, all) =>
        {
            foreach (var piece in all)
            {
                switch (piece.Field)
                {
                    case TemplateField.Title:
                        span = Write(span, BoldOpen);
                        span = Escape(span, piece.Text, quotes: false);
                        span = Write(span, BoldClose);
                        break;
                    case TemplateField.Url:
                        span = Write(span, LinkOpen);
                        span = Escape(span, piece.Text, quotes: true);
                        span = Write(span, LinkMiddle);
                        span = Escape(span, piece.Text, quotes: false);
                        span = Write(span, LinkClose);
                        break;
                    default:
                        span = Escape(span, piece.Text, quotes: false);
                        break;
                }
            }
        });
    }

    private static int EscapedLength(string text, bool quotes)
    {
        var rest = text.AsSpan();
        var special = quotes ? SpecialWithQuotes : Special;
        int length = text.Length;
        while (true)
        {
            int next = rest.IndexOfAny(special);
            if (next < 0)
            {
                return length;
            }

            length += Entity(rest[next]).Length - 1;
            rest = rest[(next + 1)..];
        }
    }

    private static Span<char> Escape(Span<char> destination, string text, bool quotes)
    {
        var rest = text.AsSpan();
        var special = quotes ? SpecialWithQuotes : Special;
        while (true)
        {
            int next = rest.IndexOfAny(special);
            if (next < 0)
            {
                return Write(destination, rest);
            }

            destination = Write(destination, rest[..next]);
            destination = Write(destination, Entity(rest[next]));
            rest = rest[(next + 1)..];
        }
    }

    private static Span<char> Write(Span<char> destination, ReadOnlySpan<char> text)
    {
        text.CopyTo(destination);
        return destination[text.Length..];
    }

    private static string Entity(char c) => c switch
    {
        '<' => "&lt;",
        '>' => "&gt;",
        '&' => "&amp;",
        _ => "&quot;",
    };

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("<>&");

    private static readonly System.Buffers.SearchValues<char> SpecialWithQuotes = System.Buffers.SearchValues.Create("<>&\"");
}
