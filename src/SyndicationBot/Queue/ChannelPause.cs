namespace SyndicationBot.Queue;

/// <summary>A channel switched off by the operator (<c>channel pause</c>); <see cref="AllChannels"/> stands for every channel.</summary>
/// <param name="Channel">The channel's name, or <see cref="AllChannels"/>.</param>
/// <param name="PausedAt">When it was paused.</param>
/// <param name="Reason">Who or why, as the operator gave it.</param>
internal sealed record ChannelPause(string Channel, DateTimeOffset PausedAt, string? Reason)
{
    /// <summary>The name under which <c>channel pause --all</c> is kept.</summary>
    public const string AllChannels = "*";
}
