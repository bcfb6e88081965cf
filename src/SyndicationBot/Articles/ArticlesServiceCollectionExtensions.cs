using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles.Feeds;
using SyndicationBot.Articles.Text;

namespace SyndicationBot.Articles;

/// <summary>Registers article reading: the loader, its language identifier, the feed fetcher (typed HTTP client) and the <c>Sources</c> options.</summary>
public static class ArticlesServiceCollectionExtensions
{
    // A feed or article page that takes longer than this is treated as a failed poll and backed off.
    private static readonly TimeSpan FeedRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Adds <see cref="IArticleLoader"/> and validated <see cref="SourcesOptions"/> (section <c>Sources</c>).</summary>
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<SourcesOptions>()
            .BindConfiguration(SourcesOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // Every language Lingua supports; the constructor that takes a language list is the seam for a configured set.
        services.TryAddSingleton(_ => new LanguageIdentifier());
        services.TryAddSingleton<IArticleLoader, ArticleLoader>();
        services.AddHttpClient<FeedFetcher>(client =>
        {
            client.Timeout = FeedRequestTimeout;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("SyndicationBot/1.0 (+feed reader)");
        });
        return services;
    }
}
