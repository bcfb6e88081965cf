namespace SyndicationBot.Queue;

/// <summary>What the ledger holds of an article identity (see <see cref="IArticleLookups.LatestVersionAsync"/>).</summary>
/// <param name="NearKey">The near key of its latest version (what its current posts were composed from).</param>
/// <param name="HasContent">Some version of it has the content hash asked about.</param>
/// <param name="UpdateRevisions">How many of its versions carried update posts.</param>
/// <param name="LastUpdateAt">When the latest of those was recorded, or null.</param>
internal sealed record KnownVersion(string NearKey, bool HasContent, int UpdateRevisions, DateTimeOffset? LastUpdateAt);
