using System.Diagnostics;
using System.Net.Sockets;
using SyndicationBot.Hosting;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// Things in the seeds folder that are not pages: a named pipe (opening it for reading waits for a writer that
/// never comes), a device (endless bytes), a socket. None of them may hold up or crash the scan.
/// </summary>
public sealed class SeedFolderSpecialFileTests
{
    // A scan of three small files takes milliseconds; a scan stuck on a pipe never ends. The bound only keeps a
    // regression from hanging the test run.
    private static readonly TimeSpan ScanBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ScanOnceAsync_NamedPipeBeforeAPage_PageIsQueuedAndThePipeIsReported()
    {
        // Arrange
        using var host = HostileHost.Create();
        Mkfifo(Path.Combine(host.Seeds, "001_pipe.txt"));
        host.WriteSeed("002_page.txt", HostileHost.Article("Tangier opens a new ferry terminal"));
        var scanner = host.Get<SeedFolderService>();

        // Act: a scan, and the rescans after the settle time.
        for (var scan = 0; scan < 3; scan++)
        {
            await scanner.ScanOnceAsync(CancellationToken.None).WaitAsync(ScanBound);
            host.Time.Advance(TimeSpan.FromSeconds(2));
        }

        // Assert: the page is queued, and the pipe is named once in the log with why it was not read.
        Assert.Equal(["Tangier opens a new ferry terminal"], await host.QueuedTitlesAsync());
        var warning = Assert.Single(host.Warnings("001_pipe.txt"));
        Assert.Contains("not a regular file", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanOnceAsync_NamedPipeAfterARestart_PageDroppedLaterIsStillQueued()
    {
        // Arrange: the pipe was there before the service (re)started.
        using var host = HostileHost.Create();
        Mkfifo(Path.Combine(host.Seeds, "000_pipe"));
        var scanner = host.Get<SeedFolderService>();
        await scanner.ScanOnceAsync(CancellationToken.None).WaitAsync(ScanBound);

        // Act: a page dropped in while running, settled, then scanned.
        var page = Path.Combine(host.Seeds, "late.txt");
        await File.WriteAllTextAsync(page, HostileHost.Article("Casablanca tram line 5 opens"));
        await scanner.ScanOnceAsync(CancellationToken.None).WaitAsync(ScanBound);
        host.Time.Advance(TimeSpan.FromSeconds(2));
        await scanner.ScanOnceAsync(CancellationToken.None).WaitAsync(ScanBound);

        // Assert
        Assert.Equal(["Casablanca tram line 5 opens"], await host.QueuedTitlesAsync());
    }

    [Fact]
    public async Task ScanOnceAsync_SymlinkToDevZeroAllowedOutside_IsNotReadAndThePageAfterItIsQueued()
    {
        // Arrange: even where links out of the folder are allowed, a device is never read (it never ends).
        using var host = HostileHost.Create(new Dictionary<string, string?> { ["Sources:FollowSymlinksOutside"] = "true" });
        File.CreateSymbolicLink(Path.Combine(host.Seeds, "001_zero.txt"), "/dev/zero");
        host.WriteSeed("002_page.txt", HostileHost.Article("Rabat hosts a water security conference"));
        var scanner = host.Get<SeedFolderService>();

        // Act
        var before = GC.GetTotalAllocatedBytes();
        await scanner.ScanOnceAsync(CancellationToken.None).WaitAsync(ScanBound);
        host.Time.Advance(TimeSpan.FromSeconds(2));
        await scanner.ScanOnceAsync(CancellationToken.None).WaitAsync(ScanBound);
        var allocated = GC.GetTotalAllocatedBytes() - before;

        // Assert
        Assert.Equal(["Rabat hosts a water security conference"], await host.QueuedTitlesAsync());
        Assert.Contains("not a regular file", Assert.Single(host.Warnings("001_zero.txt")), StringComparison.Ordinal);
        Assert.True(allocated < 200L * 1024 * 1024, $"the scan allocated {allocated} bytes: the device was read");
    }

    [Fact]
    public async Task ScanOnceAsync_UnixSocketInTheFolder_IsReportedAndThePageIsQueued()
    {
        // Arrange
        using var host = HostileHost.Create();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(host.Seeds, "001_socket")));
        host.WriteSeed("002_page.txt", HostileHost.Article("Marrakech airport adds a terminal"));
        var scanner = host.Get<SeedFolderService>();

        // Act
        await scanner.ScanOnceAsync(CancellationToken.None).WaitAsync(ScanBound);
        host.Time.Advance(TimeSpan.FromSeconds(2));
        await scanner.ScanOnceAsync(CancellationToken.None).WaitAsync(ScanBound);

        // Assert
        Assert.Equal(["Marrakech airport adds a terminal"], await host.QueuedTitlesAsync());
        Assert.Single(host.Warnings("001_socket"));
    }

    internal static void Mkfifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("mkfifo could not be started; install coreutils");
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
