using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Hosting.Http;

/// <summary>
/// Kestrel inside the service's host, started with <c>run</c> only (a hosted service: the other verbs never start one):
/// <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> and the status page. A slim <see cref="WebApplication"/> of its own
/// is the transport; every answer comes from the service's own graph, so the page and the probes see what the
/// dispatcher sees.
/// </summary>
internal sealed partial class HttpSurfaceService(
    IServiceProvider services,
    IOptions<HttpOptions> options,
    ILogger<HttpSurfaceService> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses Kestrel listens on (the real port when <c>Http:Urls</c> asked for port 0).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        // The service's configuration and logging stay the service's: the web host reads nothing of its own.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(settings.Urls);
        builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("syndicationbot")).WithMetrics(metrics => metrics.AddMeter(SyndicationMetrics.MeterName).AddPrometheusExporter());
        var app = builder.Build();
        Map(app, settings);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync();
            throw new OptionsValidationException(
                HttpOptions.SectionName,
                typeof(HttpOptions),
                [$"Http:Urls '{settings.Urls}' cannot be listened on ({exception.Message}). Give another address, or Http:Enabled=false."]);
        }

        _app = app;
        Addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)) ?? []];
        var listening = string.Join(", ", Addresses);
        Log.Listening(logger, listening);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private void Map(WebApplication app, HttpOptions settings)
    {
        app.MapGet("/healthz", () =>
        {
            var (live, loops) = services.GetRequiredService<LivenessCheck>().Evaluate();
            return Json(live ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, writer =>
            {
                writer.WriteString("status", live ? "live" : "stuck");
                writer.WriteStartArray("loops");
                foreach (var loop in loops)
                {
                    writer.WriteStartObject();
                    writer.WriteString("loop", loop.Loop);
                    writer.WriteString("lastBeat", loop.LastBeat?.ToString("O", CultureInfo.InvariantCulture));
                    writer.WriteNumber("ageSeconds", Math.Round(loop.Age.TotalSeconds, 1));
                    writer.WriteBoolean("stuck", loop.Stuck);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            });
        });

        app.MapGet("/readyz", async (CancellationToken cancellationToken) =>
        {
            var (ready, problem, refused) = await services.GetRequiredService<ReadinessCheck>().EvaluateAsync(cancellationToken);
            return Json(ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, writer =>
            {
                writer.WriteString("status", ready ? "ready" : "not ready");
                writer.WriteString("problem", problem);
                writer.WriteStartArray("credentialsRefused");
                refused.ToList().ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
            });
        });

        app.MapPrometheusScrapingEndpoint("/metrics");

        app.MapGet("/", async (CancellationToken cancellationToken) =>
            Results.Content(await services.GetRequiredService<StatusPage>().RenderAsync(cancellationToken), "text/html; charset=utf-8"));

        if (string.IsNullOrEmpty(settings.AdminToken))
        {
            // No token, no actions: the action URLs are not even mapped (404).
            return;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(settings.AdminToken));
        app.MapPost("/admin/channels/{name}/{action}", async (string name, string action, HttpRequest request, CancellationToken cancellationToken) =>
        {
            if (!await AuthorizedAsync(request, expected, cancellationToken))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var switches = services.GetRequiredService<IChannelSwitches>();
            var time = services.GetRequiredService<TimeProvider>();
            switch (action)
            {
                case "pause":
                    await switches.PauseAsync(name, "paused from the status page", time.GetUtcNow(), cancellationToken);
                    break;
                case "resume":
                    await switches.ResumeAsync(name, cancellationToken);
                    break;
                default:
                    return Results.NotFound();
            }

            Log.AdminAction(logger, action, name);
            return Results.Redirect("/", permanent: false, preserveMethod: false);
        });

        app.MapPost("/admin/posts/{id:long}/{action}", async (long id, string action, HttpRequest request, CancellationToken cancellationToken) =>
        {
            if (!await AuthorizedAsync(request, expected, cancellationToken))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var queue = services.GetRequiredService<IPostQueue>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var changed = action switch
            {
                "retry" => await queue.RetryAsync(id, now, cancellationToken),
                "cancel" => await queue.CancelAsync(id, now, cancellationToken),
                "approve" => await queue.GetAsync(id, cancellationToken) is { State: PostState.Held } held
                    && await queue.ApproveAsync(id, await services.GetRequiredService<IPostScheduler>().AssignDueAsync(held.Channel, held.Urgent, now, cancellationToken), now, cancellationToken),
                _ => (bool?)null,
            };
            if (changed is null)
            {
                return Results.NotFound();
            }

            Log.AdminAction(logger, action, id.ToString(CultureInfo.InvariantCulture));
            return changed.Value ? Results.Redirect("/") : Results.Conflict($"post {id}: {action} does not apply to it in its current state");
        });
    }

    private static async Task<bool> AuthorizedAsync(HttpRequest request, byte[] expected, CancellationToken cancellationToken)
    {
        string? token = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            token = form["token"].ToString();
        }

        if (string.IsNullOrEmpty(token) && request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            token = header["Bearer ".Length..];
        }

        // Hashes first, so the comparison takes the same time whatever the length of the guess.
        return !string.IsNullOrEmpty(token) && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), expected);
    }

    private static IResult Json(int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8, status);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "HTTP surface listening on {Addresses} (/healthz, /readyz, /metrics, /)")]
        public static partial void Listening(ILogger logger, string addresses);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Status page action {Action} on {Target} by the admin token")]
        public static partial void AdminAction(ILogger logger, string action, string target);
    }
}
