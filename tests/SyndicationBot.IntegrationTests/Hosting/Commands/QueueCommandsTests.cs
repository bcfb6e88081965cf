using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hosting.Commands;

/// <summary>
/// The operator verbs, run through the real command line against the ledger of a service that keeps running
/// in the same test (the real host graph, one SQLite file, the outbox channel, time on a FakeTimeProvider).
/// Nothing is restarted: every change must reach the running dispatcher through the database.
/// </summary>
public sealed class QueueCommandsTests : IAsyncLifetime, IDisposable
{
    // 09:00 UTC on a November Sunday: 10:00 in Casablanca (UTC+01:00 outside Ramadan).
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Spacing = TimeSpan.FromMinutes(10);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);
    private IHost? _service;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder.Combine("seeds"));
        _service = CreateBuilder().Build();
        await _service.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.StopAsync();
            _service.Dispose();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Ingest_PageWhileTheServiceRuns_IsPublishedWithoutARestart()
    {
        // Arrange
        var page = await WritePageAsync(0);

        // Act
        var (exit, stdout, _) = await RunVerbAsync("ingest", page);
        var published = await AdvanceUntilAsync(() => ReadOutbox().Count == 1, TimeSpan.FromMilliseconds(500), 40);

        // Assert
        Assert.Equal(0, exit);
        Assert.StartsWith("queued", stdout, StringComparison.Ordinal);
        Assert.True(published);
        Assert.Equal(Headline(0), ReadOutbox()[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Ingest_FileAlreadyHandled_SaysSoWithTheEarlierOutcomeAndQueuesNothing()
    {
        // Arrange
        var page = await WritePageAsync(0);
        await RunVerbAsync("ingest", page);

        // Act
        var (exit, stdout, _) = await RunVerbAsync("ingest", page);
        var (jsonExit, json, _) = await RunVerbAsync("ingest", page, "--json");

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal(0, jsonExit);
        Assert.StartsWith("already handled", stdout, StringComparison.Ordinal);
        Assert.Contains(": queued", stdout, StringComparison.Ordinal);
        var input = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("inputs").EnumerateArray());
        Assert.Equal("already handled", input.GetProperty("outcome").GetString());
        Assert.Equal("queued", input.GetProperty("earlier").GetProperty("outcome").GetString());

        // One post in all, whether the running service has published it yet or not.
        var (_, all, _) = await RunVerbAsync("queue", "list", "--all", "--json");
        Assert.Single(JsonDocument.Parse(all).RootElement.GetProperty("posts").EnumerateArray());
    }

    [Fact]
    public async Task QueueReschedule_TimeInThePast_IsRefusedAndThePostKeepsItsTime()
    {
        // Arrange
        await IngestAndPublishFirstAsync();
        await RunVerbAsync("ingest", await WritePageAsync(1));
        var before = (await ListAsync()).Single();
        var id = before.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

        // Act
        var (exit, stdout, stderr) = await RunVerbAsync("queue", "reschedule", id, "2020-03-01T09:00:00Z");

        // Assert
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("is in the past", stderr, StringComparison.Ordinal);
        Assert.Equal(before.GetProperty("dueAt").GetDateTimeOffset(), (await ListAsync()).Single().GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Inputs_AfterIngestingAPageAndAnEmptyFile_ListsBothOutcomesWithTheReason()
    {
        // Arrange
        await RunVerbAsync("ingest", await WritePageAsync(0));
        var empty = _folder.Combine("empty.txt");
        await File.WriteAllTextAsync(empty, string.Empty);
        await RunVerbAsync("ingest", empty);

        // Act
        var (exit, stdout, _) = await RunVerbAsync("inputs", "--json");

        // Assert
        Assert.Equal(0, exit);
        var inputs = JsonDocument.Parse(stdout).RootElement.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(2, inputs.Count);
        var rejected = Assert.Single(inputs, i => i.GetProperty("outcome").GetString() == "rejected");
        Assert.Contains("empty.txt", rejected.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(rejected.GetProperty("detail").GetString()));
        Assert.Single(inputs, i => i.GetProperty("outcome").GetString() == "queued");
    }

    [Fact]
    public async Task ChannelPause_WhileTheServiceRuns_HoldsThePostUntilResumed()
    {
        // Arrange
        var (pauseExit, _, _) = await RunVerbAsync("channel", "pause", "outbox");

        // Act
        await RunVerbAsync("ingest", await WritePageAsync(0));
        var whilePaused = await CountAfterAsync(TimeSpan.FromMinutes(5));
        var (resumeExit, _, _) = await RunVerbAsync("channel", "resume", "outbox");
        var published = await AdvanceUntilAsync(() => ReadOutbox().Count == 1, TimeSpan.FromMilliseconds(500), 40);

        // Assert
        Assert.Equal(0, pauseExit);
        Assert.Equal(0, resumeExit);
        Assert.Equal(0, whilePaused);
        Assert.True(published);
        Assert.Equal(1, await CountAfterAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task QueueList_Json_ShowsUpcomingPostsWithChannelAndCasablancaLocalTimes()
    {
        // Arrange: the first page is due now and goes out; the second waits MinSpacing behind it.
        await IngestAndPublishFirstAsync();
        await RunVerbAsync("ingest", await WritePageAsync(1));

        // Act
        var (exit, stdout, _) = await RunVerbAsync("queue", "list", "--json");

        // Assert
        Assert.Equal(0, exit);
        var post = Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("posts").EnumerateArray());
        Assert.Equal("outbox", post.GetProperty("channel").GetString());
        Assert.Equal("Queued", post.GetProperty("state").GetString());
        Assert.Equal(Headline(1), post.GetProperty("title").GetString());
        Assert.Equal("Africa/Casablanca", post.GetProperty("timeZone").GetString());
        var due = post.GetProperty("dueAt").GetDateTimeOffset();
        Assert.InRange(due, Start + Spacing, Start + Spacing + TimeSpan.FromSeconds(30));
        var local = post.GetProperty("dueLocal").GetString()!;
        Assert.EndsWith("+01:00", local, StringComparison.Ordinal);
        Assert.Equal(due, DateTimeOffset.Parse(local, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task QueueList_Table_ShowsTheLocalDueTimeAndTitle()
    {
        // Arrange
        await IngestAndPublishFirstAsync();
        await RunVerbAsync("ingest", await WritePageAsync(1));
        var due = (await ListAsync()).Single().GetProperty("dueAt").GetDateTimeOffset();

        // Act
        var (exit, stdout, _) = await RunVerbAsync("queue", "list");

        // Assert
        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("DUE (Africa/Casablanca)", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines[1..]);
        Assert.Contains("outbox", row, StringComparison.Ordinal);
        Assert.Contains("Queued", row, StringComparison.Ordinal);
        Assert.Contains(due.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd HH:mm:ss +01:00", CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        Assert.Contains(Headline(1)[..40], row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueReschedule_LaterLocalTime_RunningServicePublishesAtTheNewTime()
    {
        // Arrange: the second post is due 10 minutes after the first.
        await IngestAndPublishFirstAsync();
        await RunVerbAsync("ingest", await WritePageAsync(1));
        var id = (await ListAsync()).Single().GetProperty("id").GetInt64();
        var newTime = Start + TimeSpan.FromMinutes(30);

        // Act: a local time without offset is read in the display zone (Casablanca, UTC+01:00).
        var local = newTime.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var (exit, stdout, _) = await RunVerbAsync("queue", "reschedule", id.ToString(CultureInfo.InvariantCulture), local);
        var countAtOldTime = await CountAfterAsync(newTime - TimeSpan.FromMinutes(1) - _time.GetUtcNow());
        var published = await AdvanceUntilAsync(() => ReadOutbox().Count == 2, TimeSpan.FromSeconds(5), 60);

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("Queued", stdout, StringComparison.Ordinal);
        Assert.Contains(local.Replace('T', ' '), stdout, StringComparison.Ordinal);
        Assert.Equal(1, countAtOldTime);
        Assert.True(published);
        Assert.InRange(ReadOutbox()[1].GetProperty("publishedAt").GetDateTimeOffset(), newTime, newTime + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task QueueCancel_QueuedPost_RunningServiceNeverPublishesIt()
    {
        // Arrange
        await IngestAndPublishFirstAsync();
        await RunVerbAsync("ingest", await WritePageAsync(1));
        var id = (await ListAsync()).Single().GetProperty("id").GetInt64();

        // Act
        var (exit, stdout, _) = await RunVerbAsync("queue", "cancel", id.ToString(CultureInfo.InvariantCulture));
        var count = await CountAfterAsync(Spacing + TimeSpan.FromMinutes(5));
        var (_, history, _) = await RunVerbAsync("history", "--json");

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("Cancelled", stdout, StringComparison.Ordinal);
        Assert.Equal(1, count);
        var states = JsonDocument.Parse(history).RootElement.GetProperty("posts").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetInt64(), p => p.GetProperty("state").GetString());
        Assert.Equal("Cancelled", states[id]);
        Assert.Empty((await ListAsync()));
    }

    [Fact]
    public async Task QueueRetry_CancelledPost_RunningServicePublishesItNow()
    {
        // Arrange
        await IngestAndPublishFirstAsync();
        await RunVerbAsync("ingest", await WritePageAsync(1));
        var id = (await ListAsync()).Single().GetProperty("id").GetInt64();
        await RunVerbAsync("queue", "cancel", id.ToString(CultureInfo.InvariantCulture));
        await CountAfterAsync(Spacing + TimeSpan.FromMinutes(1));
        var retriedAt = _time.GetUtcNow();

        // Act
        var (exit, _, _) = await RunVerbAsync("queue", "retry", id.ToString(CultureInfo.InvariantCulture));
        var published = await AdvanceUntilAsync(() => ReadOutbox().Count == 2, TimeSpan.FromMilliseconds(500), 40);

        // Assert
        Assert.Equal(0, exit);
        Assert.True(published);
        Assert.Equal(Headline(1), ReadOutbox()[1].GetProperty("title").GetString());
        Assert.InRange(ReadOutbox()[1].GetProperty("publishedAt").GetDateTimeOffset(), retriedAt, retriedAt + TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task QueueRetry_PublishedPost_RefusesAndExplainsTheState()
    {
        // Arrange
        await IngestAndPublishFirstAsync();
        var (_, history, _) = await RunVerbAsync("history", "--json");
        var id = JsonDocument.Parse(history).RootElement.GetProperty("posts")[0].GetProperty("id").GetInt64();

        // Act
        var (exit, _, stderr) = await RunVerbAsync("queue", "retry", id.ToString(CultureInfo.InvariantCulture));

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains($"post {id} is Published", stderr, StringComparison.Ordinal);
        Assert.Single(ReadOutbox());
    }

    [Fact]
    public async Task History_AfterPublishing_ListsThePostWithItsRemoteUrl()
    {
        // Arrange
        await IngestAndPublishFirstAsync();

        // Act
        var (jsonExit, json, _) = await RunVerbAsync("history", "--json");
        var (tableExit, table, _) = await RunVerbAsync("history");

        // Assert
        Assert.Equal(0, jsonExit);
        Assert.Equal(0, tableExit);
        var post = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("posts").EnumerateArray());
        Assert.Equal("Published", post.GetProperty("state").GetString());
        var remoteUrl = new Uri(post.GetProperty("remoteUrl").GetString()!);
        Assert.Equal(_folder.Combine("data", "outbox.jsonl"), remoteUrl.LocalPath);
        Assert.InRange(post.GetProperty("publishedAt").GetDateTimeOffset(), Start, Start + TimeSpan.FromSeconds(20));
        Assert.Contains("Published", table, StringComparison.Ordinal);
        Assert.Contains(remoteUrl.ToString(), table, StringComparison.Ordinal);
    }

    private async Task IngestAndPublishFirstAsync()
    {
        var (exit, _, stderr) = await RunVerbAsync("ingest", await WritePageAsync(0));
        Assert.True(exit == 0, stderr);
        Assert.True(await AdvanceUntilAsync(() => ReadOutbox().Count == 1, TimeSpan.FromMilliseconds(500), 40), "the first page was not published");

        // The outbox line is written before the ledger records the outcome: wait (30 s of real time at most, so that
        // a loaded machine only makes the test slower) until the post has left the upcoming list.
        for (var i = 0; i < 600 && (await ListAsync()).Count > 0; i++)
        {
            await Task.Delay(50);
        }
    }

    private HostApplicationBuilder CreateBuilder() =>
        TestHost.CreateBuilder(_folder, new Dictionary<string, string?>
        {
            ["Sources:SeedsPath"] = "seeds",
            ["Channels:Outbox:Enabled"] = "true",
            ["Channels:Outbox:Path"] = "data/outbox.jsonl",
            ["Schedule:MinSpacing"] = "00:10:00",
            ["Dispatch:MaxIdle"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        }, _time);

    // The verb as the operator runs it: its own host on the same content root, built from the command line.
    private async Task<(int Exit, string Stdout, string Stderr)> RunVerbAsync(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SyndicationBotCommandLine.InvokeAsync(args, _ => CreateBuilder(), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<List<JsonElement>> ListAsync()
    {
        var (_, stdout, _) = await RunVerbAsync("queue", "list", "--json");
        return [.. JsonDocument.Parse(stdout).RootElement.GetProperty("posts").EnumerateArray()];
    }

    private async Task<string> WritePageAsync(int index)
    {
        var path = _folder.Combine($"page-{index}.txt");
        await File.WriteAllTextAsync(path, Pages[index]);
        return path;
    }

    private static string Headline(int index) => Pages[index].Split('\n')[2].Trim();

    private static readonly string[] Pages =
    [
        """
        Home
        World
        Storm closes the port of Tangier for a second day
        The port of Tangier Med stayed closed on Tuesday as gale-force winds and waves of up to seven metres hit the Strait of Gibraltar, the port authority said.
        Ferry crossings to Algeciras and Tarifa were suspended, leaving hundreds of lorries waiting at the terminals, and the authority said it would review the forecast on Wednesday morning.
        """,
        """
        Home
        Business
        Rabat tramway extension opens to passengers in the new districts
        The second line of the Rabat-Salé tramway carried its first passengers on Monday after three years of works, linking the new districts of the capital to the old city centre.
        The operator said trains would run every eight minutes at peak hours and that tickets bought for the first line remain valid on the extension.
        """,
    ];

    private List<JsonElement> ReadOutbox()
    {
        var path = _folder.Combine("data", "outbox.jsonl");
        return File.Exists(path)
            ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())]
            : [];
    }

    // Moves fake time forward by a second at a time over the span, giving the service's real threads a moment each step.
    private async Task<int> CountAfterAsync(TimeSpan span)
    {
        var end = _time.GetUtcNow() + span;
        var step = span > TimeSpan.FromMinutes(2) ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(1);
        while (_time.GetUtcNow() < end)
        {
            _time.Advance(step);
            await Task.Delay(5);
        }

        await Task.Delay(100);
        return ReadOutbox().Count;
    }

    private async Task<bool> AdvanceUntilAsync(Func<bool> condition, TimeSpan step, int steps)
    {
        for (var i = 0; i < steps * 10; i++)
        {
            if (condition())
            {
                return true;
            }

            if (i % 10 == 9)
            {
                _time.Advance(step);
            }

            await Task.Delay(10);
        }

        return condition();
    }
}
