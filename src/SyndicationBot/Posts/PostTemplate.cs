using System.Text;

namespace SyndicationBot.Posts;

/// <summary>A parsed post template such as <c>{title}\n\n{summary}\n\n{url} {hashtags}</c>.</summary>
internal sealed class PostTemplate
{
    public static readonly IReadOnlyList<string> Placeholders = ["title", "summary", "url", "hashtags"];

    private readonly List<PostPiece> segments;

    private PostTemplate(List<PostPiece> segments) => this.segments = segments;

    public static PostTemplate Parse(string template) =>
        TryParse(template, out var parsed, out string? error) ? parsed : throw new FormatException(error);

    public static bool TryParse(string template, out PostTemplate parsed, out string? error)
    {
        var segments = new List<PostPiece>();
        var literal = new StringBuilder();
        parsed = new PostTemplate(segments);
        error = null;
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }

            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                literal.Append('}');
                i++;
                continue;
            }

            if (c == '}')
            {
                error = $"a '}}' at position {i} closes no placeholder (write '}}}}' for a literal brace)";
                return false;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            int close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                error = $"the '{{' at position {i} is never closed";
                return false;
            }

            string name = template[(i + 1)..close];
            TemplateField? field = name switch
            {
                "title" => TemplateField.Title,
                "summary" => TemplateField.Summary,
                "url" => TemplateField.Url,
                "hashtags" => TemplateField.Hashtags,
                _ => null,
            };
            if (field is null)
            {
                error = $"unknown placeholder '{{{name}}}' (known: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))})";
                return false;
            }

            if (literal.Length > 0)
            {
                segments.Add(new PostPiece(TemplateField.Literal, literal.ToString()));
                literal.Clear();
            }

            segments.Add(new PostPiece(field.Value, string.Empty));
            i = close;
        }

        if (literal.Length > 0)
        {
            segments.Add(new PostPiece(TemplateField.Literal, literal.ToString()));
        }

        return true;
    }

    public bool Uses(TemplateField field) => segments.Exists(s => s.Field == field);

    /// <summary>
    /// Lays the post out: empty placeholders vanish with the blank space around them, so a post without a link or
    /// hashtags has no dangling blank lines; literal text between two present values is kept.
    /// </summary>
    public List<PostPiece> Layout(string title, string summary, string url, string hashtags)
    {
        // The glue is a string, not a builder: the parser never puts two literals side by side, so it is one literal
        // of the template (used as is, no copy) unless an empty placeholder joined two of them.
        var pieces = new List<PostPiece>(segments.Count);
        string glue = string.Empty;
        bool anyValue = false;
        foreach (var segment in segments)
        {
            if (segment.Field == TemplateField.Literal)
            {
                glue = glue.Length == 0 ? segment.Text : glue + segment.Text;
                continue;
            }

            string value = segment.Field switch
            {
                TemplateField.Title => title,
                TemplateField.Summary => summary,
                TemplateField.Url => url,
                _ => hashtags,
            };
            if (value.Length == 0)
            {
                continue;
            }

            string joint = anyValue ? NormalizeGlue(glue) : glue.TrimStart();
            if (joint.Length > 0)
            {
                pieces.Add(new PostPiece(TemplateField.Literal, joint));
            }

            glue = string.Empty;
            pieces.Add(new PostPiece(segment.Field, value));
            anyValue = true;
        }

        string tail = glue.TrimEnd();
        if (anyValue && tail.Length > 0)
        {
            pieces.Add(new PostPiece(TemplateField.Literal, tail));
        }

        return pieces;
    }

    public static string ToPlainText(List<PostPiece> pieces)
    {
        // One exact-size string rather than a growing builder and its copy: posts run to thousands of characters.
        int length = 0;
        foreach (var piece in pieces)
        {
            length += piece.Text.Length;
        }

        return string.Create(length, pieces, static (span, all) =>
        {
            foreach (var piece in all)
            {
                piece.Text.AsSpan().CopyTo(span);
                span = span[piece.Text.Length..];
            }
        });
    }

    private static string NormalizeGlue(string glue)
    {
        if (!string.IsNullOrWhiteSpace(glue))
        {
            return glue;
        }

        int newlines = glue.Count(c => c == '\n');
        return newlines switch
        {
            0 => glue.Length > 0 ? " " : string.Empty,
            1 => "\n",
            _ => "\n\n",
        };
    }
}
