using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Channels;
using SyndicationBot.Posts;
using SyndicationBot.Summaries;

namespace SyndicationBot.Tests.Posts;

// Builds the real Posts and Summaries registrations over in-memory configuration, as the host does.
internal static class PostsTestHost
{
    public static ServiceProvider Create(IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSummaries();
        services.AddPosts().AddNetworkPostFormats();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static IPostComposer Composer(this IServiceProvider provider, string channel) =>
        provider.GetServices<IPostComposer>().Single(c => c.Channel == channel);
}
