using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SyndicationBot.Channels;
using SyndicationBot.Hosting.Http;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Hosting.Http;

public sealed class StatusPageTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly TempLedger _ledger = new();

    public void Dispose() => _ledger.Dispose();

    [Fact]
    public async Task RenderAsync_HostileTitleAndReason_AreEscapedAndNoScriptIsEmitted()
    {
        // Arrange
        await _ledger.Queue.InitializeAsync(CancellationToken.None);
        await _ledger.Queue.EnqueueAsync(TestArticles.Create("<script>alert(1)</script> & \"quotes\""), [new(TestArticles.Draft("x"), Now.AddHours(1))], Now, CancellationToken.None);
        await _ledger.Queue.RecordIngestAsync(new IngestRecord("f1", "seeds/<img src=x onerror=alert(2)>.txt", IngestOutcome.Rejected, "empty <b>file</b>", Now), CancellationToken.None);

        // Act
        var html = await CreateTarget(adminToken: null).RenderAsync(CancellationToken.None);

        // Assert
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;", html, StringComparison.Ordinal);
        Assert.Contains("empty &lt;b&gt;file&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_WithoutAdminToken_ShowsNoButtons()
    {
        // Arrange
        await _ledger.Queue.InitializeAsync(CancellationToken.None);
        await _ledger.Queue.EnqueueAsync(TestArticles.Create("Story"), [new(TestArticles.Draft("x"), Now.AddHours(1))], Now, CancellationToken.None);

        // Act
        var html = await CreateTarget(adminToken: null).RenderAsync(CancellationToken.None);

        // Assert
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<button", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_WithAdminToken_OffersActionsWithoutEverShowingTheToken()
    {
        // Arrange
        await _ledger.Queue.InitializeAsync(CancellationToken.None);
        await _ledger.Queue.EnqueueAsync(TestArticles.Create("Story"), [new(TestArticles.Draft("x"), Now.AddHours(1))], Now, CancellationToken.None);

        // Act
        var html = await CreateTarget(adminToken: "very-secret-token").RenderAsync(CancellationToken.None);

        // Assert
        Assert.Contains("action=\"/admin/channels/x/pause\"", html, StringComparison.Ordinal);
        Assert.Contains("/retry\"", html, StringComparison.Ordinal);
        Assert.Contains("/cancel\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-token", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_HeldPost_ListedForApprovalWithApproveAndCancelNotAsDue()
    {
        // Arrange
        await _ledger.Queue.InitializeAsync(CancellationToken.None);
        await _ledger.Queue.EnqueueAsync(TestArticles.Create("Held story"), [new(TestArticles.Draft("x-fr"), Now, Held: true)], Now, CancellationToken.None);
        var id = Assert.Single(await _ledger.Queue.ListAsync([PostState.Held], 10, newestFirst: false, CancellationToken.None)).Id;

        // Act
        var html = await CreateTarget(adminToken: "token-123456").RenderAsync(CancellationToken.None);

        // Assert
        var held = html[html.IndexOf("<table id=\"held\"", StringComparison.Ordinal)..html.IndexOf("<table id=\"queue\"", StringComparison.Ordinal)];
        Assert.Contains("Held story", held, StringComparison.Ordinal);
        Assert.Contains($"action=\"/admin/posts/{id}/approve\"", held, StringComparison.Ordinal);
        Assert.Contains($"action=\"/admin/posts/{id}/cancel\"", held, StringComparison.Ordinal);
        Assert.DoesNotContain("Held story", html[html.IndexOf("<table id=\"queue\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    private StatusPage CreateTarget(string? adminToken)
    {
        var channel = new Mock<IChannel>();
        channel.SetupGet(c => c.Name).Returns("x");
        channel.SetupGet(c => c.Enabled).Returns(true);
        var operations = _ledger.Operations();
        return new StatusPage(_ledger.Queue, [channel.Object], operations, operations, Options.Create(new HttpOptions { AdminToken = adminToken }), new FakeTimeProvider(Now));
    }
}
