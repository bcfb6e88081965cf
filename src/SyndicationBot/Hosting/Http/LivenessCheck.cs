using Microsoft.Extensions.Options;

namespace SyndicationBot.Hosting.Http;

/// <summary>
/// Liveness from the loops' heartbeats: live while the dispatcher and the seed watcher keep turning; a loop silent for
/// longer than <see cref="HealthOptions.LoopStallTimeout"/> is stuck (a loop that never turned is measured from the start).
/// </summary>
internal sealed class LivenessCheck(LoopHeartbeats heartbeats, IOptions<HealthOptions> options, TimeProvider timeProvider)
{
    /// <summary>Each required loop with its last beat, its age and whether it is stuck.</summary>
    public (bool Live, IReadOnlyList<LoopState> Loops) Evaluate()
    {
        var now = timeProvider.GetUtcNow();
        var beats = heartbeats.Snapshot();
        var loops = LoopHeartbeats.Required
            .Select(loop =>
            {
                var last = beats.TryGetValue(loop, out var beat) ? beat : heartbeats.StartedAt;
                var age = now - last;
                return new LoopState(loop, beats.ContainsKey(loop) ? last : null, age, age > options.Value.LoopStallTimeout);
            })
            .ToList();
        return (loops.All(l => !l.Stuck), loops);
    }
}
