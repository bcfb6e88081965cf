using System.ComponentModel.DataAnnotations;

namespace SyndicationBot.Queue;

/// <summary>Where the ledger lives.</summary>
internal sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary>The embedded single-file ledger (the default).</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>A PostgreSQL server, for several replicas on one ledger.</summary>
    public const string Postgres = "Postgres";

    /// <summary>The conventional Docker/Kubernetes secret file name of <see cref="Password"/>.</summary>
    public const string PasswordSecretName = "storage_password";

    /// <summary>Which adapter holds the ledger: <c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// For SQLite, the connection string of the file; a relative <c>Data Source</c> is resolved against the content
    /// root (the folder holding appsettings.json) and its folder is created at start. For PostgreSQL, an Npgsql
    /// connection string (<c>Host=…;Database=…;Username=…</c>); its password is better given by <see cref="Password"/>.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = "Data Source=data/syndication.db";

    /// <summary>
    /// The PostgreSQL password, a secret: give it as the environment variable <c>Storage__Password</c>, as a file named
    /// by <see cref="PasswordFile"/>, or as the secret file <c>/run/secrets/storage_password</c>. Used only when the
    /// connection string has none.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>A file holding <see cref="Password"/> (a mounted secret).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>How long a dispatcher's claim on a post lasts before another may recover it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>True when <see cref="Provider"/> names PostgreSQL (case ignored).</summary>
    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
