using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace SyndicationBot.Articles.Egress;

/// <summary>
/// Which addresses a fetch may connect to: public unicast addresses only, unless private ones are allowed.
/// Checked on the connection actually made (<see cref="ConnectAsync"/>, a <see cref="SocketsHttpHandler.ConnectCallback"/>),
/// after DNS resolution and for every redirect, so neither a name that resolves to this machine, nor one that
/// resolves differently the second time (DNS rebinding), nor a redirect, nor an odd spelling of an address
/// (<c>0x7f000001</c>, <c>2130706433</c>, <c>017700000001</c>) reaches a refused address.
/// </summary>
/// <remarks>
/// Hand-written because no well-kept .NET library does this on the connection itself; the address ranges use
/// the framework's <see cref="IPNetwork"/>.
/// </remarks>
internal sealed class EgressPolicy(bool allowPrivateAddresses)
{
    /// <summary>The setting that lifts the policy, named in every refusal.</summary>
    public const string SettingName = "Sources:AllowPrivateAddresses";

    private static readonly (IPNetwork Network, string Kind)[] RefusedV4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\" (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared carrier-grade NAT (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (cloud metadata lives here)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignment (192.0.0.0/24)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (RFC 1918)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (198.18.0.0/15)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved or broadcast (240.0.0.0/4)"),
    ];

    private static readonly (IPNetwork Network, string Kind)[] RefusedV6 =
    [
        (IPNetwork.Parse("::/128"), "unspecified (::)"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fc00::/7"), "unique local (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "site-local (fec0::/10)"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
        (IPNetwork.Parse("100::/64"), "discard-only (100::/64)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation (2001:db8::/32)"),
    ];

    // IPv6 forms that carry an IPv4 address a connection may end at: mapped, compatible, NAT64 and 6to4.
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Whether the policy is lifted (<see cref="SettingName"/>, or a trusted feed).</summary>
    public bool AllowsPrivateAddresses => allowPrivateAddresses;

    /// <summary>Why a connection to <paramref name="address"/> is refused, or null when it is a public address.</summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            foreach (var (network, kind) in RefusedV4)
            {
                if (network.Contains(address))
                {
                    return kind;
                }
            }

            return null;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded(address.MapToIPv4(), "IPv4-mapped");
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) || (Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback)))
        {
            return Embedded(new IPAddress(bytes.AsSpan(12, 4)), "IPv4-embedding");
        }

        if (SixToFour.Contains(address))
        {
            return Embedded(new IPAddress(bytes.AsSpan(2, 4)), "6to4");
        }

        var unscoped = new IPAddress(bytes);
        foreach (var (network, kind) in RefusedV6)
        {
            if (network.Contains(unscoped))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves the host, keeps only the addresses the policy allows and connects to the first that answers; refuses
    /// with <see cref="EgressRefusedException"/> when none is allowed. Used as the handler's ConnectCallback.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = new List<IPAddress>(addresses.Length);
        string? firstRefusal = null;
        foreach (var address in addresses)
        {
            if (!allowPrivateAddresses && Classify(address) is { } kind)
            {
                firstRefusal ??= $"{host} resolves to {address}, a {kind} address";
            }
            else
            {
                allowed.Add(address);
            }
        }

        if (allowed.Count == 0)
        {
            throw new EgressRefusedException(firstRefusal is null
                ? $"{host} resolves to no address"
                : $"refused: {firstRefusal}; only public addresses are fetched ({SettingName}, or Sources:Feeds:N:AllowPrivateAddresses for a feed of your own)");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>A handler whose every connection (redirects included) goes through <see cref="ConnectAsync"/>.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,

        // A proxy would be the address connected to, and the policy would judge the proxy instead of the page.
        UseProxy = false,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private static string? Embedded(IPAddress v4, string form) =>
        Classify(v4) is { } kind ? $"{form} {kind}" : null;
}
