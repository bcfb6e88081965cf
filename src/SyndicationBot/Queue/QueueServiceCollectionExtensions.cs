using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Configuration;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Queue.Sqlite;

namespace SyndicationBot.Queue;

/// <summary>Registers the durable ledger.</summary>
internal static class QueueServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IPostQueue"/> on SQLite, configured from <see cref="StorageOptions"/>.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotationsWithKeys(StorageOptions.SectionName);
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IPostQueue>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            var environment = provider.GetRequiredService<IHostEnvironment>();
            return new SqlitePostQueue(
                ResolveConnectionString(options.ConnectionString, environment.ContentRootPath),
                provider.GetRequiredService<ILogger<SqlitePostQueue>>(),
                provider.GetService<SecretRedactor>());
        });
        services.AddSingleton<IIngestionLedger>(provider => provider.GetRequiredService<IPostQueue>());
        services.AddSingleton<IDispatchLedger>(provider => provider.GetRequiredService<IPostQueue>());
        services.AddSingleton<IOperatorLedger>(provider => provider.GetRequiredService<IPostQueue>());
        services.AddSingleton<IScheduleLedger>(provider => provider.GetRequiredService<IPostQueue>());
        services.AddSingleton(provider => new SqliteOperationsLedger(
            provider.GetRequiredService<IPostQueue>(),
            ResolveConnectionString(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, provider.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<IServiceHeartbeats>(provider => provider.GetRequiredService<SqliteOperationsLedger>());
        services.AddSingleton<IChannelSwitches>(provider => provider.GetRequiredService<SqliteOperationsLedger>());
        services.AddSingleton<IInputLedger>(provider => provider.GetRequiredService<SqliteOperationsLedger>());
        services.AddSingleton<ILedgerGauges>(provider => provider.GetRequiredService<SqliteOperationsLedger>());
        services.AddSingleton<IRetractionLedger>(provider => provider.GetRequiredService<SqliteOperationsLedger>());
        return services;
    }

    /// <summary>Makes a relative <c>Data Source</c> absolute against the content root, so the ledger never depends on the working directory.</summary>
    internal static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(source))
        {
            builder.DataSource = Path.GetFullPath(source, contentRoot);
        }

        return builder.ToString();
    }
}
