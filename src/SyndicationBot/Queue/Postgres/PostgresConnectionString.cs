using Npgsql;

namespace SyndicationBot.Queue.Postgres;

/// <summary>
/// The Npgsql connection string the ledger opens: <c>Storage:ConnectionString</c> with its password taken from the
/// secret sources when it carries none (<c>Storage:Password</c>, the file named by <c>Storage:PasswordFile</c>, or
/// <c>/run/secrets/storage_password</c>, in that order, as channel credentials are found). Masked for every message.
/// </summary>
internal static class PostgresConnectionString
{
    /// <summary>The directory of conventional secret files; tests point it elsewhere.</summary>
    public static string SecretsDirectory { get; set; } = "/run/secrets";

    /// <summary>The connection string to open, with the password from the secret sources when it has none.</summary>
    /// <exception cref="ArgumentException">The text is not an Npgsql connection string.</exception>
    public static string Resolve(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrEmpty(builder.Password) && ResolvePassword(options) is { } password)
        {
            builder.Password = password;
        }

        return builder.ConnectionString;
    }

    /// <summary>The connection string with its password masked (or nothing of it, when it cannot be parsed).</summary>
    public static string Masked(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(not shown)";
        }
    }

    // Hand-written rather than ChannelSecret's: the ledger sits left of Channels/ and may not use it; same order.
    private static string? ResolvePassword(StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Password))
        {
            return options.Password.Trim();
        }

        if (!string.IsNullOrWhiteSpace(options.PasswordFile))
        {
            return File.Exists(options.PasswordFile) ? File.ReadAllText(options.PasswordFile).Trim() : null;
        }

        var conventional = Path.Combine(SecretsDirectory, StorageOptions.PasswordSecretName);
        return File.Exists(conventional) ? File.ReadAllText(conventional).Trim() : null;
    }
}
