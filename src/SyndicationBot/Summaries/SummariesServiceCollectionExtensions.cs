using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Summaries;

/// <summary>Registers the summariser.</summary>
internal static class SummariesServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ISummarizer"/> and its options (section <c>Summaries</c>).</summary>
    public static IServiceCollection AddSummaries(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<SummariesOptions>().BindConfiguration(SummariesOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SummariesOptions>, SummariesOptionsValidator>());
        services.TryAddSingleton<ISummarizer, ExtractiveSummarizer>();
        return services;
    }
}
