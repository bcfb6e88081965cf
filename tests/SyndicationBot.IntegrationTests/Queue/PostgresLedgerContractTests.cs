using Microsoft.Extensions.Logging.Abstractions;
using SyndicationBot.Configuration;
using SyndicationBot.IntegrationTests.Support;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Postgres;
using SyndicationBot.Tests.Queue;
using Xunit;

namespace SyndicationBot.IntegrationTests.Queue;

/// <summary>The ledger contract on a real PostgreSQL server (the test run's own cluster, or SYNDICATIONBOT_TEST_POSTGRES).</summary>
public sealed class PostgresLedgerContractTests(PostgresDatabase database) : LedgerContract, IClassFixture<PostgresDatabase>
{
    private readonly List<PostgresPostQueue> _opened = [];

    public override async Task DisposeAsync()
    {
        foreach (var queue in _opened)
        {
            await queue.DisposeAsync();
        }

        _opened.Clear();
    }

    protected override async Task ResetStoreAsync()
    {
        await DisposeAsync();
        await database.ResetAsync();
    }

    internal override Task<Ledger> OpenAsync(SecretRedactor? redactor = null)
    {
        var queue = new PostgresPostQueue(database.ConnectionString, NullLogger<PostgresPostQueue>.Instance, redactor);
        _opened.Add(queue);
        var operations = new PostgresOperationsLedger(queue);
        return Task.FromResult(new Ledger(queue, new LedgerOperations(operations, operations, operations, operations, operations)));
    }
}
