using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Mastodon;

/// <summary>Reads the instance's character limit at start, off the start-up path so an unreachable instance never blocks the host.</summary>
internal sealed class MastodonInstanceProbe(MastodonChannel channel, IOptions<MastodonOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Enabled)
        {
            await channel.GetMaxCharactersAsync(stoppingToken);
        }
    }
}
