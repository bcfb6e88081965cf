using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SyndicationBot.Queue.Sqlite;

namespace SyndicationBot.Tests.Support;

/// <summary>A SQLite ledger file in a fresh temp folder, closed and deleted (pools cleared) on dispose.</summary>
public sealed class TempLedger : IDisposable
{
    private readonly TempFolder _folder = new();

    public TempLedger()
    {
        Queue = Open();
    }

    /// <summary>The ledger on the file, not yet initialised.</summary>
    internal SqlitePostQueue Queue { get; }

    /// <summary>Another ledger instance on the same file (another process's view of it).</summary>
    internal SqlitePostQueue Open() =>
        new(ConnectionString, NullLogger<SqlitePostQueue>.Instance);

    /// <summary>The connection string of the file.</summary>
    internal string ConnectionString => $"Data Source={_folder.Combine("ledger.db")}";

    /// <summary>The operator's side of the same ledger (heartbeats, channel switches, inputs).</summary>
    internal SqliteOperationsLedger Operations() => new(Queue, ConnectionString);

    public void Dispose()
    {
        Queue.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
