using Microsoft.Data.Sqlite;
using Npgsql;

namespace SyndicationBot.Queue;

/// <summary>
/// Tells an outage of the ledger's storage (disk full, the file locked past the busy timeout, an I/O error, a PostgreSQL
/// server unreachable, restarting or cancelling a statement for a conflict) from a
/// bug or a bad input: an outage is retried later and must never be remembered as the input's fate.
/// </summary>
internal static class StorageFailure
{
    // SQLite primary result codes (sqlite3.h): the storage, not the statement, is at fault.
    private const int Busy = 5;
    private const int Locked = 6;
    private const int NoMemory = 7;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Protocol = 15;

    /// <summary>True when <paramref name="exception"/> (or one it wraps) is a storage outage worth retrying later.</summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null => false,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is Busy or Locked or NoMemory or ReadOnly or IoError or Full or CantOpen or Protocol,
        NpgsqlException { IsTransient: true } => true,
        IOException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        _ => IsTransient(exception.InnerException),
    };
}
