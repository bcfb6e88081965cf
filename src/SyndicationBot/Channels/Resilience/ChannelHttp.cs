using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SyndicationBot.Channels.Resilience;

/// <summary>HTTP plumbing shared by the network channels.</summary>
internal static class ChannelHttp
{
    /// <summary>
    /// The resilience pipeline owns time-outs; this backstop only stops a request hanging forever when a
    /// channel is used without <see cref="ResilientChannel"/>.
    /// </summary>
    public static readonly TimeSpan BackstopTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A base address must end in '/' or relative paths replace its last segment.</summary>
    public static Uri WithTrailingSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    /// <summary>
    /// The factory's default logging puts request headers, Authorization included, into the log state: even with
    /// <c>RedactLoggedHeaders</c> the structured values stay raw (a log scan found the OAuth token there). The
    /// channels log every outcome themselves, so the factory's loggers go.
    /// </summary>
    public static IHttpClientBuilder WithoutHeaderLogging(this IHttpClientBuilder builder) =>
        builder.RemoveAllLoggers().RedactLoggedHeaders(static _ => true);

    public static IServiceCollection TryAddTimeProvider(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
