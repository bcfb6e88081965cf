using SyndicationBot.Tests.Contract;

namespace SyndicationBot.IntegrationTests.Faults;

/// <summary>One create request as the proxy saw it: which post, which fault, and what the network behind answered.</summary>
public sealed class FaultRecord(long? marker, ChaosFault fault, DateTimeOffset at)
{
    public long? Marker => marker;

    public ChaosFault Fault => fault;

    /// <summary>Fake time at arrival.</summary>
    public DateTimeOffset At => at;

    /// <summary>The upstream's status when the request was forwarded (also when the answer was then cut off); null otherwise.</summary>
    public int? UpstreamStatus { get; set; }

    /// <summary>The network stored the post but the client never heard: the one fault that hides a success.</summary>
    public bool HidSuccess => fault == ChaosFault.ResetAfterCommit && UpstreamStatus is >= 200 and < 300;
}
