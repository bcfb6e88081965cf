namespace SyndicationBot.Queue;

/// <summary>The operator's side of whichever adapter holds the ledger, as the wiring hands it out port by port.</summary>
internal sealed record LedgerOperations(IServiceHeartbeats Heartbeats, IChannelSwitches Switches, IInputLedger Inputs, ILedgerGauges Gauges, IRetractionLedger Retractions);
