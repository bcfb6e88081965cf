using Microsoft.Data.Sqlite;

namespace SyndicationBot.Queue.Sqlite;

/// <summary>
/// The ledger's file, looked at before anything uses it: a folder, an unwritable file or folder, or a damaged
/// database is reported with what to do, instead of the first write failing inside a running service.
/// </summary>
internal static class SqliteLedgerFile
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>The file SQLite would open, or null for an in-memory ledger.</summary>
    public static string? PathOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            ? Path.GetFullPath(source)
            : null;
    }

    /// <summary>
    /// The connection string with its password (SQLCipher's <c>Password=</c>) masked, for messages.
    /// </summary>
    public static string Masked(string connectionString)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ToString();
        }
        catch (ArgumentException)
        {
            // Not parseable, so nobody can say which part is the password: show none of it.
            return "(not shown)";
        }
    }

    /// <summary>
    /// Creates the folder and, when missing, the file (owner-only, 0600: it holds post texts and error details),
    /// then opens the file, checks its structure (<c>PRAGMA quick_check</c>) and that it can be written.
    /// Returns null when the ledger is usable, else what is wrong and what to do.
    /// </summary>
    public static string? Check(string connectionString)
    {
        if (PathOf(connectionString) is not { } path)
        {
            return null;
        }

        if (Directory.Exists(path))
        {
            return $"'{path}' is a folder, not a SQLite file; name a file inside it, e.g. 'Data Source={Path.Combine(path, "syndication.db")}'.";
        }

        var folder = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(folder);
            CreatePrivate(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"the file '{path}' cannot be created ({exception.Message}); make its folder '{folder}' writable by this user or choose another location.";
        }

        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,

            // Not kept in the pool: the check must not hold the file open after start-up validation.
            Pooling = false,
        };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA quick_check;";
                using var reader = check.ExecuteReader();
                var problems = new List<string>();
                while (reader.Read() && problems.Count < 3)
                {
                    problems.Add(reader.GetString(0));
                }

                if (problems is not ["ok"])
                {
                    return Damaged(path, string.Join("; ", problems));
                }
            }

            // A write that changes nothing, rolled back: a read-only file or file system fails here, not mid-run.
            using var transaction = connection.BeginTransaction();
            using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "PRAGMA user_version = (SELECT user_version FROM pragma_user_version);";
            write.CommandText = "CREATE TABLE IF NOT EXISTS write_check (x INTEGER); DROP TABLE write_check;";
            write.ExecuteNonQuery();
            transaction.Rollback();
            return null;
        }
        catch (SqliteException exception) when ((exception.SqliteErrorCode & 0xFF) is SqliteCorrupt or SqliteNotADatabase)
        {
            return Damaged(path, exception.Message);
        }
        catch (SqliteException exception) when ((exception.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked)
        {
            // Another process is writing it right now: it is writable.
            return null;
        }
        catch (SqliteException exception)
        {
            return $"the file '{path}' cannot be opened for writing ({exception.Message}); check that it and its folder '{folder}' are writable by this user and that the file system is not read-only.";
        }
    }

    /// <summary>
    /// True when this process holds <paramref name="path"/> open but the file it holds is no longer the one at the
    /// path (deleted, or another moved over it). Linux only (<c>/proc/self/fd</c>), where .NET has no inode API;
    /// elsewhere false, and the ledger's identity row is the only check.
    /// </summary>
    public static bool HeldOpenAfterUnlink(string path)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd"))
        {
            return false;
        }

        var deleted = path + " (deleted)";
        foreach (var descriptor in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (string.Equals(new FileInfo(descriptor).LinkTarget, deleted, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // The descriptor was closed while we looked.
            }
        }

        return false;
    }

    /// <summary>Creates <paramref name="path"/> empty and owner-only (0600) when it does not exist yet.</summary>
    public static void CreatePrivate(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            // SQLite gives its -wal and -shm files the database file's mode, so they are owner-only too.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var created = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (a verb starting alongside the service) created it first.
        }
    }

    private static string Damaged(string path, string detail) =>
        $"the ledger '{path}' is damaged ({detail}). Stop every SyndicationBot using it, then either restore it from a backup, " +
        $"or salvage what is readable with \"sqlite3 '{path}' .recover | sqlite3 '{path}.recovered'\" and point Storage:ConnectionString at the result, " +
        "or move the file aside to start with an empty ledger — which forgets every page and post already handled, so the seeds and feeds still there are posted again.";
}
