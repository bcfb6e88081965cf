namespace SyndicationBot.Articles;

/// <summary>
/// The canonical form of an article link: absolute http(s), no fragment, no tracking parameters, so the
/// same story shared through different campaigns has one identity.
/// </summary>
internal static class UrlCanonicalizer
{
    private static readonly string[] TrackingPrefixes = ["utm_", "pk_", "mtm_", "_hs"];

    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "igsh",
        "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "ref_url", "cmpid", "xtor", "ito", "at_medium",
        "at_campaign", "ocid", "sr_share", "s_cid", "vero_id", "oly_enc_id", "oly_anon_id", "rb_clickid",
    };

    /// <summary>Parses and canonicalises <paramref name="value"/>, resolving it against <paramref name="baseUri"/> when relative.</summary>
    public static Uri? TryCanonicalize(string? value, Uri? baseUri = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim().Trim('<', '>', '"', '\'');
        Uri? uri;
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out uri) || uri.IsFile || uri.IsUnc)
        {
            if (baseUri is null || !Uri.TryCreate(baseUri, trimmed, out uri))
            {
                return null;
            }
        }

        if ((uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        return Canonicalize(uri);
    }

    /// <summary>Removes the fragment and tracking parameters from an absolute http(s) URI.</summary>
    public static Uri Canonicalize(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var builder = new UriBuilder(uri) { Fragment = "" };
        var query = uri.Query;
        if (query.Length > 1)
        {
            var kept = query[1..]
                .Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(pair => !IsTracking(pair.Split('=', 2)[0]));
            builder.Query = string.Join('&', kept);
        }

        if (builder.Uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri;
    }

    private static bool IsTracking(string name)
    {
        var decoded = Uri.UnescapeDataString(name);
        return TrackingNames.Contains(decoded)
            || TrackingPrefixes.Any(prefix => decoded.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
