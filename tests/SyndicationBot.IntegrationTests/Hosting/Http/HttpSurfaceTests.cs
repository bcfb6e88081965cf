using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Hosting;
using SyndicationBot.Queue;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hosting.Http;

/// <summary>The HTTP surface of the running service, over a real loopback socket.</summary>
public sealed class HttpSurfaceTests
{
    [Fact]
    public async Task Healthz_LoopsTurning_Is200AndTurns503WhenTheDispatcherStopsBeating()
    {
        // Arrange
        await using var service = await RunningService.StartAsync();
        using var live = await service.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var liveBody = await live.Content.ReadAsStringAsync();

        // Act: the dispatcher's heartbeat stops while time runs on past the stall timeout (2 min).
        service.Host.Services.GetRequiredService<LoopHeartbeats>().Hold(LoopHeartbeats.Dispatcher);
        await service.AdvanceUntilAsync(() => false, steps: 150);
        using var stuck = await service.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("\"status\":\"live\"", liveBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stuck.StatusCode);
        using var json = JsonDocument.Parse(await stuck.Content.ReadAsStringAsync());
        var loop = Assert.Single(json.RootElement.GetProperty("loops").EnumerateArray(), l => l.GetProperty("stuck").GetBoolean());
        Assert.Equal("dispatcher", loop.GetProperty("loop").GetString());
    }

    [Fact]
    public async Task Readyz_LedgerMigrated_Is200WithNoRefusedCredentials()
    {
        // Arrange
        await using var service = await RunningService.StartAsync();

        // Act
        using var response = await service.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("credentialsRefused").GetArrayLength());
    }

    [Fact]
    public async Task Metrics_AfterAPublication_ExposePublishOutcomeLatenessAndQueueDepthAsPrometheusText()
    {
        // Arrange
        await using var service = await RunningService.StartAsync();
        Assert.True(await service.IngestAndPublishAsync("Storm closes the port of Tangier for a second day"));
        await service.Host.Services.GetRequiredService<HeartbeatService>().WriteOnceAsync(CancellationToken.None);

        // Act: the outcome counter is bumped just after the ledger records the outcome, on the dispatcher's thread;
        // scrape until it shows (30 s of real time at most, so that load makes the test slower, never red).
        var outcome = new System.Text.RegularExpressions.Regex("syndicationbot_publish_outcomes_total\\{[^}]*channel=\"outbox\"[^}]*class=\"published\"[^}]*\\} 1");
        HttpResponseMessage response;
        var text = string.Empty;
        var scrapes = 0;
        do
        {
            if (scrapes++ > 0)
            {
                await Task.Delay(50);
            }

            response = await service.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
            text = await response.Content.ReadAsStringAsync();
        }
        while (!outcome.IsMatch(text) && scrapes < 600);

        // Assert
        using var scraped = response;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Matches("syndicationbot_publish_outcomes_total\\{[^}]*channel=\"outbox\"[^}]*class=\"published\"[^}]*\\} 1", text);
        Assert.Contains("syndicationbot_dispatch_lateness_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Matches("syndicationbot_queue_depth\\{[^}]*channel=\"outbox\"[^}]*state=\"Published\"[^}]*\\} 1", text);
    }

    [Fact]
    public async Task AdminPost_WithoutAdminToken_Is404AndChangesNothing()
    {
        // Arrange
        await using var service = await RunningService.StartAsync();
        using var form = new FormUrlEncodedContent([new("token", "anything")]);

        // Act
        using var response = await service.Client.PostAsync(new Uri("/admin/channels/x/pause", UriKind.Relative), form);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await service.Host.Services.GetRequiredService<IChannelSwitches>().GetPausedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AdminPost_WrongTokenThenRightToken_Is403ThenPausesTheChannel()
    {
        // Arrange
        await using var service = await RunningService.StartAsync(adminToken: "correct horse");
        using var wrong = new FormUrlEncodedContent([new("token", "correct hors")]);
        using var right = new FormUrlEncodedContent([new("token", "correct horse")]);
        var switches = service.Host.Services.GetRequiredService<IChannelSwitches>();

        // Act
        using var refused = await service.Client.PostAsync(new Uri("/admin/channels/x/pause", UriKind.Relative), wrong);
        var afterRefused = await switches.GetPausedAsync(CancellationToken.None);
        using var accepted = await service.Client.PostAsync(new Uri("/admin/channels/x/pause", UriKind.Relative), right);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(afterRefused);
        Assert.True(accepted.IsSuccessStatusCode, accepted.StatusCode.ToString());
        Assert.True((await switches.GetPausedAsync(CancellationToken.None)).ContainsKey("x"));
    }
}
