using System.Text.Json;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Channels;
using SyndicationBot.Ingestion.Routing;
using SyndicationBot.Posts;
using SyndicationBot.Summaries;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// <c>preview &lt;file-or-folder&gt;... [--json]</c>: shows what would be posted on every network the project
/// knows, enabled or not, and which enabled channels each article goes to and why (the routing), touching
/// neither the ledger nor any channel. Exit code 1 when an input was rejected.
/// </summary>
internal sealed class PreviewCommand(
    IArticleLoader loader,
    ISummarizer summarizer,
    IEnumerable<IPostComposer> composers,
    IEnumerable<IChannel> channels,
    ArticleRouter router,
    IOptions<SourcesOptions> sources)
{
    public async Task<int> RunAsync(IReadOnlyList<string> inputs, bool json, TextWriter output, TextWriter error)
    {
        if (inputs.Count == 0)
        {
            await error.WriteLineAsync("preview: name at least one file or folder, e.g. 'preview seeds --json'.");
            return 2;
        }

        var ordered = composers.OrderBy(c => Networks.Order(c.Channel)).ToList();
        List<string> enabled = [.. channels.Where(c => c.Enabled).Select(c => c.Name)];
        var articles = new List<Previewed>();
        var rejected = new List<ArticleReadResult.Rejected>();
        foreach (var source in ExpandInputs(inputs))
        {
            foreach (var result in await ReadAsync(source))
            {
                switch (result)
                {
                    case ArticleReadResult.Accepted accepted:
                        var summary = summarizer.Summarize(accepted.Article);
                        articles.Add(new(accepted.Article, summary, [.. ordered.Select(c => c.Compose(accepted.Article, summary))], router.Route(accepted.Article, feed: null, enabled)));
                        break;
                    case ArticleReadResult.Rejected r:
                        rejected.Add(r);
                        break;
                }
            }
        }

        if (json)
        {
            await CommandOutput.WriteJsonAsync(output, writer => WriteJson(writer, articles, rejected));
        }
        else
        {
            await WriteTextAsync(output, articles, rejected);
        }

        return rejected.Count == 0 ? 0 : 1;
    }

    private async Task<IEnumerable<ArticleReadResult>> ReadAsync(string source)
    {
        if (source.StartsWith('\0'))
        {
            var missing = source[1..];
            return [new ArticleReadResult.Rejected(missing, $"{missing}: no such file or folder")];
        }

        // The same safe reading as the service: a pipe or device in the folder never stalls the preview.
        var (bytes, failure, _) = await SafeFileReader.ReadAsync(source, sources.Value.MaxFileBytes, CancellationToken.None);
        return bytes is null
            ? [new ArticleReadResult.Rejected(source, $"{source}: {failure}")]
            : loader.Load(source, bytes);
    }

    // Folders expand to their files (sorted, hidden and partial files left out); a missing path is reported, marked with a leading NUL.
    private static IEnumerable<string> ExpandInputs(IReadOnlyList<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (!Path.GetFileName(file).StartsWith('.'))
                    {
                        yield return file;
                    }
                }
            }
            else if (File.Exists(input))
            {
                yield return input;
            }
            else
            {
                yield return "\0" + input;
            }
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, List<Previewed> articles, List<ArticleReadResult.Rejected> rejected)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("articles");
        foreach (var (article, summary, posts, route) in articles)
        {
            writer.WriteStartObject();
            writer.WriteString("source", article.Source);
            writer.WriteString("title", article.Title);
            writer.WriteString("language", article.Language);
            WriteNullable(writer, "url", article.Url?.AbsoluteUri);
            writer.WriteString("summary", summary.Text);
            WriteNullable(writer, "publishedAt", article.PublishedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            WriteNullable(writer, "author", article.Author);
            writer.WriteStartArray("paragraphs");
            foreach (var paragraph in article.Paragraphs)
            {
                writer.WriteStringValue(paragraph);
            }

            writer.WriteEndArray();
            WriteRoute(writer, route);
            writer.WriteStartArray("posts");
            foreach (var post in posts)
            {
                WritePost(writer, post);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rejected");
        foreach (var r in rejected)
        {
            writer.WriteStartObject();
            writer.WriteString("source", r.Source);
            writer.WriteString("reason", r.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRoute(Utf8JsonWriter writer, RouteDecision route)
    {
        writer.WriteStartObject("routing");
        writer.WriteStartArray("channels");
        foreach (var channel in route.Channels)
        {
            writer.WriteStartObject();
            writer.WriteString("channel", channel.Channel);
            writer.WriteString("because", channel.Because);
            writer.WriteString("approval", channel.Hold ? nameof(ApprovalMode.Hold) : nameof(ApprovalMode.Auto));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteNullable(writer, "skipped", route.SkipReason);
        writer.WriteEndObject();
    }

    private static void WritePost(Utf8JsonWriter writer, PostDraft post)
    {
        writer.WriteStartObject();
        writer.WriteString("channel", post.Channel);
        writer.WriteString("text", post.Text);
        writer.WriteNumber("length", post.Length);
        // Webhook and outbox have no length rule: "limit": null rather than a meaningless int.MaxValue.
        if (post.Limit == int.MaxValue)
        {
            writer.WriteNull("limit");
        }
        else
        {
            writer.WriteNumber("limit", post.Limit);
        }

        if (post.Channel == "bluesky")
        {
            writer.WriteStartArray("facets");
            foreach (var facet in post.Facets)
            {
                writer.WriteStartObject();
                writer.WriteString("type", facet.Type);
                writer.WriteNumber("byteStart", facet.ByteStart);
                writer.WriteNumber("byteEnd", facet.ByteEnd);
                writer.WriteString("value", facet.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (post.Embed is { } card)
            {
                writer.WriteStartObject("embed");
                writer.WriteString("uri", card.Uri.AbsoluteUri);
                writer.WriteString("title", card.Title);
                writer.WriteString("description", card.Description);
                WriteNullable(writer, "thumb", card.Thumb?.AbsoluteUri);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("embed");
            }
        }

        if (post.ThreadReplies.Count > 0)
        {
            writer.WriteStartArray("thread");
            foreach (var reply in post.ThreadReplies)
            {
                WritePost(writer, reply);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static async Task WriteTextAsync(TextWriter output, List<Previewed> articles, List<ArticleReadResult.Rejected> rejected)
    {
        foreach (var (article, summary, posts, route) in articles)
        {
            await output.WriteLineAsync($"== {article.Source}");
            await output.WriteLineAsync($"Title:    {article.Title}");
            await output.WriteLineAsync($"Language: {article.Language}    URL: {article.Url?.AbsoluteUri ?? "(none)"}");
            await output.WriteLineAsync($"Summary:  {summary.Text}");
            if (route.SkipReason is { } skipped)
            {
                await output.WriteLineAsync($"Goes to:  no channel; it would be skipped: {skipped}");
            }

            foreach (var channel in route.Channels)
            {
                await output.WriteLineAsync($"Goes to:  {channel.Channel}{(channel.Hold ? " (held for approval)" : string.Empty)} — {channel.Because}");
            }
            foreach (var post in posts)
            {
                await output.WriteLineAsync();
                var rule = post.Limit == int.MaxValue ? $"{post.Length}, no limit" : $"{post.Length}/{post.Limit}";
                await output.WriteLineAsync($"--- {post.Channel} ({rule})");
                await output.WriteLineAsync(post.Text);
            }

            await output.WriteLineAsync();
        }

        foreach (var r in rejected)
        {
            await output.WriteLineAsync($"REJECTED {r.Source}: {r.Reason}");
        }
    }

    private sealed record Previewed(Article Article, Summary Summary, IReadOnlyList<PostDraft> Posts, RouteDecision Route);
}
