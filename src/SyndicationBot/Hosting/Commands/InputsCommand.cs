using System.Globalization;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// <c>inputs [--json] [--limit N]</c>: what became of every input read (seed files, ingested pages, feed items),
/// newest first, from the ledger's record of inputs: queued, updated, duplicate and skipped with the reason, rejected
/// with the reason. Exit 0.
/// </summary>
internal sealed class InputsCommand(IInputLedger inputs)
{
    public async Task<int> RunAsync(bool json, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        var records = await inputs.ListInputsAsync(limit, cancellationToken);
        if (json)
        {
            await CommandOutput.WriteInputsAsync(output, records, withTime: true);
            return 0;
        }

        await output.WriteLineAsync($"{"WHEN (UTC)",-19}  {"OUTCOME",-9}  SOURCE  — DETAIL");
        foreach (var record in records)
        {
            var at = record.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            await output.WriteLineAsync($"{at,-19}  {record.Outcome.ToWord(),-9}  {record.Source}{(record.Detail is null ? string.Empty : "  — " + record.Detail)}");
        }

        if (records.Count == 0)
        {
            await output.WriteLineAsync("(no inputs read yet)");
        }

        return 0;
    }
}
