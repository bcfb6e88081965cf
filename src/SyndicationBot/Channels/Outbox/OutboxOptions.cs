using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Channels.Outbox;

/// <summary>The local outbox channel: one JSON line per published post, no account needed.</summary>
internal sealed class OutboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Channels:Outbox";

    /// <summary>On by default so a fresh clone posts somewhere visible.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The JSON-lines file; a relative path is resolved against the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "data/outbox.jsonl";
}
