using System.Runtime.InteropServices;

namespace SyndicationBot.Articles;

/// <summary>
/// Whether a path is a regular file, asked of the kernel without opening it. Hand-written because no .NET API
/// tells a regular file from a named pipe, device or socket without opening it (and opening a pipe blocks):
/// Linux's <c>statx</c> has one layout on every architecture, so one declaration serves them all. Elsewhere the
/// answer is "not proven regular", which only means an empty file is reported rather than read.
/// </summary>
internal static class FileType
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;

    /// <summary>True when <paramref name="path"/> (links followed) is a regular file.</summary>
    public static bool IsRegular(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, [.. System.Text.Encoding.UTF8.GetBytes(path), 0], 0, StatxType, buffer) != 0)
            {
                return false;
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }

        var mode = BitConverter.ToUInt16(buffer, ModeOffset);
        return (mode & TypeMask) == Regular;
    }

    // DllImport rather than the source-generated LibraryImport, which would need unsafe code in the whole project for
    // this one call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "statx")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
}
