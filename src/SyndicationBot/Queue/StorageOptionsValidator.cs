using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyndicationBot.Queue.Sqlite;

namespace SyndicationBot.Queue;

/// <summary>
/// Checks that <c>Storage:ConnectionString</c> is a SQLite connection string naming a file, and opens that file
/// (created if missing, structure checked, writability tested) so an unusable ledger stops start-up with the key's
/// name rather than a running service failing on its first write. The password is never shown.
/// </summary>
internal sealed class StorageOptionsValidator(IHostEnvironment environment) : IValidateOptions<StorageOptions>
{
    private const string Key = StorageOptions.SectionName + ":ConnectionString";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
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
