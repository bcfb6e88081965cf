using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Ingestion.Routing;

public sealed class RoutingOptionsValidatorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Start_RouteToUnknownChannelAndRouteToNothing_StopsNamingEachKey()
    {
        // Arrange
        using var host = TestHost.CreateBuilder(_folder, new Dictionary<string, string?>
        {
            ["Routing:Routes:0:Languages:0"] = "fr",
            ["Routing:Routes:0:Channels:0"] = "x-fr",
            ["Routing:Routes:1:Languages:0"] = "ar",
            ["Routing:Default:0"] = "outbox",
        }).Build();

        // Act
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains("Routing:Routes:0:Channels:0: 'x-fr' is not a channel; the known channels are x, mastodon, bluesky, telegram, facebook, webhook, outbox.", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Routing:Routes:1:Channels: the rule sends articles nowhere", exception.Message, StringComparison.Ordinal);
    }
}
