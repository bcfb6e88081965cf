using System.Security.Cryptography;
using System.Text;

namespace SyndicationBot.Channels.Webhook;

/// <summary>
/// <c>X-SyndicationBot-Signature: sha256=&lt;lower-case hex HMAC-SHA256(secret, raw body)&gt;</c>, the GitHub
/// webhook convention, so receivers can reuse their verification code.
/// </summary>
internal static class WebhookSignature
{
    public const string HeaderName = "X-SyndicationBot-Signature";
    public const string DeliveryHeaderName = "X-SyndicationBot-Delivery";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
