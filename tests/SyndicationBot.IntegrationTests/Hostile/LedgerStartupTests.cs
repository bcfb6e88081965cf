using System.Globalization;
using Microsoft.Data.Sqlite;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// An unusable or damaged ledger stops start-up (and every verb) with exit 2 and a message naming
/// <c>Storage:ConnectionString</c> and what to do, before the host starts; the password is never shown.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LedgerStartupTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_LedgerPathIsAFolder_StopsStartupNamingTheKeyWithThePasswordMasked()
    {
        // Arrange
        var folder = Directory.CreateDirectory(_folder.Combine("data", "ledger.db")).FullName;

        // Act
        var (exit, error) = await RunAsync("run", $"Data Source={folder};Password=hunter2-not-shown");

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Storage:ConnectionString", error, StringComparison.Ordinal);
        Assert.Contains("is a folder", error, StringComparison.Ordinal);
        Assert.Contains("Password=***", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DataFolderCannotBeCreated_StopsStartupNamingTheKey()
    {
        // Arrange: the data "folder" is a file, so nothing can be created under it.
        await File.WriteAllTextAsync(_folder.Combine("blocker"), "not a folder");

        // Act
        var (exit, error) = await RunAsync("run", "Data Source=blocker/ledger.db");

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Storage:ConnectionString", error, StringComparison.Ordinal);
        Assert.Contains("cannot be created", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LedgerOnAReadOnlyFileSystem_StopsStartupNamingTheKey()
    {
        // Arrange: root may write any file, so read-only means a read-only mount (tmpfs, remounted read-only).
        using var mount = TmpfsMount.TryCreate(_folder.Combine("ro"), "1m");
        var ledger = Path.Combine(mount?.Path ?? _folder.Combine("ro"), "ledger.db");
        Directory.CreateDirectory(Path.GetDirectoryName(ledger)!);
        var created = new TempLedgerAt(ledger);
        await created.CreateAsync();
        if (mount is null)
        {
            File.SetUnixFileMode(ledger, UnixFileMode.UserRead);
        }
        else
        {
            mount.RemountReadOnly();
        }

        // Act
        var (exit, error) = await RunAsync("status", $"Data Source={ledger}");

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Storage:ConnectionString", error, StringComparison.Ordinal);
        Assert.Contains("cannot be opened for writing", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", 0)]
    [InlineData("status", 0)]
    [InlineData("history", 4096)]
    [InlineData("queue", 8192)]
    public async Task Verb_RandomBytesWrittenIntoTheLedger_RefusesWithHowToRecover(string verb, int offset)
    {
        // Arrange: a ledger with posts, closed, then random bytes written over its header or one of its pages.
        var ledger = _folder.Combine("data", "ledger.db");
        await new TempLedgerAt(ledger).CreateAsync(posts: 200);
        var garbage = new byte[4096];
        new Random(offset + 7).NextBytes(garbage);
        await using (var file = new FileStream(ledger, FileMode.Open, FileAccess.Write))
        {
            file.Seek(offset, SeekOrigin.Begin);
            await file.WriteAsync(garbage);
        }

        // Act
        var (exit, error) = verb == "queue"
            ? await RunAsync(["queue", "list", "--json"], $"Data Source={ledger}")
            : await RunAsync(verb, $"Data Source={ledger}");

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Storage:ConnectionString", error, StringComparison.Ordinal);
        Assert.Contains("is damaged", error, StringComparison.Ordinal);
        Assert.Contains(".recover", error, StringComparison.Ordinal);
        Assert.Contains("restore it from a backup", error, StringComparison.Ordinal);
        Assert.Contains("posted again", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NewLedger_IsCreatedOwnerOnly()
    {
        // Arrange
        var ledger = _folder.Combine("data", "fresh.db");

        // Act
        await new TempLedgerAt(ledger).CreateAsync();

        // Assert
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ledger));
    }

    private Task<(int Exit, string Error)> RunAsync(string verb, string connectionString) => RunAsync([verb], connectionString);

    private async Task<(int Exit, string Error)> RunAsync(string[] args, string connectionString)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SyndicationBotCommandLine.InvokeAsync(args, settings => TestHost.CreateBuilder(_folder, new Dictionary<string, string?> { ["Storage:ConnectionString"] = connectionString }, args: settings), output, error);
        return (exit, error.ToString());
    }
}
