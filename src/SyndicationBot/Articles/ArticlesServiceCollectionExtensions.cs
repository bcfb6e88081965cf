using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles.Text;

namespace SyndicationBot.Articles;

/// <summary>Registers article reading: the loader, its language identifier and the <c>Sources</c> options.</summary>
public static class ArticlesServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IArticleLoader"/> and validated <see cref="SourcesOptions"/> (section <c>Sources</c>).</summary>
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<SourcesOptions>()
            .BindConfiguration(SourcesOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LanguageIdentifier>();
        services.TryAddSingleton<IArticleLoader, ArticleLoader>();
        return services;
    }
}
