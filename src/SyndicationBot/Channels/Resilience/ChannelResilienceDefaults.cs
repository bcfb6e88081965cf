namespace SyndicationBot.Channels.Resilience;

/// <summary>Each network's proactive limit from its descriptor (<see cref="NetworkDescriptor.Limit"/>), overridable per channel.</summary>
internal static class ChannelResilienceDefaults
{
    public static void Apply(string channel, ChannelResilienceOptions options)
    {
        // An unknown channel (a test double, a benchmark's) gets no proactive limit.
        var limit = Networks.Find(channel)?.Limit ?? ProactiveLimit.None;
        (options.PermitsPerWindow, options.Window) = (limit.Permits, limit.Window);
    }
}
