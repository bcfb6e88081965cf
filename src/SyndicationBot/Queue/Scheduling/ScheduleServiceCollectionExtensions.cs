using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyndicationBot.Configuration;

namespace SyndicationBot.Queue.Scheduling;

/// <summary>Registers the schedule policies.</summary>
internal static class ScheduleServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>Schedule</c> at start-up and registers <see cref="IPostScheduler"/> and
    /// <see cref="IPostDispatchPolicy"/> (one singleton). The ledger must register <see cref="IScheduleLedger"/>.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ScheduleOptions>()
            .BindConfiguration(ScheduleOptions.SectionName)
            .ValidateElementsWithKeys(ScheduleOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>());
        services.TryAddSingleton<PostScheduler>();
        services.TryAddSingleton<IPostScheduler>(provider => provider.GetRequiredService<PostScheduler>());
        services.TryAddSingleton<IPostDispatchPolicy>(provider => provider.GetRequiredService<PostScheduler>());
        return services;
    }
}
