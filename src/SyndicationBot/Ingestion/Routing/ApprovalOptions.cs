using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Ingestion.Routing;

/// <summary>
/// Holding posts for an editor, section <c>Approval</c>. A route holds its posts with <c>Approval: Hold</c>; the
/// sources listed here hold every post of their articles, routed or not. Held posts wait in the <c>Held</c> state for
/// <c>queue approve</c> (or <c>queue cancel</c>).
/// </summary>
internal sealed class ApprovalOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Approval";

    /// <summary>Feed names or folders (as a route's <c>Sources</c>) whose articles' posts are all held.</summary>
    public IList<string> Sources { get; init; } = [];

    /// <summary>A held post not approved within this long is cancelled, with the reason; unset: it waits for ever.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "must be between 1 minute and 365 days")]
    public TimeSpan? MaxWait { get; set; }

    /// <summary>How often held posts are checked against <see cref="MaxWait"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "must be between 1 second and 1 day")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
