using System.Security.Cryptography;
using System.Text;

namespace SyndicationBot.Channels.Facebook;

// Graph API appsecret_proof: lowercase hex of HMAC-SHA256 keyed with the app secret over the access token.
internal static class FacebookAppSecretProof
{
    public static string Compute(string appSecret, string accessToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(accessToken)));
}
