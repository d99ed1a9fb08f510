using System.Globalization;
using System.Text.Json;

namespace PiNeurons.Core.Configuration;

/// <summary>
/// Reads a whole number the way JSON means numbers: by value, not by spelling. JSON has one number type, and its
/// writers differ in how they spell a whole one (Python writes <c>100.0</c> for a float, some writers <c>1e2</c>), so
/// <c>100</c>, <c>100.0</c>, <c>1e2</c> and <c>1.00E+2</c> are all 100; <c>100.5</c> is not a whole number. The
/// manifest's YAML scalars follow the same rule.
/// </summary>
public static class WholeNumber
{
    /// <summary>Reads <paramref name="value"/> as a whole number that fits an <see cref="int"/>.</summary>
    public static bool TryRead(JsonElement value, out int number)
    {
        number = 0;
        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetInt32(out number))
        {
            return true;
        }

        return value.TryGetDouble(out var d) && TryNarrow(d, int.MinValue, int.MaxValue, out var whole) && Assign((int)whole, out number);
    }

    /// <summary>Reads <paramref name="value"/> as a whole number that fits a <see cref="long"/>.</summary>
    public static bool TryRead(JsonElement value, out long number)
    {
        number = 0;
        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetInt64(out number))
        {
            return true;
        }

        // Beyond 2^53 a double is no longer exact; such a value written with a fraction or an exponent is refused.
        return value.TryGetDouble(out var d) && TryNarrow(d, -(1L << 53), 1L << 53, out number);
    }

    /// <summary>Reads the number token <paramref name="reader"/> is on as a whole number that fits an <see cref="int"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out int number)
    {
        number = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (reader.TryGetInt32(out number))
        {
            return true;
        }

        return reader.TryGetDouble(out var d) && TryNarrow(d, int.MinValue, int.MaxValue, out var whole) && Assign((int)whole, out number);
    }

    /// <summary>Reads a YAML scalar (or any text) as a whole number: <c>100</c>, <c>100.0</c>, <c>1e2</c>.</summary>
    public static bool TryParse(string? text, out int number)
    {
        number = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
            && TryNarrow(d, int.MinValue, int.MaxValue, out var whole)
            && Assign((int)whole, out number);
    }

    private static bool TryNarrow(double value, long min, long max, out long whole)
    {
        whole = 0;
        if (!double.IsFinite(value) || value != Math.Floor(value) || value < min || value > max)
        {
            return false;
        }

        whole = (long)value;
        return true;
    }

    private static bool Assign(int value, out int number)
    {
        number = value;
        return true;
    }
}
