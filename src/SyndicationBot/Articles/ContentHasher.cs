using System.Security.Cryptography;
using System.Text;

namespace SyndicationBot.Articles;

/// <summary>Hex SHA-256 of the normalised headline and paragraphs, one per line.</summary>
internal static class ContentHasher
{
    public static string Hash(string title, IReadOnlyList<string> paragraphs)
    {
        var builder = new StringBuilder(title.Length + 16 + paragraphs.Sum(p => p.Length + 1));
        builder.Append(title);
        foreach (var paragraph in paragraphs)
        {
            builder.Append('\n').Append(paragraph);
        }

        var text = builder.ToString();
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
