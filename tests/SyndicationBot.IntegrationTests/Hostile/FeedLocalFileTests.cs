using System.Diagnostics;
using SyndicationBot.Articles;
using SyndicationBot.Hosting;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>A feed configured as a local file that is a named pipe must fail its poll with a reason, not hang the poller.</summary>
public sealed class FeedLocalFileTests
{
    [Fact]
    public async Task PollDueAsync_LocalFeedIsANamedPipe_PollFailsWithTheReasonAndReturns()
    {
        // Arrange
        using var pipes = new SyndicationBot.Tests.Support.TempFolder();
        var pipe = pipes.Combine("feed.xml");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [pipe])))
        {
            mkfifo!.WaitForExit();
        }

        using var host = HostileHost.Create(new Dictionary<string, string?>
        {
            ["Sources:Feeds:0:Name"] = "pipe",
            ["Sources:Feeds:0:Url"] = pipe,
        });
        var poller = host.Get<FeedPollingService>();

        // Act
        await poller.PollDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        // Assert
        var failure = Assert.Single(host.Warnings("Feed pipe failed"));
        Assert.Contains("not a regular file", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_FileLongerThanTheLimit_StopsReadingAtTheLimitAndSaysSo()
    {
        // Arrange
        using var folder = new SyndicationBot.Tests.Support.TempFolder();
        var path = folder.Combine("big.txt");
        await File.WriteAllBytesAsync(path, new byte[300_000]);

        // Act
        var (bytes, failure, oversized) = await SafeFileReader.ReadAsync(path, 100_000, CancellationToken.None);

        // Assert
        Assert.Null(bytes);
        Assert.True(oversized);
        Assert.Equal("is over Sources:MaxFileBytes (100000 bytes); raise the limit or remove the file", failure);
    }
}
