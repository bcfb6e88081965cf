namespace SyndicationBot.Queue;

/// <summary>
/// One post's part in a retraction, as the ledger keeps it: which post, what was done to it (<see cref="Action"/>:
/// <c>deleted</c>, <c>corrected</c>, <c>cancelled</c> for one not sent, <c>not-possible</c>, <c>failed</c>,
/// <c>in-doubt</c>), the network's or ledger's detail, and who retracted it, why and when.
/// </summary>
internal sealed record RetractionRecord(
    long PostId,
    string ArticleKey,
    string Channel,
    string Action,
    string? Detail,
    string Reason,
    string By,
    DateTimeOffset At);
