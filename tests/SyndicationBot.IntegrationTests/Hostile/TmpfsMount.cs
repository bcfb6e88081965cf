using System.Diagnostics;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// A small tmpfs mounted at a folder (root only): a disk that really fills up, or a file system that really is
/// read-only. Unmounted on dispose.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. "1m") at <paramref name="path"/>, or returns null when this user may not mount.</summary>
    public static TmpfsMount? TryCreate(string path, string size)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return null;
        }

        return Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path) ? new TmpfsMount(path) : null;
    }

    public void RemountReadOnly()
    {
        if (!Run("mount", "-o", "remount,ro", Path))
        {
            throw new InvalidOperationException($"Could not remount {Path} read-only.");
        }
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static bool Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
