namespace SyndicationBot.Ingestion.Routing;

/// <summary>
/// One rule of <c>Routing:Routes</c>: every condition given must hold (a condition lists alternatives, any one
/// will do); a rule without conditions matches every article.
/// </summary>
internal sealed class RouteOptions
{
    /// <summary>Shown in <c>preview</c> and in skip reasons; default <c>route N</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The channel ids the article goes to (<c>Channels:&lt;id&gt;</c>, or a network's own channel).</summary>
    public IList<string> Channels { get; init; } = [];

    /// <summary>Feed names (<c>Sources:Feeds:N:Name</c>) or folders: a folder name (<c>fr</c> matches <c>seeds/fr/page.txt</c>) or a path under the content root.</summary>
    public IList<string> Sources { get; init; } = [];

    /// <summary>Languages (ISO 639-1: <c>fr</c>, <c>ar</c>) as detected or declared.</summary>
    public IList<string> Languages { get; init; } = [];

    /// <summary>Tags or categories (front matter, feed categories, the feed's configured tags); case-insensitive.</summary>
    public IList<string> Tags { get; init; } = [];

    /// <summary>Words or phrases of which at least one must appear in the headline or the lead (whole words, case and accents ignored).</summary>
    public IList<string> Include { get; init; } = [];

    /// <summary>Words or phrases none of which may appear in the headline or the lead.</summary>
    public IList<string> Exclude { get; init; } = [];

    /// <summary><c>Auto</c> (default): the posts go out at their scheduled time; <c>Hold</c>: they wait for <c>queue approve</c>.</summary>
    public ApprovalMode Approval { get; set; } = ApprovalMode.Auto;
}
