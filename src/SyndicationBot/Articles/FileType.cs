using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

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
    private const int AtEmptyPath = 0x1000;
    private const int OpenReadOnlyNonBlocking = 0x800;
    private const int OpenCloseOnExec = 0x80000;

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

    /// <summary>
    /// Opens <paramref name="path"/> for reading only if what is opened is a regular file, and tells the type from the
    /// opened descriptor, so a file swapped for a pipe or a link after an earlier check can neither block the open
    /// (non-blocking open) nor be read (the type is that of the very file opened). Null with the reason in
    /// <paramref name="refusal"/> when it may not be read; null with no reason off Linux, where the caller opens the
    /// path as usual.
    /// </summary>
    public static SafeFileHandle? OpenRegular(string path, out string? refusal)
    {
        refusal = null;
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // O_NOFOLLOW has another value on the Arm architectures; the caller has already resolved every link, so a
        // link found here was put in the file's place since.
        var noFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;
        var descriptor = Open([.. System.Text.Encoding.UTF8.GetBytes(path), 0], OpenReadOnlyNonBlocking | OpenCloseOnExec | noFollow);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            refusal = error == 40 /* ELOOP */ ? "became a link since it was listed; it is not opened" : $"could not be opened ({Marshal.GetPInvokeErrorMessage(error)})";
            return null;
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        var buffer = new byte[256];
        if (Statx(descriptor, [0], AtEmptyPath, StatxType, buffer) != 0 || (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) != Regular)
        {
            handle.Dispose();
            refusal = "is not a regular file (a named pipe, device or socket); it is not opened";
            return null;
        }

        return handle;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054, CA2101
    private static extern int Open(byte[] path, int flags);
#pragma warning restore SYSLIB1054, CA2101

    // DllImport rather than the source-generated LibraryImport, which would need unsafe code in the whole project for
    // this one call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "statx")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
}
