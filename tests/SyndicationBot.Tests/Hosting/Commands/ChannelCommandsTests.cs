using System.Globalization;
using Microsoft.Data.Sqlite;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Hosting.Commands;

/// <summary><c>channel pause|resume</c> on accounts: the kill switch keys on the channel id.</summary>
public sealed class ChannelCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task RunAsync_PauseNamedAccount_PausesThatChannelOnlyAndStatusListsIt()
    {
        // Act
        var (exit, output, _) = await RunAsync("channel", "pause", "x-fr", "--Channels:x-fr:Network=x");
        var (_, status, _) = await RunAsync("status", "--json", "--Channels:x-fr:Network=x");

        // Assert
        Assert.Equal(0, exit);
        Assert.StartsWith("Paused x-fr.", output, StringComparison.Ordinal);
        Assert.Contains("\"x-fr\"", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PauseUnknownAccount_UsageErrorListingTheAccounts()
    {
        // Act
        var (exit, _, error) = await RunAsync("channel", "pause", "x-de", "--Channels:x-fr:Network=x");

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("there is no channel 'x-de'. Known channels: bluesky, facebook, mastodon, outbox, telegram, webhook, x, x-fr;", error, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SyndicationBotCommandLine.InvokeAsync(args, settings => TestHost.CreateBuilder(_folder, new Dictionary<string, string?>(), args: settings), output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
