namespace SyndicationBot.Posts.Text;

// The length punycode.js's toASCII gives a domain label (RFC 3492 encoding behind "xn--"). Hand-written because
// .NET's IdnMapping applies UTS #46 mapping and rejects labels (symbols, emoji) that punycode.js encodes, and
// twitter-text decides what is a URL by punycode.js's output length.
internal static class Punycode
{
    private const int Base = 36;
    private const int TMin = 1;
    private const int TMax = 26;
    private const int Skew = 38;
    private const int Damp = 700;
    private const int InitialBias = 72;
    private const int InitialN = 128;

    public static int ToAsciiLength(ReadOnlySpan<char> label)
    {
        // punycode.js maps the ideographic and full-width full stops to "." before splitting.
        int total = 0;
        int start = 0;
        for (int i = 0; i <= label.Length; i++)
        {
            if (i == label.Length || label[i] is '\u3002' or '\uFF0E' or '\uFF61')
            {
                total += (start > 0 ? 1 : 0) + PartLength(label[start..i]);
                start = i + 1;
            }
        }

        return total;
    }

    private static int PartLength(ReadOnlySpan<char> part)
    {
        bool ascii = true;
        foreach (char c in part)
        {
            if (c > '\x7E')
            {
                ascii = false;
                break;
            }
        }

        return ascii ? part.Length : "xn--".Length + EncodedLength(part);
    }

    private static int EncodedLength(ReadOnlySpan<char> text)
    {
        var codePoints = new List<int>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoints.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                codePoints.Add(text[i]);
            }
        }

        int basicLength = codePoints.Count(c => c < 0x80);
        int output = basicLength > 0 ? basicLength + 1 : 0;
        int handled = basicLength;
        int n = InitialN;
        long delta = 0;
        int bias = InitialBias;
        while (handled < codePoints.Count)
        {
            int m = int.MaxValue;
            foreach (int c in codePoints)
            {
                if (c >= n && c < m)
                {
                    m = c;
                }
            }

            delta += (long)(m - n) * (handled + 1);
            n = m;
            foreach (int c in codePoints)
            {
                if (c < n)
                {
                    delta++;
                }

                if (c == n)
                {
                    long q = delta;
                    for (int k = Base; ; k += Base)
                    {
                        int t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                        if (q < t)
                        {
                            break;
                        }

                        output++;
                        q = (q - t) / (Base - t);
                    }

                    output++;
                    bias = Adapt(delta, handled + 1, handled == basicLength);
                    delta = 0;
                    handled++;
                }
            }

            delta++;
            n++;
        }

        return output;
    }

    private static int Adapt(long delta, int numPoints, bool firstTime)
    {
        delta = firstTime ? delta / Damp : delta / 2;
        delta += delta / numPoints;
        int k = 0;
        while (delta > ((Base - TMin) * TMax) / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return (int)(k + ((Base - TMin + 1) * delta / (delta + Skew)));
    }
}
