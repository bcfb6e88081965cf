using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SyndicationBot.Articles.Text;

/// <summary>Reads a leading YAML front matter block (between <c>---</c> lines) into <see cref="PageMetadata"/>.</summary>
internal static class FrontMatterReader
{
    /// <summary>Returns the index of the first line after the block, or 0 when there is no valid block.</summary>
    public static int Read(IReadOnlyList<string> lines, PageMetadata metadata)
    {
        var first = 0;
        while (first < lines.Count && lines[first].Trim().Length == 0)
        {
            first++;
        }

        if (first >= lines.Count || lines[first].Trim() != "---")
        {
            return 0;
        }

        var end = -1;
        for (var i = first + 1; i < lines.Count && i < first + 200; i++)
        {
            if (lines[i].Trim() is "---" or "...")
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            return 0;
        }

        var yaml = string.Join('\n', lines.Skip(first + 1).Take(end - first - 1));
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return 0;
            }

            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } key })
                {
                    continue;
                }

                switch (valueNode)
                {
                    case YamlScalarNode { Value: { } scalar }:
                        metadata.TryApply(key, scalar);
                        break;
                    case YamlSequenceNode sequence when key.Equals("tags", StringComparison.OrdinalIgnoreCase)
                        || key.Equals("keywords", StringComparison.OrdinalIgnoreCase)
                        || key.Equals("categories", StringComparison.OrdinalIgnoreCase):
                        metadata.AddTags(sequence.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? ""));
                        break;
                    default:
                        break;
                }
            }

            return end + 1;
        }
        catch (YamlException)
        {
            // Not YAML after all (a page that starts with a horizontal rule): read it as text.
            return 0;
        }
    }
}
