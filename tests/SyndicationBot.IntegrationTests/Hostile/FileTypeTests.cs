using SyndicationBot.Articles;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// The open itself decides what is read: a page swapped for a named pipe or a link after the scan looked at it can
/// neither block the reader nor be read.
/// </summary>
public sealed class FileTypeTests : IDisposable
{
    // Opening a pipe for reading without O_NONBLOCK waits for a writer that never comes; the bound only keeps a
    // regression from hanging the run.
    private static readonly TimeSpan OpenBound = TimeSpan.FromSeconds(20);

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task OpenRegular_NamedPipe_RefusedWithoutWaitingForAWriter()
    {
        // Arrange
        var pipe = folder.Combine("page.txt");
        SeedFolderSpecialFileTests.Mkfifo(pipe);

        // Act
        var (handle, refusal) = await Task.Run(() => (FileType.OpenRegular(pipe, out var why), why)).WaitAsync(OpenBound);

        // Assert
        Assert.Null(handle);
        Assert.Contains("not a regular file", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRegular_LinkPutInThePlaceOfAResolvedFile_IsNotFollowed()
    {
        // Arrange: the caller resolved every link; a link that stands at the resolved path now was put there since.
        File.WriteAllText(folder.Combine("private.txt"), "a private file elsewhere");
        var path = folder.Combine("page.txt");
        File.CreateSymbolicLink(path, folder.Combine("private.txt"));

        // Act
        var handle = FileType.OpenRegular(path, out var refusal);

        // Assert
        Assert.Null(handle);
        Assert.Contains("became a link", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_RegularPage_ReadsItsBytes()
    {
        // Arrange
        var path = folder.Combine("page.txt");
        await File.WriteAllTextAsync(path, "Tangier opens a new ferry terminal");

        // Act
        var (bytes, failure, oversized) = await SafeFileReader.ReadAsync(path, 1024, CancellationToken.None);

        // Assert
        Assert.Null(failure);
        Assert.False(oversized);
        Assert.Equal("Tangier opens a new ferry terminal", System.Text.Encoding.UTF8.GetString(bytes!));
    }
}
