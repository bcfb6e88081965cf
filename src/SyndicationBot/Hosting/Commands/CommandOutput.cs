using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting.Commands;

/// <summary>Shared JSON output for the verbs: one object, UTF-8, non-ASCII text kept readable.</summary>
internal static class CommandOutput
{
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,

        // Readable « », Arabic and CJK in the output; still valid JSON (only HTML-sensitive escaping is relaxed).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one JSON document to standard output.</summary>
    public static async Task WriteJsonAsync(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        await output.FlushAsync();
    }

    /// <summary>
    /// Writes <c>{"inputs":[{source, outcome, detail[, at][, earlier]}…]}</c>, the shape of <c>ingest --json</c> and
    /// <c>inputs --json</c>; an earlier record (an input handled before) always carries its time.
    /// </summary>
    public static Task WriteInputsAsync(TextWriter output, IEnumerable<IngestRecord> records, bool withTime) =>
        WriteJsonAsync(output, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("inputs");
            foreach (var record in records)
            {
                writer.WriteStartObject();
                WriteInputFields(writer, record, withTime);
                if (record.Earlier is { } earlier)
                {
                    writer.WriteStartObject("earlier");
                    WriteInputFields(writer, earlier, withTime: true);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static void WriteInputFields(Utf8JsonWriter writer, IngestRecord record, bool withTime)
    {
        writer.WriteString("source", record.Source);
        writer.WriteString("outcome", record.Outcome.ToWord());
        writer.WriteString("detail", record.Detail);
        if (withTime)
        {
            writer.WriteString("at", record.At.ToString("O", CultureInfo.InvariantCulture));
        }
    }
}
