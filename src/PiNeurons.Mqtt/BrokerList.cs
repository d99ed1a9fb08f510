using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PiNeurons.Mqtt;

/// <summary>
/// The brokers a client may connect to, in the order it tries them: one address, or the nodes of a clustered
/// broker written as a comma-separated list (<c>mqtts://a:8883,mqtts://b:8883</c>). A client connects to one and
/// moves to the next when it goes away.
/// </summary>
public sealed class BrokerList : IReadOnlyList<BrokerAddress>, IEquatable<BrokerList>
{
    private readonly BrokerAddress[] _addresses;

    private BrokerList(BrokerAddress[] addresses) => _addresses = addresses;

    /// <summary>The first address: the one tried first, and the one a single-broker setting names.</summary>
    public BrokerAddress First => _addresses[0];

    /// <inheritdoc/>
    public int Count => _addresses.Length;

    /// <inheritdoc/>
    public BrokerAddress this[int index] => _addresses[index];

    /// <summary>A list of one address.</summary>
    public static implicit operator BrokerList(BrokerAddress address) => Of(address);

    /// <summary>A list of one address.</summary>
    public static BrokerList Of(BrokerAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new([address]);
    }

    /// <summary>A list of the given addresses, in order; throws when it is empty or names one twice.</summary>
    public static BrokerList Of(IEnumerable<BrokerAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var array = addresses.ToArray();
        return Check(array) is { } error ? throw new ArgumentException(error, nameof(addresses)) : new BrokerList(array);
    }

    /// <summary>Parses one address or a comma-separated list; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static BrokerList Parse(string text) =>
        TryParse(text, out var list, out var error) ? list : throw new FormatException(error);

    /// <summary>Parses one address or a comma-separated list without throwing.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out BrokerList? list, [NotNullWhen(false)] out string? error) =>
        TryParse((text ?? string.Empty).Split(','), out list, out error);

    /// <summary>Parses each item as one address (a YAML list, for example).</summary>
    public static bool TryParse(
        IEnumerable<string> items, [NotNullWhen(true)] out BrokerList? list, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(items);
        list = null;
        var addresses = new List<BrokerAddress>();
        foreach (var item in items)
        {
            if (!BrokerAddress.TryParse(item, out var address, out error))
            {
                return false;
            }

            addresses.Add(address);
        }

        error = Check(addresses);
        if (error is not null)
        {
            return false;
        }

        list = new BrokerList([.. addresses]);
        return true;
    }

    /// <summary>The first plain <c>mqtt://</c> address, or null when every broker speaks TLS: what a TLS-only setting
    /// (a CA file, client certificates) is refused for.</summary>
    public BrokerAddress? FirstPlain => _addresses.FirstOrDefault(a => !a.UseTls);

    /// <summary>True when every broker of the list speaks TLS (<c>mqtts://</c>).</summary>
    public bool AllUseTls => FirstPlain is null;

    /// <summary>The address tried after <paramref name="index"/>'s, wrapping round to the first.</summary>
    public int NextIndex(int index) => (index + 1) % _addresses.Length;

    /// <summary>The list as it is written in options: addresses joined by commas.</summary>
    public override string ToString() => string.Join(",", _addresses.Select(a => a.ToString()));

    /// <inheritdoc/>
    public bool Equals(BrokerList? other) => other is not null && _addresses.SequenceEqual(other._addresses);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BrokerList);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var address in _addresses)
        {
            hash.Add(address);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public IEnumerator<BrokerAddress> GetEnumerator() => ((IEnumerable<BrokerAddress>)_addresses).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string? Check(IReadOnlyCollection<BrokerAddress> addresses)
    {
        if (addresses.Count == 0)
        {
            return "broker list is empty; give one address or several separated by commas";
        }

        var twice = addresses.GroupBy(a => a).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? null : $"broker list names {twice.Key} twice; give each broker once";
    }
}
