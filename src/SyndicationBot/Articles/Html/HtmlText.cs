using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SyndicationBot.Articles.Text;

namespace SyndicationBot.Articles.Html;

/// <summary>Turns HTML (a page's main content or a feed item's description) into plain-text paragraphs, one per block.</summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "object", "form", "button", "select", "nav", "figcaption", "aside", "footer",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "header",
        "main", "pre", "table", "tr", "td", "th", "figure", "hr", "br", "address", "details", "summary",
    };

    /// <summary>Paragraphs of an HTML fragment; plain text (no tags) is split on blank lines.</summary>
    public static List<string> FragmentParagraphs(string html)
    {
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return [.. html.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(TextNormalizer.NormalizeInline)
                .Where(p => p.Length > 0)];
        }

        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + HtmlPrefilter.BoundNesting(html) + "</body></html>");
        return document.Body is null ? [] : Paragraphs(document.Body);
    }

    /// <summary>Plain text of a fragment on one line (for titles that arrive with entities or tags).</summary>
    public static string Inline(string html) =>
        TextNormalizer.NormalizeInline(string.Join(' ', FragmentParagraphs(html)));

    public static List<string> Paragraphs(INode root)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        Walk(root, current, paragraphs);
        Flush(current, paragraphs);
        return paragraphs;
    }

    private static void Walk(INode node, StringBuilder current, List<string> paragraphs)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    current.Append(text.Data);
                    break;
                case IElement element when Skipped.Contains(element.LocalName):
                    break;
                case IElement element when element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true":
                    break;
                case IElement element when Blocks.Contains(element.LocalName):
                    Flush(current, paragraphs);
                    Walk(element, current, paragraphs);
                    Flush(current, paragraphs);
                    break;
                case IElement element:
                    Walk(element, current, paragraphs);
                    break;
                default:
                    break;
            }
        }
    }

    private static void Flush(StringBuilder current, List<string> paragraphs)
    {
        if (current.Length == 0)
        {
            return;
        }

        var text = TextNormalizer.NormalizeInline(current.ToString());
        current.Clear();
        if (text.Length > 0)
        {
            paragraphs.Add(text);
        }
    }
}
