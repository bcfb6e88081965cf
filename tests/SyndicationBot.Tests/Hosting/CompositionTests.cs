using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SyndicationBot.Channels;
using SyndicationBot.Hosting.Commands;
using SyndicationBot.Posts;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Hosting;

/// <summary>The real graph, built as Program.cs builds it, in the Development environment (DI validation on).</summary>
public sealed class CompositionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public void Build_Development_ValidatesEveryRegistration()
    {
        // Arrange
        var builder = CreateBuilder([]);

        // Act
        using var host = builder.Build();

        // Assert
        var channels = host.Services.GetServices<IChannel>().Select(c => c.Name).Order().ToList();
        var composers = host.Services.GetServices<IPostComposer>().Select(c => c.Channel).Order().ToList();
        Assert.Contains("outbox", channels);
        Assert.Equal(["bluesky", "facebook", "mastodon", "outbox", "telegram", "webhook", "x"], composers);
        Assert.All(channels, name => Assert.Contains(name, composers));
        Assert.Equal(["outbox"], host.Services.GetServices<IChannel>().Where(c => c.Enabled).Select(c => c.Name));
    }

    [Fact]
    public async Task Run_InvalidSetting_StopsWithAMessageNamingTheKey()
    {
        // Arrange
        var builder = CreateBuilder(["--Storage:ConnectionString="]);
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Act
        var exit = await SyndicationBotCommandLine.InvokeAsync(["run"], _ => builder, output, error);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Storage:ConnectionString", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Dispatch:BatchSize=0", "Dispatch:BatchSize")]
    [InlineData("--Dispatch:MaxServerWait=00:00:10", "Dispatch:MaxServerWait")]
    [InlineData("--Dispatch:MaxServerWait=3650.00:00:00", "Dispatch:MaxServerWait")]
    [InlineData("--Sources:Watch:SettleTime=00:00:00", "Sources:Watch:SettleTime")]
    [InlineData("--Sources:Updates:MaxPerArticle=0", "Sources:Updates:MaxPerArticle")]
    [InlineData("--Sources:Updates:MinInterval=-00:01:00", "Sources:Updates:MinInterval")]
    public async Task Run_OutOfRangeSetting_StopsWithTheFullKeyAndTheValueFound(string setting, string key)
    {
        // Arrange
        var builder = CreateBuilder([setting]);
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Act
        var exit = await SyndicationBotCommandLine.InvokeAsync(["run"], _ => builder, output, error);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains($"  - {key}: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"(found '{setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]}')", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnconvertibleValue_StopsWithAMessageNamingTheKey()
    {
        // Arrange
        var builder = CreateBuilder(["--Dispatch:MaxIdle=soon"]);
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Act
        var exit = await SyndicationBotCommandLine.InvokeAsync(["run"], _ => builder, output, error);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Dispatch:MaxIdle", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingSeedsFolder_StopsWithAMessageNamingTheKey()
    {
        // Arrange
        var builder = CreateBuilder(["--Sources:SeedsPath=no-such-folder"]);
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Act
        var exit = await SyndicationBotCommandLine.InvokeAsync(["run"], _ => builder, output, error);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("Sources:SeedsPath 'no-such-folder' does not exist", error.ToString(), StringComparison.Ordinal);
    }

    private HostApplicationBuilder CreateBuilder(string[] args) =>
        TestHost.CreateBuilder(_folder, new Dictionary<string, string?>(), args: args);
}
