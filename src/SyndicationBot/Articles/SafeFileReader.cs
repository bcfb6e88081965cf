namespace SyndicationBot.Articles;

/// <summary>
/// Reads an input file without trusting what lies in the folder: only a regular file is opened, a link is
/// followed only inside its root (unless allowed), and the byte limit is counted while reading.
/// </summary>
/// <remarks>
/// .NET shows no file type (pipe, device, socket) short of opening the file, and opening a named pipe for
/// reading blocks until a writer comes, possibly for ever. Every non-regular file on Linux and macOS reports a
/// size of 0, so a file of size 0 is opened only when <see cref="FileType"/> proves it regular. A file
/// that reports a size can still grow, or be a link to something endless: the limit is enforced on the bytes
/// actually read, never on the size reported.
/// </remarks>
internal static class SafeFileReader
{
    private const int ChunkBytes = 81920;

    // The limit the Linux kernel itself puts on links followed in one path look-up (ELOOP).
    private const int MaxLinkHops = 40;

    /// <summary>
    /// Why <paramref name="path"/> may not be read as a page of the folder whose real path is <paramref name="realRoot"/>
    /// (see <see cref="RealPath"/>), or null when it may. <paramref name="target"/> is the file actually read: the
    /// path with every link along it resolved.
    /// </summary>
    public static string? Refusal(string path, string realRoot, bool followOutside, out string target)
    {
        target = path;
        try
        {
            target = RealPath(path);
        }
        catch (IOException exception)
        {
            return $"is a link that cannot be followed ({exception.Message})";
        }

        if (!followOutside && !IsInside(target, realRoot))
        {
            return $"leads to '{target}', outside the seeds folder; it is not read (set Sources:FollowSymlinksOutside=true to read such links)";
        }

        return NotRegular(target);
    }

    /// <summary>
    /// <paramref name="path"/> with every link along it resolved, component by component (a link to a folder
    /// that links elsewhere is followed to its end). Hand-written because .NET has no realpath.
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        for (var hops = 0; hops < MaxLinkHops; hops++)
        {
            var root = Path.GetPathRoot(full) ?? string.Empty;
            var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            var followed = false;
            for (var i = 0; i < parts.Length && !followed; i++)
            {
                var next = Path.Combine(current, parts[i]);
                if (new FileInfo(next).LinkTarget is { } link)
                {
                    full = Path.Combine([Path.GetFullPath(link, current), .. parts[(i + 1)..]]);
                    followed = true;
                }
                else
                {
                    current = next;
                }
            }

            if (!followed)
            {
                return full;
            }
        }

        throw new IOException($"more than {MaxLinkHops} links lead from '{path}'");
    }

    /// <summary>Why <paramref name="path"/> is not a file with content to read, or null when it is.</summary>
    public static string? NotRegular(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Directory.Exists(path) ? "is a folder" : "does not exist (moved or deleted)";
        }

        if (info.Length > 0)
        {
            return null;
        }

        // An empty regular file is opened (and then rejected as empty, and remembered, like any bad page); anything
        // else of size 0 might be a pipe that would block the read.
        return FileType.IsRegular(path)
            ? null
            : "is not a regular file (a named pipe, device or socket); it is not opened";
    }

    /// <summary>
    /// Reads a regular file up to <paramref name="maxBytes"/>. Returns the bytes, or null with the reason in
    /// <paramref name="failure"/>; <paramref name="oversized"/> tells the limit was passed (a lasting verdict).
    /// </summary>
    public static async Task<(byte[]? Bytes, string? Failure, bool Oversized)> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            // Checked on the link's final target: a link's own size is that of the name it holds.
            var target = RealPath(path);
            if (NotRegular(target) is { } notRegular)
            {
                return (null, notRegular, false);
            }

            var handle = FileType.OpenRegular(target, out var refusal);
            if (refusal is not null)
            {
                return (null, refusal, false);
            }

            await using var stream = handle is not null
                ? new FileStream(handle, FileAccess.Read, bufferSize: 0)
                : new FileStream(target, new FileStreamOptions
                {
                    Mode = FileMode.Open,
                    Access = FileAccess.Read,
                    Share = FileShare.ReadWrite | FileShare.Delete,
                    Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                    BufferSize = 0,
                });
            using var buffer = new MemoryStream();
            var chunk = new byte[ChunkBytes];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, $"is over Sources:MaxFileBytes ({maxBytes} bytes); raise the limit or remove the file", true);
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), null, false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, $"could not be read ({exception.Message})", false);
        }
    }

    private static bool IsInside(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
