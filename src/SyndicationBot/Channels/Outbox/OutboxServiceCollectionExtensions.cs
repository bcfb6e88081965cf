using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Configuration;

namespace SyndicationBot.Channels.Outbox;

/// <summary>Registers the local outbox channel.</summary>
internal static class OutboxServiceCollectionExtensions
{
    /// <summary>Adds the outbox channel (section <c>Channels:Outbox</c>).</summary>
    public static IServiceCollection AddOutboxChannel(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<OutboxOptions>()
            .BindConfiguration(OutboxOptions.SectionName)
            .ValidateDataAnnotationsWithKeys(OutboxOptions.SectionName);
        services.AddSingleton<OutboxChannel>();
        services.AddSingleton<IChannel>(provider => provider.GetRequiredService<OutboxChannel>());
        return services;
    }
}
