using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Hosting.Commands;

/// <summary>The command line as the operator types it: help, version and usage errors never build a host.</summary>
public sealed class SyndicationBotCommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<string[]> _hostsBuilt = [];

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("run --help")]
    [InlineData("queue --help")]
    [InlineData("queue reschedule -h")]
    [InlineData("channel pause --help")]
    [InlineData("help")]
    public async Task InvokeAsync_Help_PrintsUsageAndStartsNothing(string line)
    {
        // Act
        var (exit, stdout, _) = await RunAsync(line.Split(' '));

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Empty(_hostsBuilt);
    }

    [Fact]
    public async Task InvokeAsync_QueueHelp_ListsItsActions()
    {
        // Act
        var (_, stdout, _) = await RunAsync("queue", "--help");

        // Assert
        Assert.Contains("cancel", stdout, StringComparison.Ordinal);
        Assert.Contains("reschedule", stdout, StringComparison.Ordinal);
        Assert.Contains("--limit", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_Version_PrintsTheVersionAndStartsNothing()
    {
        // Act
        var (exit, stdout, _) = await RunAsync("--version");

        // Assert
        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout);
        Assert.Empty(_hostsBuilt);
    }

    [Theory]
    [InlineData("run --dry-run", "--dry-run")]
    [InlineData("frobnicate", "frobnicate")]
    [InlineData("queue frobnicate", "frobnicate")]
    [InlineData("status --jsno", "--jsno")]
    [InlineData("queue cancel twelve", "twelve")]
    [InlineData("queue reschedule 12", "reschedule")]
    [InlineData("ingest", "ingest")]
    [InlineData("history --limit 0", "--limit")]
    [InlineData("channel pause", "--all")]
    public async Task InvokeAsync_UsageError_ExitsTwoNamingTheProblemAndStartsNothing(string line, string named)
    {
        // Act
        var (exit, stdout, stderr) = await RunAsync(line.Split(' '));

        // Assert
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Contains("--help", stderr, StringComparison.Ordinal);
        Assert.Empty(_hostsBuilt);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("queue list --json")]
    [InlineData("inputs")]
    [InlineData("history")]
    public async Task InvokeAsync_SettingsAfterAnyVerb_ReachTheHostBuilder(string line)
    {
        // Act
        var (exit, _, stderr) = await RunAsync([.. line.Split(' '), "--Schedule:MinSpacing=00:00:30", "--Sources:MaxFileBytes", "100"]);

        // Assert
        Assert.True(exit is 0 or 3, stderr);
        var settings = Assert.Single(_hostsBuilt);
        Assert.Equal(["--Schedule:MinSpacing=00:00:30", "--Sources:MaxFileBytes", "100"], settings);
    }

    [Fact]
    public async Task InvokeAsync_InvalidSettingOnAVerb_ExitsTwoNamingTheKey()
    {
        // Act
        var (exit, _, stderr) = await RunAsync("status", "--Health:HeartbeatInterval=soon");

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Health:HeartbeatInterval", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSyndicationBot_ConsoleLogs_GoToStandardErrorSoStandardOutputStaysOneDocument()
    {
        // Arrange
        using var host = TestHost.CreateBuilder(_folder, new Dictionary<string, string?>()).Build();

        // Act
        var options = host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value;

        // Assert
        Assert.Equal(LogLevel.Trace, options.LogToStandardErrorThreshold);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SyndicationBotCommandLine.InvokeAsync(args, CreateBuilder, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private HostApplicationBuilder CreateBuilder(string[] settings)
    {
        _hostsBuilt.Add(settings);
        return TestHost.CreateBuilder(_folder, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }, args: settings);
    }
}
