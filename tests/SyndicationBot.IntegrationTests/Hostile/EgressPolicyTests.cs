using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SyndicationBot.Articles.Egress;
using SyndicationBot.Tests.Articles.Feeds;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>The address rules of the egress policy, and its check on the connection actually made.</summary>
public sealed class EgressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("0x7f000001", "loopback")]
    [InlineData("2130706433", "loopback")]
    [InlineData("017700000001", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.100.100.200", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "this network")]
    [InlineData("0.1.2.3", "this network")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd00:ec2::254", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fe80::1%2", "link-local")]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped loopback")]
    [InlineData("::ffff:169.254.169.254", "IPv4-mapped link-local")]
    [InlineData("::ffff:10.0.0.1", "IPv4-mapped private")]
    [InlineData("64:ff9b::a9fe:a9fe", "IPv4-embedding link-local")]
    [InlineData("2002:7f00:1::", "6to4 loopback")]
    public void Classify_NonPublicAddress_IsRefusedWithItsKind(string address, string kind)
    {
        // Act
        var refusal = EgressPolicy.Classify(IPAddress.Parse(address));

        // Assert
        Assert.NotNull(refusal);
        Assert.Contains(kind, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.215.14")]
    public void Classify_PublicAddress_IsAllowed(string address)
    {
        // Act
        var refusal = EgressPolicy.Classify(IPAddress.Parse(address));

        // Assert
        Assert.Null(refusal);
    }

    [Fact]
    public async Task CreateHandler_RequestToLoopback_NoConnectionReachesTheServer()
    {
        // Arrange
        await using var server = await LocalFeedServer.StartAsync(app => app.MapGet("/secret", () => "secret"));
        using var http = new HttpClient(new EgressPolicy(allowPrivateAddresses: false).CreateHandler());

        // Act
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://localhost:{server.BaseUri.Port}/secret")));

        // Assert
        Assert.Empty(server.Requests);
        var refused = Assert.IsType<EgressRefusedException>(failure.InnerException);
        Assert.Contains("localhost resolves to", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Sources:AllowPrivateAddresses", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateHandler_RedirectToAnotherRefusedHost_TheSecondHopIsRefused()
    {
        // Arrange: a trusted hop (allowed on purpose) redirects to a host on this machine that is not: the
        // redirect opens a new connection, and the policy judges it. The first hop is trusted through its own
        // handler, so the test needs no public server.
        await using var target = await LocalFeedServer.StartAsync(app => app.MapGet("/secret", () => "secret"));
        await using var redirector = await LocalFeedServer.StartAsync(app => app.MapGet("/go", (HttpContext context) =>
            Results.Redirect($"http://localhost:{target.BaseUri.Port}/secret")));
        var policy = new EgressPolicy(allowPrivateAddresses: false);
        using var handler = policy.CreateHandler();
        handler.ConnectCallback = (context, cancellationToken) => context.DnsEndPoint.Port == redirector.BaseUri.Port
            ? new EgressPolicy(allowPrivateAddresses: true).ConnectAsync(context, cancellationToken)
            : policy.ConnectAsync(context, cancellationToken);
        using var http = new HttpClient(handler, disposeHandler: false);

        // Act
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(redirector.Url("go")));

        // Assert
        Assert.Equal(1, redirector.CountRequests("/go"));
        Assert.Empty(target.Requests);
        Assert.IsType<EgressRefusedException>(failure.InnerException);
    }
}
