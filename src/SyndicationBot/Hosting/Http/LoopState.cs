namespace SyndicationBot.Hosting.Http;

/// <summary>One background loop as <c>/healthz</c> reports it.</summary>
internal sealed record LoopState(string Loop, DateTimeOffset? LastBeat, TimeSpan Age, bool Stuck);
