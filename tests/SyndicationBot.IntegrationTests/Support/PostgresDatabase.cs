using Npgsql;
using Xunit;

namespace SyndicationBot.IntegrationTests.Support;

/// <summary>A class fixture: one empty database of the test run's <see cref="PostgresServer"/> for one test class.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private string? _connectionString;

    /// <summary>The database's connection string.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        _connectionString = await server.CreateDatabaseAsync("ledger");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Drops every table, sequence and lock-free schema object: the next ledger starts on an empty database.</summary>
    public async Task ResetAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
        await command.ExecuteNonQueryAsync();
    }
}
