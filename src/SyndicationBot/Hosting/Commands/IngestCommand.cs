using System.Globalization;
using SyndicationBot.Ingestion;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// <c>ingest &lt;file&gt;... [--json]</c>: adds pages to the ledger now. A file read before is not read again: it is
/// reported as already handled, with what became of it then. Exit 1 when a file is missing or an input was rejected.
/// </summary>
internal sealed class IngestCommand(ArticleIngestor ingestor)
{
    public async Task<int> RunAsync(IReadOnlyList<string> files, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var records = new List<IngestRecord>();
        var exit = 0;
        foreach (var path in files)
        {
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"ingest: {path}: no such file.");
                exit = 1;
                continue;
            }

            records.AddRange(await ingestor.IngestFileAsync(path, cancellationToken));
        }

        if (records.Any(r => r.Outcome == IngestOutcome.Rejected))
        {
            exit = 1;
        }

        if (json)
        {
            await CommandOutput.WriteInputsAsync(output, records, withTime: false);
        }
        else
        {
            foreach (var record in records)
            {
                await output.WriteLineAsync(Describe(record));
            }
        }

        return exit;
    }

    private static string Describe(IngestRecord record)
    {
        if (record.Earlier is { } earlier)
        {
            var at = earlier.At.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            var detail = earlier.Detail is null ? string.Empty : $" ({earlier.Detail})";
            return $"{record.Outcome.ToWord()} {record.Source}  — read before, on {at}: {earlier.Outcome.ToWord()}{detail}; nothing new was queued";
        }

        return $"{record.Outcome.ToWord(),-10} {record.Source}{(record.Detail is null ? string.Empty : "  — " + record.Detail)}";
    }
}
