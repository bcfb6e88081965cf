namespace SyndicationBot.Channels;

/// <summary>
/// Resolves a channel credential without it ever living in committed JSON: the bound option value
/// (from an environment variable such as <c>Channels__X__AccessToken</c>), else the file named by the
/// option's <c>…File</c> twin, else the Docker/Kubernetes secret file <c>/run/secrets/{name}</c>.
/// </summary>
internal static class ChannelSecret
{
    /// <summary>The directory searched last; tests point it elsewhere.</summary>
    public static string SecretsDirectory { get; set; } = "/run/secrets";

    /// <summary>Returns the secret, trimmed, or null when none of the three places holds it.</summary>
    /// <param name="value">The value bound from configuration (normally from the environment).</param>
    /// <param name="filePath">An explicit secret file path from configuration, if any.</param>
    /// <param name="secretName">The conventional file name under <see cref="SecretsDirectory"/>, e.g. <c>x_access_token</c>.</param>
    public static string? Resolve(string? value, string? filePath, string secretName)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        if (!string.IsNullOrWhiteSpace(filePath))
        {
            return File.Exists(filePath) ? File.ReadAllText(filePath).Trim() : null;
        }

        var conventional = Path.Combine(SecretsDirectory, secretName);
        return File.Exists(conventional) ? File.ReadAllText(conventional).Trim() : null;
    }
}
