using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>The operator's own verbs read files the same safe way as the service: a pipe never stalls them.</summary>
public sealed class CommandLineSpecialFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Preview_FolderWithANamedPipe_PreviewsThePageAndRejectsThePipe()
    {
        // Arrange
        var seeds = Directory.CreateDirectory(_folder.Combine("seeds")).FullName;
        Mkfifo(Path.Combine(seeds, "001_pipe.txt"));
        await File.WriteAllTextAsync(Path.Combine(seeds, "002_page.txt"), HostileHost.Article("Tangier opens a new ferry terminal"));

        // Act
        var (exit, json) = await RunAsync("preview", seeds, "--json").WaitAsync(TimeSpan.FromSeconds(60));

        // Assert
        using var document = JsonDocument.Parse(json);
        Assert.Equal(1, exit);
        Assert.Equal("Tangier opens a new ferry terminal", Assert.Single(document.RootElement.GetProperty("articles").EnumerateArray()).GetProperty("title").GetString());
        var reason = Assert.Single(document.RootElement.GetProperty("rejected").EnumerateArray()).GetProperty("reason").GetString();
        Assert.Contains("001_pipe.txt: is not a regular file", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_NamedPipe_ReportsItRejectedAndExitsOne()
    {
        // Arrange
        var pipe = _folder.Combine("pipe.txt");
        Mkfifo(pipe);

        // Act
        var (exit, json) = await RunAsync("ingest", pipe, "--json").WaitAsync(TimeSpan.FromSeconds(60));

        // Assert
        using var document = JsonDocument.Parse(json);
        Assert.Equal(1, exit);
        var input = Assert.Single(document.RootElement.GetProperty("inputs").EnumerateArray());
        Assert.Equal("rejected", input.GetProperty("outcome").GetString());
        Assert.Contains("not a regular file", input.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SyndicationBotCommandLine.InvokeAsync(args, settings => TestHost.CreateBuilder(_folder, new Dictionary<string, string?>(), args: settings), output, error);
        return (exit, output.ToString());
    }

    private static void Mkfifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path])) ?? throw new InvalidOperationException("mkfifo could not be started; install coreutils");
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
