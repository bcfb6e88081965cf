using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SyndicationBot.Quality;

/// <summary>
/// Turns an HTML page into the kind of text a scraper saves: the visible text of the body, one block per line,
/// navigation, menus and footers kept (a scraped page has them too), the head, scripts, styles and hidden
/// elements dropped. The reader's scraped-text path is measured on these dumps.
/// </summary>
internal static class TextDumper
{
    // Elements whose text a visitor never sees.
    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
    {
        "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "select", "option", "datalist", "audio", "video", "source", "track", "map", "button",
    };

    // Elements a browser lays out as a block (or a table cell): each starts a new line of the dump.
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    };

    public static string Dump(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var lines = new List<string>();
        var line = new StringBuilder();
        if (document.Body is { } body)
        {
            Walk(body, lines, line);
        }

        Flush(lines, line);
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The visible text of an HTML fragment as blocks (used for the reference bodies).</summary>
    public static IReadOnlyList<string> DumpBlocks(string html) => Dump(html).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void Walk(INode node, List<string> lines, StringBuilder line)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    line.Append(text.Data);
                    break;
                case IElement element when IsHidden(element):
                    break;
                case IElement { LocalName: "br" }:
                    Flush(lines, line);
                    break;
                case IElement element:
                    // An inline element adds no space of its own: a drop cap <span>W</span>hale reads "Whale".
                    var block = Blocks.Contains(element.LocalName);
                    if (block)
                    {
                        Flush(lines, line);
                    }

                    Walk(element, lines, line);
                    if (block)
                    {
                        Flush(lines, line);
                    }

                    break;
            }
        }
    }

    private static bool IsHidden(IElement element)
    {
        if (Invisible.Contains(element.LocalName) || element.HasAttribute("hidden"))
        {
            return true;
        }

        if (element.GetAttribute("aria-hidden") is { } aria && aria.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var style = element.GetAttribute("style");
        if (style is null)
        {
            return false;
        }

        var compact = style.Replace(" ", string.Empty, StringComparison.Ordinal);
        return compact.Contains("display:none", StringComparison.OrdinalIgnoreCase)
            || compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase);
    }

    private static void Flush(List<string> lines, StringBuilder line)
    {
        var text = Collapse(line.ToString());
        line.Clear();
        if (text.Length > 0)
        {
            lines.Add(text);
        }
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
