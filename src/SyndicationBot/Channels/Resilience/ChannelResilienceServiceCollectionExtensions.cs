using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Channels.Resilience;

internal static class ChannelResilienceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the per-channel pipelines and decorates every <see cref="IChannel"/> registered so far with a
    /// <see cref="ResilientChannel"/>: call it after the last <c>AddXxxChannel()</c>. Calling it twice is harmless.
    /// </summary>
    public static IServiceCollection AddChannelResilience(this IServiceCollection services)
    {
        services.TryAddTimeProvider();
        services.AddOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ChannelResilienceOptions>, ChannelResilienceConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelResilienceOptions>, ChannelResilienceOptionsValidator>());
        services.TryAddSingleton<ResilientChannelFactory>();

        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IChannel) || descriptor.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Describe(
                typeof(IChannel),
                sp => sp.GetRequiredService<ResilientChannelFactory>().Wrap(CreateInner(sp, descriptor)),
                descriptor.Lifetime);
        }

        return services;
    }

    private static IChannel CreateInner(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IChannel)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
