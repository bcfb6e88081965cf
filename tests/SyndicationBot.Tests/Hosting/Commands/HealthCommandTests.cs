using SyndicationBot.Hosting.Commands;
using Xunit;

namespace SyndicationBot.Tests.Hosting.Commands;

public sealed class HealthCommandTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://0.0.0.0:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:5080", "http://[::1]:5080/")]
    [InlineData("https://0.0.0.0:5443; http://0.0.0.0:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://localhost:5080/status", "http://localhost:5080/")]
    public void LocalAddress_ListeningUrls_AskedWhereTheServiceAnswers(string urls, string expected)
    {
        // Act
        var address = HealthCommand.LocalAddress(urls);

        // Assert
        Assert.Equal(new Uri(expected), address);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("https://0.0.0.0:5443")]
    [InlineData("not a url")]
    public void LocalAddress_NothingToAsk_IsNull(string urls)
    {
        // Act
        var address = HealthCommand.LocalAddress(urls);

        // Assert
        Assert.Null(address);
    }
}
