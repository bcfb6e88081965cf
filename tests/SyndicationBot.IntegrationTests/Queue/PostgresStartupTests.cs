using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.IntegrationTests.Support;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Queue;

/// <summary>
/// <c>Storage:Provider=Postgres</c> through the real command line: a wrong provider or an unreachable server stops
/// start-up naming the key (the password never shown); a reachable one carries the whole service graph.
/// </summary>
public sealed class PostgresStartupTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Status_UnknownProvider_ExitsTwoNamingTheKeyAndTheChoices()
    {
        // Act
        var (exit, _, error) = await RunAsync(["status"], new() { ["Storage:Provider"] = "MySql" });

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Storage:Provider 'MySql' is not a ledger provider; use 'Sqlite'", error, StringComparison.Ordinal);
        Assert.Contains("'Postgres'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ServerUnreachable_ExitsTwoNamingTheKeyWithoutThePassword()
    {
        // Arrange: a port nothing listens on.
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        // Act
        var (exit, _, error) = await RunAsync(["run"], new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=ledger;Username=bot;Password=hunter2-never-shown",
        });

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Storage:ConnectionString", error, StringComparison.Ordinal);
        Assert.Contains($"cannot reach or log into the PostgreSQL server at 127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.Contains("Password=***", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestThenQueueList_OnPostgres_TheVerbsShareTheServersLedger()
    {
        // Arrange
        var page = _folder.Combine("storm.txt");
        await File.WriteAllTextAsync(page, "Storm closes the port of Tangier\n\nThe port of Tangier closed on Monday as a violent storm hit the northern coast, the harbour authority said in a statement.");
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = database.ConnectionString };

        // Act
        var (ingestExit, _, ingestError) = await RunAsync(["ingest", page], settings);
        var (listExit, listed, _) = await RunAsync(["queue", "list", "--json"], settings);
        var (againExit, again, _) = await RunAsync(["ingest", page, "--json"], settings);

        // Assert
        Assert.True(ingestExit == 0, ingestError);
        Assert.Equal(0, listExit);
        using var posts = JsonDocument.Parse(listed);
        Assert.Contains("Storm closes the port of Tangier", posts.RootElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, againExit);
        Assert.Contains("already handled", again, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("data", "syndication.db")), "a SQLite ledger was created beside the PostgreSQL one");
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(string[] args, Dictionary<string, string?> settings)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SyndicationBotCommandLine.InvokeAsync(args, extra => TestHost.CreateBuilder(_folder, settings, args: extra), output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
