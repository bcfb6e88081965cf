using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using SyndicationBot.Hosting.Http;

namespace SyndicationBot.Hosting.Commands;

/// <summary>
/// <c>health</c>: asks the running service's <c>/healthz</c> whether its loops turn. The container's
/// <c>HEALTHCHECK</c> runs it, because the runtime image has no curl. It reads only the configuration (no ledger, no
/// host), so it stays cheap when run every few seconds.
/// </summary>
internal static class HealthCommand
{
    /// <summary>Exit code when the service answered but is not healthy (503, or any other status).</summary>
    public const int Unhealthy = 1;

    /// <summary>Exit code when nothing answered at the address (no service, or its HTTP surface is off).</summary>
    public const int NoService = 3;

    public static async Task<int> RunAsync(IConfiguration configuration, Uri? address, TimeSpan timeout, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = new HttpOptions();
        configuration.GetSection(HttpOptions.SectionName).Bind(settings);
        if (address is null && !settings.Enabled)
        {
            await error.WriteLineAsync("health: Http:Enabled is false, so the service serves no /healthz; give --url or enable it.");
            return NoService;
        }

        address ??= LocalAddress(settings.Urls);
        if (address is null)
        {
            await error.WriteLineAsync($"health: Http:Urls '{settings.Urls}' holds no http:// address to ask; give --url.");
            return SyndicationBotCommandLine.UsageError;
        }

        var healthz = new Uri(address, "/healthz");
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(healthz, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync($"healthy: {healthz} answered {(int)response.StatusCode}");
                return 0;
            }

            await error.WriteLineAsync($"unhealthy: {healthz} answered {(int)response.StatusCode} {body}");
            return Unhealthy;
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException)
        {
            await error.WriteLineAsync($"no service: nothing answers at {healthz} ({exception.InnerException.Message})");
            return NoService;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"unhealthy: {healthz} did not answer within {timeout.TotalSeconds:0.#} s");
            return Unhealthy;
        }
    }

    /// <summary>
    /// The address to ask, from the first <c>http://</c> entry of <c>Http:Urls</c>: a wildcard host (<c>0.0.0.0</c>,
    /// <c>[::]</c>, <c>*</c>, <c>+</c>) that the service listens on is reached on the loopback; port 0 cannot be asked.
    /// </summary>
    internal static Uri? LocalAddress(string urls)
    {
        foreach (var entry in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!entry.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Kestrel accepts "http://*:5080" and "http://+:5080", which Uri does not parse as a host.
            var parsable = entry.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Port == 0)
            {
                continue;
            }

            var host = uri.Host is "0.0.0.0" ? "127.0.0.1" : uri.Host is "[::]" ? "[::1]" : uri.Host;
            return new UriBuilder(uri) { Host = host, Path = "/" }.Uri;
        }

        return null;
    }
}
