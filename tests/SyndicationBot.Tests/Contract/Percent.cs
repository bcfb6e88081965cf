using System.Text;

namespace SyndicationBot.Tests.Contract;

/// <summary>
/// RFC 3986 percent-encoding written out byte by byte, independent of <see cref="Uri.EscapeDataString(string)"/>,
/// so the contract servers do not check the client's signature with the client's own code.
/// </summary>
public static class Percent
{
    public static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static string Decode(string value) => Uri.UnescapeDataString(value);
}
