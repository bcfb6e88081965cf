namespace SyndicationBot.Posts.Rules;

/// <summary>
/// UTF-16 code units: Telegram's 4096 on the visible text (its entity offsets are UTF-16, the safe reading of
/// "characters"), Facebook's message length, and the unlimited webhook and outbox.
/// </summary>
internal sealed class Utf16LengthRule(int limit) : ILengthRule
{
    public int Limit => limit;

    public int Measure(string text) => text.Length;

    public bool Fits(string text) => text.Length <= limit;
}
