using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Queue;

/// <summary>
/// The durable publish ledger: every port at once, as one adapter (SQLite, PostgreSQL) implements them and the wiring
/// registers them. Consumers take the port they need (<see cref="IIngestionLedger"/>, <see cref="IDispatchLedger"/>,
/// <see cref="IOperatorLedger"/>, <see cref="IScheduleLedger"/>). Every adapter passes the same contract tests.
/// "Now" is always passed in by the caller (from <see cref="TimeProvider"/>), never read from the database clock.
/// </summary>
internal interface IPostQueue : IIngestionLedger, IDispatchLedger, IOperatorLedger, IScheduleLedger
{
}
