using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using SyndicationBot.Queue.Postgres;
using SyndicationBot.Queue.Sqlite;

namespace SyndicationBot.Queue;

/// <summary>
/// Checks <c>Storage:Provider</c> and <c>Storage:ConnectionString</c> before anything uses the ledger, so an unusable
/// one stops start-up with the key's name rather than a running service failing on its first write. For SQLite: a
/// connection string naming a file, opened (created if missing, structure checked, writability tested). For
/// PostgreSQL: an Npgsql connection string naming a host, and the server reached and logged into. The password is
/// never shown.
/// </summary>
internal sealed class StorageOptionsValidator(IHostEnvironment environment) : IValidateOptions<StorageOptions>
{
    private const string Key = StorageOptions.SectionName + ":ConnectionString";
    private const string ProviderKey = StorageOptions.SectionName + ":Provider";

    // Long enough for a server under load, short enough that a wrong host does not hold start-up for Npgsql's 15 s.
    private const int ReachTimeoutSeconds = 10;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateSqlite(options);
        }

        return options.IsPostgres
            ? ValidatePostgres(options)
            : ValidateOptionsResult.Fail($"{ProviderKey} '{options.Provider}' is not a ledger provider; use '{StorageOptions.Sqlite}' (the default, one file) or '{StorageOptions.Postgres}' (a PostgreSQL server, for several replicas).");
    }

    private static ValidateOptionsResult ValidatePostgres(StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{Key} is empty; with {ProviderKey}={StorageOptions.Postgres} set it to an Npgsql connection string such as 'Host=db;Database=syndication;Username=bot' (the password in Storage__Password or /run/secrets/storage_password).");
        }

        var shown = PostgresConnectionString.Masked(options.ConnectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Resolve(options));
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
        {
            return ValidateOptionsResult.Fail($"{Key} is not a valid Npgsql connection string ({exception.GetType().Name}); use e.g. 'Host=db;Database=syndication;Username=bot'.");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return ValidateOptionsResult.Fail($"{Key} '{shown}' names no 'Host'; name the PostgreSQL server, e.g. 'Host=db;Database=syndication;Username=bot'.");
        }

        if (builder.Timeout is 0 or > ReachTimeoutSeconds)
        {
            builder.Timeout = ReachTimeoutSeconds;
        }

        try
        {
            // A plain open proves the host, port, database and credentials; the schema is migrated by the ledger at start.
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return ValidateOptionsResult.Success;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            var reason = exception is PostgresException server ? $"{server.SqlState}: {server.MessageText}" : exception.InnerException?.Message ?? exception.Message;
            return ValidateOptionsResult.Fail(
                $"{Key} '{shown}': cannot reach or log into the PostgreSQL server at {builder.Host}:{builder.Port} ({reason}). Start the server, or fix the host, database, user or password (Storage:Password / Storage:PasswordFile).");
        }
    }

    private ValidateOptionsResult ValidateSqlite(StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{Key} is empty; set it to a SQLite connection string such as 'Data Source=data/syndication.db'.");
        }

        var shown = SqliteLedgerFile.Masked(options.ConnectionString);
        try
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                return ValidateOptionsResult.Fail($"{Key} '{shown}' has no 'Data Source'; name the SQLite file, e.g. 'Data Source=data/syndication.db'.");
            }
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail($"{Key} is not a valid SQLite connection string ({exception.Message}); use e.g. 'Data Source=data/syndication.db'.");
        }

        var resolved = QueueServiceCollectionExtensions.ResolveConnectionString(options.ConnectionString, environment.ContentRootPath);
        return SqliteLedgerFile.Check(resolved) is { } problem
            ? ValidateOptionsResult.Fail($"{Key} '{shown}': {problem}")
            : ValidateOptionsResult.Success;
    }
}
