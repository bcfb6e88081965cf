using System.Globalization;
using SyndicationBot.Queue;
using SyndicationBot.Retraction;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// <c>retract &lt;article&gt; [--reason] [--json]</c>: takes an article's posts back on every channel (see
/// <see cref="ArticleRetractor"/>); <c>retractions [--json] [--limit N]</c>: every retraction recorded, newest first.
/// </summary>
internal sealed class RetractCommand(ArticleRetractor retractor, IRetractionLedger ledger, IPostQueue queue)
{
    /// <summary>Exit 0 when every post was taken back (deleted, corrected, cancelled, or never sent); 1 when the article is unknown or a post is left.</summary>
    public async Task<int> RetractAsync(string article, string? reason, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var why = string.IsNullOrWhiteSpace(reason) ? "retracted by the operator" : reason.Trim();
        var records = await retractor.RetractAsync(article, why, Environment.UserName, cancellationToken);
        if (records is null)
        {
            await error.WriteLineAsync($"retract: no post belongs to an article '{article}'; give the article's key (its canonical URL, as 'queue list --all --json' shows it) or the id of one of its posts.");
            return 1;
        }

        await WriteAsync(output, records, json);
        var left = records.Count(r => r.Action is ArticleRetractor.Failed or ArticleRetractor.NotPossible or ArticleRetractor.InDoubt);
        if (left > 0)
        {
            await error.WriteLineAsync($"retract: {left} post(s) could not be taken back here; see above, and run 'retract {article}' again for those that failed.");
            return 1;
        }

        return 0;
    }

    public async Task<int> ListAsync(bool json, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        await WriteAsync(output, await ledger.ListRetractionsAsync(null, limit, cancellationToken), json);
        return 0;
    }

    private static async Task WriteAsync(TextWriter output, IReadOnlyList<RetractionRecord> records, bool json)
    {
        if (json)
        {
            await CommandOutput.WriteJsonAsync(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("retractions");
                foreach (var record in records)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("postId", record.PostId);
                    writer.WriteString("article", record.ArticleKey);
                    writer.WriteString("channel", record.Channel);
                    writer.WriteString("action", record.Action);
                    writer.WriteString("detail", record.Detail);
                    writer.WriteString("reason", record.Reason);
                    writer.WriteString("by", record.By);
                    writer.WriteString("at", record.At.ToString("O", CultureInfo.InvariantCulture));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
            return;
        }

        if (records.Count == 0)
        {
            await output.WriteLineAsync("No retractions.");
            return;
        }

        foreach (var record in records)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"post {record.PostId} on {record.Channel}: {record.Action} ({record.Detail}) — {record.ArticleKey}, by {record.By} at {record.At:yyyy-MM-dd HH:mm:ss}Z: {record.Reason}"));
        }
    }
}
