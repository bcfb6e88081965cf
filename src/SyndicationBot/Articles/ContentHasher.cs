using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SyndicationBot.Articles;

/// <summary>Hex SHA-256 of the normalised headline and paragraphs, one per line.</summary>
internal static class ContentHasher
{
    private const int StackLimit = 4096;

    public static string Hash(string title, IReadOnlyList<string> paragraphs)
    {
        // Every page read is hashed: the UTF-8 bytes go straight into one buffer instead of a joined string and its copy.
        // Encoding piece by piece gives the same bytes as encoding the joined text: a '\n' sits between any two pieces.
        var length = Encoding.UTF8.GetByteCount(title);
        foreach (var paragraph in paragraphs)
        {
            length += 1 + Encoding.UTF8.GetByteCount(paragraph);
        }

        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var written = Encoding.UTF8.GetBytes(title, buffer);
        foreach (var paragraph in paragraphs)
        {
            buffer[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(paragraph, buffer[written..]);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer[..written], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return Convert.ToHexStringLower(hash);
    }
}
