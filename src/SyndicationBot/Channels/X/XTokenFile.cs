using System.Text.Json;

namespace SyndicationBot.Channels.X;

/// <summary>
/// Keeps the rotated OAuth 2.0 refresh token on disk, owner-only (0600), replaced atomically (write a temp
/// file, then rename) so a crash never leaves a half-written token. It never goes into the ledger database.
/// </summary>
internal sealed class XTokenFile(string path, TimeProvider timeProvider)
{
    public string? Read()
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var content = JsonSerializer.Deserialize(File.ReadAllBytes(path), XJsonContext.Default.XTokenFileContent);
            return string.IsNullOrWhiteSpace(content?.RefreshToken) ? null : content.RefreshToken;
        }
        catch (JsonException)
        {
            // An unreadable file falls back to the configured token; if that one is dead the channel pauses (AuthFailed).
            return null;
        }
    }

    public void Write(string refreshToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, new XTokenFileContent(refreshToken, timeProvider.GetUtcNow()), XJsonContext.Default.XTokenFileContent);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode only applies to new files; a temp file left by a crash keeps its old mode.
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, full, overwrite: true);
    }
}
