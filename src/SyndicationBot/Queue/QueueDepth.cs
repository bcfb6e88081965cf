namespace SyndicationBot.Queue;

/// <summary>How many posts of one channel are in one state.</summary>
internal sealed record QueueDepth(string Channel, PostState State, int Count);
