using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SyndicationBot.Channels.X;

/// <summary>
/// OAuth 1.0a HMAC-SHA1 signing (RFC 5849 §3.4). Hand-written because no maintained OAuth 1.0a library is
/// served here and the algorithm is small; <c>oauth1_vectors.json</c> pins every step.
/// </summary>
internal static class OAuth1Signer
{
    public const string SignatureMethod = "HMAC-SHA1";
    public const string Version = "1.0";

    /// <summary>RFC 3986 §2.1 percent-encoding: <see cref="Uri.EscapeDataString(string)"/> leaves only the unreserved set and uses upper-case hex.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    /// <summary>Decodes a query string or form body the way RFC 5849 §3.4.1.3.1 collects it (<c>+</c> is a space).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseFormEncoded(string encoded)
    {
        List<KeyValuePair<string, string>> pairs = [];
        foreach (var part in encoded.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add(new(Decode(key), Decode(value)));
        }

        return pairs;

        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }

    /// <summary>The base string URI: scheme and host lower-case, default port dropped, no query or fragment.</summary>
    public static string NormalizeUrl(Uri url)
    {
        var scheme = url.Scheme.ToLowerInvariant();
        var host = url.Host.ToLowerInvariant();
        var port = url.IsDefaultPort ? string.Empty : ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        return $"{scheme}://{host}{port}{url.AbsolutePath}";
    }

    /// <summary>
    /// Builds the signature base string from raw (decoded) parameters: query parameters, form body parameters
    /// and the <c>oauth_*</c> protocol parameters. A JSON body contributes nothing.
    /// </summary>
    public static string BuildBaseString(string method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var normalized = parameters
            .Where(p => p.Key is not ("oauth_signature" or "realm"))
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value);
        var parameterString = string.Join('&', normalized);
        return method.ToUpperInvariant() + "&" + Encode(NormalizeUrl(url)) + "&" + Encode(parameterString);
    }

    /// <summary>base64(HMAC-SHA1(pct(consumer secret) &amp; pct(token secret), base string)).</summary>
    public static string Sign(string baseString, string consumerSecret, string tokenSecret)
    {
        var key = Encoding.ASCII.GetBytes(Encode(consumerSecret) + "&" + Encode(tokenSecret));
#pragma warning disable CA5350 // OAuth 1.0a as X implements it defines HMAC-SHA1 only; the protocol, not us, picks it.
        var hash = HMACSHA1.HashData(key, Encoding.ASCII.GetBytes(baseString));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// The <c>Authorization</c> header value (without the <c>OAuth</c> scheme) for a request whose query parameters
    /// are in <paramref name="url"/> and whose body is not form-encoded (X v2 sends JSON, which is never signed).
    /// </summary>
    public static string CreateHeaderParameter(string method, Uri url, OAuth1Credentials credentials, string nonce, long timestamp)
    {
        List<KeyValuePair<string, string>> oauth =
        [
            new("oauth_consumer_key", credentials.ConsumerKey),
            new("oauth_nonce", nonce),
            new("oauth_signature_method", SignatureMethod),
            new("oauth_timestamp", timestamp.ToString(CultureInfo.InvariantCulture)),
            new("oauth_token", credentials.AccessToken),
            new("oauth_version", Version),
        ];
        var query = url.Query.Length > 1 ? ParseFormEncoded(url.Query) : [];
        var baseString = BuildBaseString(method, url, [.. query, .. oauth]);
        oauth.Add(new("oauth_signature", Sign(baseString, credentials.ConsumerSecret, credentials.AccessTokenSecret)));
        return string.Join(", ", oauth
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{Encode(p.Key)}=\"{Encode(p.Value)}\""));
    }

    /// <summary>A fresh nonce: 32 random alphanumeric characters (hex), as X accepts any unique string.</summary>
    public static string CreateNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
