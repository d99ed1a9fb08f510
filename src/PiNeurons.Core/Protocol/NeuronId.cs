using System.Text;

namespace PiNeurons.Core.Protocol;

/// <summary>The neuron id rule of docs/protocol.md: 1 to 64 characters of <c>A-Z a-z 0-9 _ -</c>.</summary>
public static class NeuronId
{
    /// <summary>Longest valid id.</summary>
    public const int MaxLength = 64;

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1 to 64 characters of A-Z a-z 0-9 _ -";

    /// <summary>True when <paramref name="id"/> follows the rule.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsIdChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the UTF-8 bytes <paramref name="id"/> follow the rule (all valid ids are ASCII).</summary>
    public static bool IsValid(ReadOnlySpan<byte> id)
    {
        if (id.IsEmpty || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var b in id)
        {
            if (!IsIdChar((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="field"/> unless <paramref name="id"/> is valid.</summary>
    public static string Require(string? id, string field)
    {
        if (id is null || !IsValid(id))
        {
            throw new ArgumentException($"{field}: '{Describe(id)}' is not a valid neuron id ({Rule})", field);
        }

        return id;
    }

    /// <summary>A printable, bounded rendering of untrusted text for error messages.</summary>
    public static string Describe(string? text)
    {
        if (text is null)
        {
            return "(null)";
        }

        var sb = new StringBuilder(Math.Min(text.Length, 40));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 40)))
        {
            sb.Append(char.IsControl(c) ? '?' : c);
        }

        return text.Length > 40 ? sb.Append("...").ToString() : sb.ToString();
    }

    private static bool IsIdChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-';
}
