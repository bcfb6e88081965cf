using SyndicationBot.Channels;
using SyndicationBot.Queue;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// <c>channel pause|resume &lt;name&gt;|--all</c>: the kill switch, kept in the ledger. Every dispatcher on the ledger
/// reads it at the start of each turn (within <c>Dispatch:MaxIdle</c>); a paused channel's posts are kept, neither
/// attempted nor failed, and go out when it is resumed.
/// </summary>
internal sealed class ChannelCommands(IChannelSwitches switches, ChannelAccounts accounts, TimeProvider timeProvider)
{
    public async Task<int> RunAsync(bool pause, string? name, bool all, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var known = accounts.All.Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
        var verb = pause ? "pause" : "resume";
        var channel = all ? ChannelPause.AllChannels : name?.Trim().ToLowerInvariant() ?? string.Empty;
        if (!all && !known.Contains(channel, StringComparer.Ordinal))
        {
            await error.WriteLineAsync($"channel {verb}: there is no channel '{name}'. Known channels: {string.Join(", ", known)}; or give --all.");
            return SyndicationBotCommandLine.UsageError;
        }

        var now = timeProvider.GetUtcNow();
        var which = all ? "every channel" : channel;
        if (pause)
        {
            var changed = await switches.PauseAsync(channel, $"paused by the operator ({Environment.UserName})", now, cancellationToken);
            await output.WriteLineAsync(changed
                ? $"Paused {which}. Its posts are kept; running services stop publishing on it within one dispatch turn (Dispatch:MaxIdle). 'channel resume {(all ? "--all" : channel)}' to publish again."
                : $"{which} was already paused; nothing changed.");
            return 0;
        }

        var paused = await switches.GetPausedAsync(cancellationToken);
        if (!all && paused.TryGetValue(ChannelPause.AllChannels, out var everything))
        {
            // "All paused, but resume this one": every other channel stays paused, each under its own switch.
            foreach (var other in known.Where(k => k != channel && !paused.ContainsKey(k)))
            {
                await switches.PauseAsync(other, everything.Reason, everything.PausedAt, cancellationToken);
            }

            await switches.ResumeAsync(ChannelPause.AllChannels, cancellationToken);
        }

        var resumed = !all && paused.ContainsKey(ChannelPause.AllChannels);
        foreach (var switchName in all ? paused.Keys : [channel])
        {
            resumed |= await switches.ResumeAsync(switchName, cancellationToken);
        }

        await output.WriteLineAsync(resumed
            ? $"Resumed {which}. Its kept posts go out at their due times (those already due, at once, within the channel's spacing)."
            : $"{which} was not paused; nothing changed.");
        return 0;
    }
}
