using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Configuration;

namespace SyndicationBot.Channels.Outbox;

/// <summary>Registers the local outbox channel.</summary>
internal static class OutboxServiceCollectionExtensions
{
    /// <summary>Adds the outbox channel (section <c>Channels:Outbox</c>).</summary>
    public static IServiceCollection AddOutboxChannel(this IServiceCollection services) => services.AddOutboxChannel(ChannelAccount.Default(OutboxNetwork.Descriptor));

    /// <summary>Adds the outbox channel of <paramref name="account"/>; a named account writes <c>data/&lt;id&gt;.jsonl</c> unless its <c>Path</c> says otherwise.</summary>
    public static IServiceCollection AddOutboxChannel(this IServiceCollection services, ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var section = account.Section(OutboxOptions.SectionName);
        var options = services.AddAccountOptions<OutboxOptions>(account, OutboxOptions.SectionName)
            .ValidateDataAnnotationsWithKeys(section);
        if (!account.IsDefault)
        {
            options.Configure<IConfiguration>((outbox, configuration) => outbox.Path = configuration[$"{section}:Path"] ?? $"data/{account.Id}.jsonl");
        }

        return services.AddAccountChannel<OutboxChannel>(account, sp => [account, sp.GetAccountOptions<OutboxOptions>(account)]);
    }
}
