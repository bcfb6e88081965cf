using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles.Egress;
using SyndicationBot.Articles.Feeds;
using SyndicationBot.Articles.Text;
using SyndicationBot.Configuration;

namespace SyndicationBot.Articles;

/// <summary>Registers article reading: the loader, its language identifier, the feed fetcher (typed HTTP client) and the <c>Sources</c> options.</summary>
internal static class ArticlesServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IArticleLoader"/> and validated <see cref="SourcesOptions"/> (section <c>Sources</c>).</summary>
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<SourcesOptions>()
            .BindConfiguration(SourcesOptions.SectionName)
            .ValidateElementsWithKeys(SourcesOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // Every language Lingua supports; the constructor that takes a language list is the seam for a configured set.
        services.TryAddSingleton(_ => new LanguageIdentifier());
        services.TryAddSingleton<IArticleLoader, ArticleLoader>();
        services.AddOptions<EgressOptions>().BindConfiguration(EgressOptions.SectionName);
        services.TryAddSingleton<FeedFetcher>();

        // The fetcher owns time (Sources:FetchTimeout, headers and body, on the injected clock); every connection
        // of the first client is held to the egress policy, the second serves only feeds the operator trusts.
        services.AddHttpClient(FeedFetcher.HttpClientName, ConfigureFeedClient)
            .ConfigurePrimaryHttpMessageHandler(sp => new EgressPolicy(sp.GetRequiredService<IOptions<EgressOptions>>().Value.AllowPrivateAddresses).CreateHandler());
        services.AddHttpClient(FeedFetcher.TrustedHttpClientName, ConfigureFeedClient)
            .ConfigurePrimaryHttpMessageHandler(() => new EgressPolicy(allowPrivateAddresses: true).CreateHandler());
        return services;
    }

    private static void ConfigureFeedClient(HttpClient client)
    {
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("SyndicationBot/1.0 (+feed reader)");
    }
}
