using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Hosting.Http;

/// <summary>The HTTP surface of <c>run</c>: health, readiness, metrics and the status page.</summary>
internal sealed class HttpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Http";

    /// <summary>Whether <c>run</c> serves HTTP at all. The other verbs never do.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where to listen, <c>;</c>-separated. Loopback by default: the page shows the queue to whoever reaches it.</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// A secret: when set, the status page offers pause/resume and retry/cancel, as POSTs that must carry it; when not,
    /// the page has no buttons and the action URLs answer 404.
    /// </summary>
    public string? AdminToken { get; set; }
}
