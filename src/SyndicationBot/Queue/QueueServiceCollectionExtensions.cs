using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyndicationBot.Configuration;
using SyndicationBot.Queue.Postgres;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Queue.Sqlite;

namespace SyndicationBot.Queue;

/// <summary>Registers the durable ledger.</summary>
internal static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ledger's ports on the adapter named by <c>Storage:Provider</c> (<see cref="StorageOptions"/>): SQLite
    /// (default) or PostgreSQL. One adapter instance serves every port.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotationsWithKeys(StorageOptions.SectionName);
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IPostQueue>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (options.IsPostgres)
            {
                return new PostgresPostQueue(
                    PostgresConnectionString.Resolve(options),
                    provider.GetRequiredService<ILogger<PostgresPostQueue>>(),
                    provider.GetService<SecretRedactor>());
            }

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
        services.AddSingleton(provider => CreateOperations(provider));
        services.AddSingleton<IServiceHeartbeats>(provider => provider.GetRequiredService<LedgerOperations>().Heartbeats);
        services.AddSingleton<IChannelSwitches>(provider => provider.GetRequiredService<LedgerOperations>().Switches);
        services.AddSingleton<IInputLedger>(provider => provider.GetRequiredService<LedgerOperations>().Inputs);
        services.AddSingleton<ILedgerGauges>(provider => provider.GetRequiredService<LedgerOperations>().Gauges);
        services.AddSingleton<IRetractionLedger>(provider => provider.GetRequiredService<LedgerOperations>().Retractions);
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

    private static LedgerOperations CreateOperations(IServiceProvider provider)
    {
        var queue = provider.GetRequiredService<IPostQueue>();
        if (queue is PostgresPostQueue postgres)
        {
            var operations = new PostgresOperationsLedger(postgres);
            return new LedgerOperations(operations, operations, operations, operations, operations);
        }

        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var sqlite = new SqliteOperationsLedger(queue, ResolveConnectionString(options.ConnectionString, provider.GetRequiredService<IHostEnvironment>().ContentRootPath));
        return new LedgerOperations(sqlite, sqlite, sqlite, sqlite, sqlite);
    }
}
