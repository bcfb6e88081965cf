namespace SyndicationBot.Queue;

/// <summary>What recording a changed article did.</summary>
/// <param name="Refreshed">Unsent posts that now carry the new text.</param>
/// <param name="Added">Update posts queued.</param>
internal sealed record RevisionOutcome(int Refreshed, int Added);
