namespace SyndicationBot.Queue;

/// <summary>The columns an outcome writes on its post (<see cref="PostStates.Write"/>); each adapter stores the times its own way.</summary>
internal readonly record struct OutcomeWrite(
    PostState State,
    string Label,
    DateTimeOffset? ReadyAt,
    string? Error,
    string? RemoteId,
    string? RemoteUrl,
    DateTimeOffset? PublishedAt);
