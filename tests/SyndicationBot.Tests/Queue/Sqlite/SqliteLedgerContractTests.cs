using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SyndicationBot.Configuration;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Queue.Sqlite;

/// <summary>The ledger contract on a real SQLite file in a temp folder (a fresh folder per test).</summary>
public sealed class SqliteLedgerContractTests : LedgerContract, IDisposable
{
    private readonly List<IDisposable> _opened = [];
    private TempFolder _folder = new();

    private string ConnectionString => $"Data Source={_folder.Combine("data", "ledger.db")}";

    public override Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var opened in _opened)
        {
            opened.Dispose();
        }

        _opened.Clear();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task InitializeAsync_NewFile_CreatesTheFileInItsFolder()
    {
        // Arrange
        await ResetStoreAsync();
        var ledger = await OpenAsync();

        // Act
        await ledger.Queue.InitializeAsync(CancellationToken.None);

        // Assert
        Assert.True(File.Exists(_folder.Combine("data", "ledger.db")));
    }

    protected override Task ResetStoreAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        _folder = new TempFolder();
        return Task.CompletedTask;
    }

    internal override Task<Ledger> OpenAsync(SecretRedactor? redactor = null)
    {
        var queue = new SqlitePostQueue(ConnectionString, NullLogger<SqlitePostQueue>.Instance, redactor);
        _opened.Add(queue);
        var operations = new SqliteOperationsLedger(queue, ConnectionString);
        return Task.FromResult(new Ledger(queue, new LedgerOperations(operations, operations, operations, operations, operations)));
    }
}
