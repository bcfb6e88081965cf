using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SyndicationBot.Publishing;

/// <summary>
/// Who holds a post's lease: a dispatcher on <paramref name="Machine"/>, in process <paramref name="ProcessId"/>, for one
/// run (<paramref name="Nonce"/>, so a restarted process with a reused id is someone else). The ledger stores it as
/// <c>{machine}/{pid}/{nonce}</c>; any other owner text (an older build, a test) is not one of these.
/// </summary>
internal sealed record LeaseOwner(string Machine, int ProcessId, string Nonce)
{
    private const int NonceLength = 32;

    /// <summary>A new owner for this process's dispatcher.</summary>
    public static LeaseOwner ForThisProcess() =>
        new(Environment.MachineName, Environment.ProcessId, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));

    /// <summary>Reads an owner as the ledger stores it; false for anything this build did not write.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out LeaseOwner? owner)
    {
        owner = null;
        if (text?.Split('/') is not [{ Length: > 0 } machine, var pid, { Length: NonceLength } nonce]
            || !int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            || !nonce.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        owner = new LeaseOwner(machine, processId, nonce);
        return true;
    }

    /// <summary>True when the owner runs on this host (its process id means something here).</summary>
    public bool IsOnThisMachine => string.Equals(Machine, Environment.MachineName, StringComparison.Ordinal);

    /// <summary>The form the ledger stores.</summary>
    public override string ToString() => $"{Machine}/{ProcessId.ToString(CultureInfo.InvariantCulture)}/{Nonce}";
}
