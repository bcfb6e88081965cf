namespace SyndicationBot.Ingestion.Routing;

/// <summary>
/// Which channels an article goes to, section <c>Routing</c>. Without routes and without a default, every article
/// goes to every enabled channel (as before routing existed). With routes, an article goes to the channels of every
/// route it matches; one that matches none goes to <see cref="Default"/>, and with no default it is recorded as
/// <c>skipped</c> with the reason.
/// </summary>
internal sealed class RoutingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Routing";

    /// <summary>The rules, in order; an article goes to the channels of every rule it matches.</summary>
    public IList<RouteOptions> Routes { get; init; } = [];

    /// <summary>The default route: the channels of an article that no rule sends anywhere. Empty: such an article is skipped.</summary>
    public IList<string> Default { get; init; } = [];

    /// <summary>Whether the default route's posts wait for an editor.</summary>
    public ApprovalMode DefaultApproval { get; set; } = ApprovalMode.Auto;

    /// <summary>True when the operator configured any routing; otherwise every article goes to every enabled channel.</summary>
    public bool IsConfigured => Routes.Count > 0 || Default.Count > 0;
}
