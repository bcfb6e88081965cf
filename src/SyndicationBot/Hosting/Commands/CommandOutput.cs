using System.Text.Encodings.Web;
using System.Text.Json;

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
}
