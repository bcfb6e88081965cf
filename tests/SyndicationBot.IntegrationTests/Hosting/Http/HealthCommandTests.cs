using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Hosting;
using SyndicationBot.Hosting.Commands;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hosting.Http;

/// <summary>The <c>health</c> verb the container's HEALTHCHECK runs, against the real service's HTTP surface.</summary>
public sealed class HealthCommandTests
{
    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    [Fact]
    public async Task Health_ServiceLiveThenDispatcherStuck_ExitsZeroThenOne()
    {
        // Arrange
        await using var service = await RunningService.StartAsync();
        var address = service.Client.BaseAddress!;
        using var liveOut = new StringWriter();
        var live = await HealthCommand.RunAsync(NoSettings, address, TimeSpan.FromSeconds(30), liveOut, TextWriter.Null, CancellationToken.None);

        // Act: the dispatcher's heartbeat stops while time runs on past the stall timeout.
        service.Host.Services.GetRequiredService<LoopHeartbeats>().Hold(LoopHeartbeats.Dispatcher);
        await service.AdvanceUntilAsync(() => false, steps: 150);
        using var stuckErr = new StringWriter();
        var stuck = await HealthCommand.RunAsync(NoSettings, address, TimeSpan.FromSeconds(30), TextWriter.Null, stuckErr, CancellationToken.None);

        // Assert
        Assert.Equal(0, live);
        Assert.Contains("healthy", liveOut.ToString(), StringComparison.Ordinal);
        Assert.Equal(HealthCommand.Unhealthy, stuck);
        Assert.Contains("503", stuckErr.ToString(), StringComparison.Ordinal);
        Assert.Contains("dispatcher", stuckErr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_NothingListening_ExitsThreeNamingTheAddress()
    {
        // Arrange: a loopback port that was free a moment ago.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Http:Urls"] = $"http://0.0.0.0:{port}" }).Build();
        using var error = new StringWriter();

        // Act
        var exit = await HealthCommand.RunAsync(settings, null, TimeSpan.FromSeconds(30), TextWriter.Null, error, CancellationToken.None);

        // Assert
        Assert.Equal(HealthCommand.NoService, exit);
        Assert.Contains($"http://127.0.0.1:{port}/healthz", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_HttpSurfaceDisabled_ExitsThreeSayingSo()
    {
        // Arrange
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Http:Enabled"] = "false" }).Build();
        using var error = new StringWriter();

        // Act
        var exit = await HealthCommand.RunAsync(settings, null, TimeSpan.FromSeconds(30), TextWriter.Null, error, CancellationToken.None);

        // Assert
        Assert.Equal(HealthCommand.NoService, exit);
        Assert.Contains("Http:Enabled", error.ToString(), StringComparison.Ordinal);
    }
}
