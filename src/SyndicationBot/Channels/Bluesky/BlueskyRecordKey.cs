using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SyndicationBot.Channels.Bluesky;

// Derives the post's record key from its idempotency key, so every attempt of one post targets the same
// record and a retry can never create a second post.
internal static class BlueskyRecordKey
{
    private const string Alphabet = "234567abcdefghijklmnopqrstuvwxyz";

    // app.bsky.feed.post keys must be TIDs: 53 bits of microseconds since the epoch, then 10 bits of clock id.
    // The timestamp is hashed into [2015-01-01, +2^48 µs ≈ 8.9 years] so it always lies in the past: some
    // relays frown on TIDs from the future, and a past timestamp never collides with keys the PDS mints now.
    private const long EpochStartMicroseconds = 1_420_070_400_000_000; // 2015-01-01T00:00:00Z
    private const int TimestampBits = 48;
    private const int ClockIdBits = 10;

    public static string Derive(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey), hash);
        var bits = BinaryPrimitives.ReadUInt64BigEndian(hash);
        var timestamp = EpochStartMicroseconds + (long)(bits >> (64 - TimestampBits));
        var clockId = (long)(bits & ((1UL << ClockIdBits) - 1));
        return Encode((timestamp << ClockIdBits) | clockId);
    }

    private static string Encode(long value)
    {
        Span<char> chars = stackalloc char[13];
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }
}
