using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// Two real SyndicationBot processes appending to one outbox file at the same time: every line whole, every post's
/// key in the file exactly once. Each process has its own ledger and the same seed pages, so each publishes every
/// post: only the key check done under the cross-process lock keeps the file free of doubles.
/// </summary>
public sealed class OutboxConcurrencyTests : IDisposable
{
    private const int Pages = 40;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_TwoProcessesOnOneOutbox_EveryPostWrittenOnceAndNoLineTorn()
    {
        // Arrange
        var outbox = _folder.Combine("shared", "outbox.jsonl");
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        for (var i = 0; i < Pages; i++)
        {
            var page = Path.Combine(seeds, $"page-{i:D3}.txt");
            await File.WriteAllTextAsync(page, LedgerFailureTests.Page(i));

            // Stamped well before the processes start, so the first scan takes every page at once.
            File.SetLastWriteTimeUtc(page, File.GetLastWriteTimeUtc(seeds).AddHours(-1));
        }

        using var timeout = new CancellationTokenSource(Deadline);

        // Act
        var first = Start("a", outbox, seeds);
        var second = Start("b", outbox, seeds);
        try
        {
            await WaitUntilAllPublishedAsync(["a", "b"], timeout.Token);
        }
        finally
        {
            Stop(first);
            Stop(second);
        }

        // Assert
        var lines = (await File.ReadAllLinesAsync(outbox)).Where(line => line.Length > 0).ToList();
        var keys = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("idempotencyKey").GetString()).ToList();
        Assert.Equal(Pages, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Pages, lines.Count);
    }

    // The service's own build output (bin/<configuration>/<framework> of src/SyndicationBot, built with this project):
    // the copy next to the tests lacks the hosting assemblies the test project takes from the ASP.NET framework.
    private static string Executable
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var repository = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(repository, "src", "SyndicationBot", "bin", testOutput.Parent.Name, testOutput.Name, "SyndicationBot.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/SyndicationBot first; expected {dll}.", dll);
        }
    }

    private Process Start(string name, string outbox, string seeds)
    {
        var root = Directory.CreateDirectory(_folder.Combine(name)).FullName;

        // The process takes its working folder as content root when it holds an appsettings.json.
        File.WriteAllText(Path.Combine(root, "appsettings.json"), "{}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Executable, "run",
            $"--Sources:SeedsPath={seeds}",
            $"--Storage:ConnectionString=Data Source={Path.Combine(root, "ledger.db")}",
            $"--Channels:Outbox:Path={outbox}",
            "--Schedule:MinSpacing=00:00:00",
            "--Logging:LogLevel:Default=Warning",

            // Two services on one machine cannot share the status page's port.
            "--Http:Enabled=false",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // Each process has published once its own ledger holds every post as published (state 2).
    private async Task WaitUntilAllPublishedAsync(string[] names, CancellationToken cancellationToken)
    {
        while (true)
        {
            var done = 0;
            foreach (var name in names)
            {
                var path = _folder.Combine(name, "ledger.db");
                if (!File.Exists(path))
                {
                    continue;
                }

                try
                {
                    await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
                    await connection.OpenAsync(cancellationToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT COUNT(*) FROM posts WHERE state = 2;";
                    done += Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == Pages ? 1 : 0;
                }
                catch (SqliteException)
                {
                    // Not migrated yet.
                }
            }

            if (done == names.Length)
            {
                return;
            }

            // Real processes on the real clock: there is no fake time to advance here.
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, cancellationToken);
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        process.Dispose();
    }
}
