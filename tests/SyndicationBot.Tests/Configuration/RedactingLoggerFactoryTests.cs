using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SyndicationBot.Configuration;
using Xunit;

namespace SyndicationBot.Tests.Configuration;

public sealed partial class RedactingLoggerFactoryTests
{
    private const string Token = "hook-token-0a1b2c3d4e5f6a7b8c9d";

    [Fact]
    public void Log_ExceptionQuotingAWebhookUrl_NoProviderSeesTheToken()
    {
        // Arrange: an HTTP library's exception quotes the webhook URL, inside another exception.
        using var services = Services(new SecretRedactor([$"https://hooks.example/services/{Token}"]));
        var logger = services.GetRequiredService<ILogger<RedactingLoggerFactoryTests>>();
        var inner = new HttpRequestException($"Connection refused (hooks.example:443) for https://hooks.example/services/{Token}");
        var thrown = new InvalidOperationException($"webhook send failed: {Uri.EscapeDataString(Token)}", inner);

        // Act
        DeliveryFailed(logger, thrown, $"https://hooks.example/services/{Token}", 3);

        // Assert: message, structured values and the exception's whole text are masked; the rest is kept.
        var record = services.GetFakeLogCollector().LatestRecord;
        Assert.Equal("Delivery to *** failed after 3 attempts", record.Message);
        Assert.Contains(record.StructuredState!, pair => pair.Key == "Url" && pair.Value == SecretRedactor.Mask);
        Assert.Contains(record.StructuredState!, pair => pair.Key == "Attempts" && pair.Value == "3");
        var text = record.Exception!.ToString();
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(Token), text, StringComparison.Ordinal);
        Assert.Contains("Connection refused (hooks.example:443)", text, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), text, StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException), Assert.IsType<RedactedException>(record.Exception).OriginalType);
    }

    [Fact]
    public void Log_TokenIssuedWhileRunning_IsMaskedOnceRemembered()
    {
        // Arrange: no configured secret matches a session token a server issues later.
        using var services = Services(new SecretRedactor(["configured-secret-value-1"]));
        var logger = services.GetRequiredService<ILogger<RedactingLoggerFactoryTests>>();
        var issued = "eyJhbGciOiJIUzI1NiJ9.session-" + Guid.NewGuid().ToString("N");

        // Act
        SecretRedactor.Remember(issued);
        RefreshAnswered(logger, $"{{\"accessJwt\":\"{issued}\"}}");

        // Assert
        Assert.Equal("refresh answered {\"accessJwt\":\"***\"}", services.GetFakeLogCollector().LatestRecord.Message);
    }

    [Fact]
    public void Log_NothingSecretInTheText_PassesUnchanged()
    {
        // Arrange
        using var services = Services(new SecretRedactor(["configured-secret-value-2"]));
        var logger = services.GetRequiredService<ILogger<RedactingLoggerFactoryTests>>();

        // Act
        Published(logger, 42, "mastodon");

        // Assert
        Assert.Equal("Published post 42 on mastodon", services.GetFakeLogCollector().LatestRecord.Message);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery to {Url} failed after {Attempts} attempts")]
    private static partial void DeliveryFailed(ILogger logger, Exception exception, string url, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "refresh answered {Body}")]
    private static partial void RefreshAnswered(ILogger logger, string body);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published post {PostId} on {Channel}")]
    private static partial void Published(ILogger logger, long postId, string channel);

    private static ServiceProvider Services(SecretRedactor redactor)
    {
        var services = new ServiceCollection();
        services.AddSingleton(redactor);
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        RedactingLoggerFactory.Register(services);
        return services.BuildServiceProvider();
    }
}
