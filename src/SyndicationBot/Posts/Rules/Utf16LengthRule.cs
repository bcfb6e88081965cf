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

    public TextCost Cost(string text) => new(text.Length, 0);

    public bool Within(TextCost cost) => cost.Units <= limit;

    public TextCost[]? PrefixCosts(string text)
    {
        var costs = new TextCost[text.Length + 1];
        for (int i = 0; i <= text.Length; i++)
        {
            costs[i] = new TextCost(i, 0);
        }

        return costs;
    }
}
