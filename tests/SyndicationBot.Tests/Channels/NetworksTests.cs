using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyndicationBot.Articles;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Resilience;
using SyndicationBot.Posts;
using SyndicationBot.Summaries;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Channels;

/// <summary>
/// The completeness check of <see cref="Networks.All"/>: every registered network reaches every place that needs
/// it in the real host graph. A part the compiler cannot catch (a channel never registered, a composer missing,
/// a limit or rate limit not taken from the descriptor) shows here, named by network and part.
/// </summary>
public sealed class NetworksTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public void All_RealHost_EveryNetworkHasEveryPart()
    {
        // Arrange
        using var host = TestHost.CreateBuilder(_folder, new Dictionary<string, string?>()).Build();
        var services = host.Services;

        // Act
        var missing = Networks.All.SelectMany(network => MissingParts(network, services)).ToList();

        // Assert
        Assert.Empty(missing);
    }

    [Fact]
    public void All_RealHost_EveryChannelAndComposerBelongsToExactlyOneNetwork()
    {
        // Arrange
        using var host = TestHost.CreateBuilder(_folder, new Dictionary<string, string?>()).Build();
        var names = Networks.All.Select(n => n.Name).ToList();

        // Act
        var channels = host.Services.GetServices<IChannel>().Select(c => c.Name).ToList();
        var composers = host.Services.GetServices<IPostComposer>().Select(c => c.Channel).ToList();

        // Assert
        Assert.Equal(names.Distinct(StringComparer.OrdinalIgnoreCase).Count(), names.Count);
        Assert.Equal(names, channels);
        Assert.Equal(names, composers);
    }

    private static IEnumerable<string> MissingParts(NetworkDescriptor network, IServiceProvider services)
    {
        string name = network.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsUpper))
        {
            yield return $"'{name}': the name must be lower-case and not empty";
        }

        var channel = services.GetServices<IChannel>().SingleOrDefault(c => c.Name == name);
        if (channel is null)
        {
            yield return $"{name}: no IChannel of that name (AddChannel registers none)";
        }
        else if (channel.Guarantee != network.Guarantee)
        {
            yield return $"{name}: the channel's guarantee {channel.Guarantee} is not the descriptor's {network.Guarantee}";
        }

        var composer = services.GetServices<IPostComposer>().SingleOrDefault(c => c.Channel == name);
        if (composer is null)
        {
            yield return $"{name}: no IPostComposer of that name";
        }
        else
        {
            var article = new Article("test", "Le port bat son record", ["Le port a traité 9 millions de conteneurs."], "fr", new Uri("https://a.ma/p"), null, null, null, [], "hash");
            var draft = composer.Compose(article, new Summary(["Le port a traité 9 millions de conteneurs."]));
            if (draft.Channel != name || draft.Limit != network.Post.DefaultLimit || draft.Length > draft.Limit)
            {
                yield return $"{name}: the composed draft is for '{draft.Channel}' with limit {draft.Limit}, not within {network.Post.DefaultLimit}";
            }
        }

        if (services.GetRequiredService<ChannelLimits>().GetLimit(name) != network.Post.DefaultLimit)
        {
            yield return $"{name}: ChannelLimits does not start from the descriptor's limit {network.Post.DefaultLimit}";
        }

        var resilience = services.GetRequiredService<IOptionsMonitor<ChannelResilienceOptions>>().Get(name);
        if ((resilience.PermitsPerWindow, resilience.Window) != (network.Limit.Permits, network.Limit.Window))
        {
            yield return $"{name}: the resilience pipeline limits to {resilience.PermitsPerWindow} per {resilience.Window}, not the descriptor's {network.Limit}";
        }

        if (!PostTemplate.TryParse(network.Post.DefaultTemplate, out var template, out string? error))
        {
            yield return $"{name}: the default template does not parse ({error})";
        }
        else if (network.Post.LinkOnlyInText && !template.Uses(TemplateField.Url))
        {
            yield return $"{name}: the link travels only in the text but the default template has no {{url}}";
        }

        var known = new PostsOptions();
        known.Channels[name] = new ChannelPostOptions();
        var validation = services.GetServices<IValidateOptions<PostsOptions>>().Select(v => v.Validate(null, known)).Where(r => r.Failed);
        foreach (var failure in validation)
        {
            yield return $"{name}: Posts:Channels:{name} is refused ({failure.FailureMessage})";
        }
    }
}
