using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace SyndicationBot.Configuration;

/// <summary>
/// Replaces every configured secret (tokens, passwords, keys, the webhook URL and its token-shaped path segments)
/// by <c>***</c> in a text about to be stored or logged, also in their URL-encoded and JSON-escaped forms: error
/// bodies of webhook hosts, proxies and 404 pages often echo the request, credentials included.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>The mask.</summary>
    public const string Mask = "***";

    // Shorter values are not masked: a four-letter "secret" would mask ordinary words in every message.
    private const int MinLength = 6;

    // Secrets of every redactor built in this process, for the static log helpers that have no container to ask.
    private static readonly ConcurrentDictionary<string, byte> ProcessSecrets = new(StringComparer.Ordinal);

    private static readonly string[] SecretKeys =
    [
        "AccessToken", "AccessTokenSecret", "AppPassword", "AppSecret", "BotToken", "ClientSecret", "ConsumerKey",
        "ConsumerSecret", "PageAccessToken", "Password", "RefreshToken", "Secret", "Token", "ApiKey",
    ];

    // Secrets that exist only while running (session JWTs, rotated OAuth tokens): configuration never names them,
    // so the code that receives one hands it to Remember. Rebuilt on each addition (rare: once per refresh).
    private static readonly object RuntimeGate = new();
    private static readonly HashSet<string> RuntimeSet = new(StringComparer.Ordinal);
    private static volatile string[] RuntimeForms = [];

    private readonly string[] forms;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        forms = Forms(secrets);
        foreach (var form in forms)
        {
            ProcessSecrets.TryAdd(form, 0);
        }
    }

    /// <summary>The secrets named by configuration: secret-named keys, their <c>…File</c> twins, the webhook URL, the ledger password.</summary>
    public static SecretRedactor FromConfiguration(IConfiguration configuration, string? secretsDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secrets = new List<string?>();

        // The webhook URL is the credential of every webhook account: Channels:Webhook and each Channels:<id> with Network webhook.
        var webhooks = configuration.GetSection("Channels").GetChildren()
            .Where(c => c.Key.Equals("Webhook", StringComparison.OrdinalIgnoreCase) || string.Equals(c["Network"]?.Trim(), "webhook", StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Path)
            .Append("Channels:Webhook")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool IsWebhookKey(string key, string name) =>
            key.EndsWith(":" + name, StringComparison.OrdinalIgnoreCase) && webhooks.Contains(key[..^(name.Length + 1)]);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var last = key[(key.LastIndexOf(':') + 1)..];
            if (SecretKeys.Contains(last, StringComparer.OrdinalIgnoreCase))
            {
                secrets.Add(value.Trim());
            }
            else if (last.EndsWith("File", StringComparison.OrdinalIgnoreCase)
                     && SecretKeys.Contains(last[..^4], StringComparer.OrdinalIgnoreCase) || IsWebhookKey(key, "UrlFile"))
            {
                secrets.Add(ReadSmallFile(value));
            }
            else if (IsWebhookKey(key, "Url"))
            {
                secrets.Add(value.Trim());
            }
            else if (key.Equals("Storage:ConnectionString", StringComparison.OrdinalIgnoreCase))
            {
                secrets.Add(PasswordOf(value));
            }
        }

        // Docker/Kubernetes secret files hold nothing but secrets.
        if (secretsDirectory is not null && Directory.Exists(secretsDirectory))
        {
            secrets.AddRange(Directory.EnumerateFiles(secretsDirectory).Select(ReadSmallFile));
        }

        return new SecretRedactor(secrets);
    }

    /// <summary>True when this redactor has nothing to mask: no configured secret and none remembered while running.</summary>
    public bool IsEmpty => forms.Length == 0 && RuntimeForms.Length == 0;

    /// <summary>
    /// Adds a secret that appeared while running (an access or refresh token a server issued) to every redactor of
    /// this process, so it is masked like a configured one from now on.
    /// </summary>
    public static void Remember(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < MinLength)
        {
            return;
        }

        lock (RuntimeGate)
        {
            if (RuntimeSet.Add(secret))
            {
                RuntimeForms = Forms(RuntimeSet);
            }
        }
    }

    /// <summary>Masks this redactor's secrets, and those remembered while running, in <paramref name="text"/>.</summary>
    public string? Redact(string? text) => Redact(Redact(text, forms), RuntimeForms);

    /// <summary>Masks the secrets of every redactor of this process (for static helpers without a container).</summary>
    public static string? RedactKnown(string? text) =>
        Redact(Redact(text, [.. ProcessSecrets.Keys.OrderByDescending(k => k.Length)]), RuntimeForms);

    private static string? Redact(string? text, string[] forms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var form in forms)
        {
            if (text.Contains(form, StringComparison.Ordinal))
            {
                text = text.Replace(form, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    // Each secret as written, URL-encoded and JSON-escaped; a URL also by its token-shaped path segments and query
    // values (a webhook's token travels alone in logs and echoed bodies). Longest first, so no shorter form leaves
    // half of a longer one readable.
    private static string[] Forms(IEnumerable<string?> secrets)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            if (string.IsNullOrWhiteSpace(secret) || secret.Length < MinLength)
            {
                continue;
            }

            foreach (var part in Parts(secret))
            {
                forms.Add(part);
                forms.Add(Uri.EscapeDataString(part));
                forms.Add(JsonEncodedText.Encode(part).ToString());
                forms.Add(JsonEncodedText.Encode(part, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());
                forms.Add(JsonSerializer.Serialize(part)[1..^1]);
            }
        }

        return [.. forms.Where(f => f.Length >= MinLength).OrderByDescending(f => f.Length)];
    }

    private static IEnumerable<string> Parts(string secret)
    {
        yield return secret;
        if (!Uri.TryCreate(secret, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            yield break;
        }

        yield return url.AbsoluteUri;
        foreach (var segment in url.AbsolutePath.Split('/'))
        {
            if (IsTokenShaped(Uri.UnescapeDataString(segment)))
            {
                yield return Uri.UnescapeDataString(segment);
            }
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&'))
        {
            var value = Uri.UnescapeDataString(pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (IsTokenShaped(value))
            {
                yield return value;
            }
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            yield return Uri.UnescapeDataString(url.UserInfo);
        }
    }

    // Long, and made of letters and digits together (a path like "webhooks" or "services" is not a token).
    private static bool IsTokenShaped(string segment) =>
        segment.Length >= 16 && segment.Any(char.IsDigit) && segment.Any(char.IsLetter);

    private static string? ReadSmallFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length <= 64 * 1024 ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? PasswordOf(string connectionString)
    {
        try
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.TryGetValue("Password", out var password) ? Convert.ToString(password, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
