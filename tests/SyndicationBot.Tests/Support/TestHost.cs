using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Hosting;

namespace SyndicationBot.Tests.Support;

/// <summary>The real host graph (<c>AddSyndicationBot</c>) rooted in a temp folder, as the tests of the whole path use it.</summary>
public static class TestHost
{
    /// <summary>Where the fake clock starts when a test gives none: a fixed instant, never today's date.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A builder whose content root is <paramref name="folder"/> (with a <c>seeds/</c> folder and the ledger at
    /// <c>data/syndication.db</c>), with <paramref name="settings"/> on top, then <paramref name="args"/>, and time from
    /// <paramref name="time"/>, or from a fake clock standing still at <see cref="DefaultStart"/> (the host never reads
    /// the machine's clock in a test).
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(TempFolder folder, IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder.Combine("seeds"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = folder.Path,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Storage:ConnectionString"] = settings.TryGetValue("Storage:ConnectionString", out var cs) ? cs : "Data Source=data/syndication.db",

            // Tests run side by side: none listens on the fixed default port unless it asks to (with port 0).
            ["Http:Enabled"] = settings.TryGetValue("Http:Enabled", out var http) ? http : "false",
        });
        if (args is not null)
        {
            builder.Configuration.AddCommandLine(args);
        }

        builder.Services.AddSingleton<TimeProvider>(time ?? new FakeTimeProvider(DefaultStart));
        builder.AddSyndicationBot();
        return builder;
    }
}
