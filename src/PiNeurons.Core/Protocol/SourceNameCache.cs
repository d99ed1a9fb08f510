namespace PiNeurons.Core.Protocol;

/// <summary>
/// Turns the bytes of a kick's source into a string without allocating for sources seen before:
/// a neuron hears the same few upstream ids over and over, so the hot path reuses their strings.
/// Bounded, so a sender cycling through random ids cannot grow it without limit. Not thread-safe.
/// </summary>
public sealed class SourceNameCache
{
    private const int Capacity = 1024;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an empty cache.</summary>
    public SourceNameCache() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string for ASCII <paramref name="utf8"/> (at most <see cref="NeuronId.MaxLength"/> + 7 bytes).</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[utf8.Length];
        for (var i = 0; i < utf8.Length; i++)
        {
            chars[i] = (char)utf8[i];
        }

        if (_lookup.TryGetValue(chars, out var known))
        {
            return known;
        }

        var name = new string(chars);
        if (_names.Count < Capacity)
        {
            _names[name] = name;
        }

        return name;
    }
}
