using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SyndicationBot.Queue;

/// <summary>Checks that <c>Storage:ConnectionString</c> is a SQLite connection string naming a file.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Storage:ConnectionString is empty; set it to a SQLite connection string such as 'Data Source=data/syndication.db'.");
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                return ValidateOptionsResult.Fail($"Storage:ConnectionString '{options.ConnectionString}' has no 'Data Source'; name the SQLite file, e.g. 'Data Source=data/syndication.db'.");
            }
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail($"Storage:ConnectionString '{options.ConnectionString}' is not a valid SQLite connection string ({exception.Message}); use e.g. 'Data Source=data/syndication.db'.");
        }

        return ValidateOptionsResult.Success;
    }
}
