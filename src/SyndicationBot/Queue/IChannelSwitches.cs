namespace SyndicationBot.Queue;

/// <summary>
/// The operator's kill switch per channel, kept in the ledger so every process on it (services and verbs) sees the
/// same switches. A paused channel's posts are kept, neither attempted nor failed.
/// </summary>
internal interface IChannelSwitches
{
    /// <summary>Pauses <paramref name="channel"/> (or <see cref="ChannelPause.AllChannels"/>). Returns false when it was already paused.</summary>
    Task<bool> PauseAsync(string channel, string? reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes the switch named <paramref name="channel"/> (<see cref="ChannelPause.AllChannels"/> removes only the "all" switch). Returns false when there was none.</summary>
    Task<bool> ResumeAsync(string channel, CancellationToken cancellationToken);

    /// <summary>The paused channels, by name (<see cref="ChannelPause.AllChannels"/> when everything is paused).</summary>
    Task<IReadOnlyDictionary<string, ChannelPause>> GetPausedAsync(CancellationToken cancellationToken);
}
