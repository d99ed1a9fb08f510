using System.Text;

namespace PiNeurons.Node.Tests.Support;

/// <summary>One generated command that docs/protocol.md calls bad input.</summary>
/// <param name="Command"><c>set</c> or <c>kick</c>.</param>
/// <param name="Kind">Which family of bad input, for failure messages.</param>
/// <param name="Payload">The raw payload (not necessarily UTF-8).</param>
/// <param name="HopProperty">The MQTT 5 user property <c>hop</c>, when the case sends one.</param>
public sealed record BadPayload(string Command, string Kind, byte[] Payload, string? HopProperty = null)
{
    /// <summary>The payload for a failure message: kind, size and the start of the text.</summary>
    public override string ToString() =>
        $"{Command}/{Kind} ({Payload.Length} bytes): {Encoding.UTF8.GetString(Payload, 0, Math.Min(Payload.Length, 80))}";
}

/// <summary>
/// A deterministic generator of payloads that docs/protocol.md's "Bad input" rule must answer with an
/// <c>error</c> event: invalid UTF-8 and JSON, wrong types, NaN/Infinity, huge numbers and strings (up to
/// and over 64 KiB), deep nesting, unknown fields, ids with <c>/ + # $</c>, empty, 200 characters,
/// non-ASCII. Only invalid input is generated (a valid kick is not an error): every family below was
/// checked against the protocol's rules for <c>kick</c> (a source id, <c>{"from","hop"}</c>, hop within
/// <c>maxHops</c>) and <c>set</c> (a merge patch of known fields whose result validates).
/// </summary>
public static class BadPayloads
{
    private const string IdChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    /// <summary>Characters no id may hold; <c>:</c> only after <c>sensor</c>.</summary>
    private static readonly string[] BadIdChars = ["/", "+", "#", "$", " ", ".", ":", "é", "ü", "中", "\u00a0", "\\", "\"", "*"];

    /// <summary>Ids docs/protocol.md refuses: the rule is 1 to 64 of <c>A-Z a-z 0-9 _ -</c>.</summary>
    public static string BadId(Random random) => random.Next(8) switch
    {
        0 => string.Empty,
        1 => Id(random, 200),
        2 => Id(random, random.Next(65, 400)),
        3 => "ñeurona" + Id(random, random.Next(0, 5)),
        4 => "$SYS",
        // Never at an edge: a kick's plain payload is trimmed of ASCII whitespace, and " x" is a valid source.
        _ => Id(random, random.Next(1, 6)) + BadIdChars[random.Next(BadIdChars.Length)] + Id(random, random.Next(1, 6)),
    };

    /// <summary><paramref name="count"/> bad payloads, set and kick alternating, from a fixed seed.</summary>
    public static IReadOnlyList<BadPayload> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var cases = new List<BadPayload>(count);
        for (var i = 0; i < count; i++)
        {
            cases.Add(i % 2 == 0 ? Set(random) : Kick(random));
        }

        return cases;
    }

    /// <summary>A <c>set</c> payload that must be refused.</summary>
    public static BadPayload Set(Random random)
    {
        BadPayload Of(string kind, string text) => new("set", kind, Encoding.UTF8.GetBytes(text));
        var id = BadId(random);
        var field = Fields[random.Next(Fields.Length)];
        return random.Next(16) switch
        {
            0 => new("set", "invalid utf-8", InvalidUtf8(random, "{\"weights\":{\"", "\":1}}")),
            1 => Of("truncated json", Truncated(random, """{"threshold":1.5,"weights":{"x":2,"y":-1},"connections":["z"]}""")),
            2 => Of("malformed json", Pick(random, """{"threshold":1,}""", "{threshold:1}", "{'threshold':1}", "not json", """{"threshold":1}}""", """{"threshold" 1}""", "{,}")),
            3 => Of("not an object", Pick(random, "[]", "1", "\"x\"", "null", "true", "[{\"threshold\":1}]")),
            4 => Of("wrong type", WrongTypeSet(random)),
            5 => Of("nan/infinity", Pick(random, "{\"threshold\":NaN}", "{\"threshold\":Infinity}", "{\"threshold\":-Infinity}", "{\"weights\":{\"x\":NaN}}", "{\"maxHops\":Infinity}")),
            6 => Of("huge number", Pick(random, "{\"threshold\":1e400}", "{\"threshold\":-1e309}", "{\"threshold\":1e10}", "{\"weights\":{\"x\":1e300}}",
                "{\"refractoryMs\":99999999999}", "{\"maxHops\":1000001}", "{\"maxFiresPerSecond\":2147483648}", "{\"inputLastingMs\":3600001}",
                "{\"refractoryMs\":-1}", "{\"integrationWindowMs\":600}")),
            7 => Of("huge string", random.Next(2) == 0
                ? $$"""{"connections":["{{Id(random, random.Next(65, 70_000))}}"]}"""
                : "{\"weights\":{\"" + Id(random, random.Next(60_000, 70_000)) + "\":1}}"),
            8 => Of("deep nesting", DeepNesting(random, "{\"weights\":", "}")),
            9 => Of("unknown field", $$"""{"{{UnknownField(random)}}":1}"""),
            10 => Of("unknown field beside a good one", $$"""{"threshold":0.7,"{{UnknownField(random)}}":true}"""),
            11 => Of("bad id in weights", "{\"weights\":{\"" + Escape(id) + "\":1}}"),
            12 => Of("bad id in connections", $$"""{"connections":["{{Escape(id)}}"]}"""),
            13 => Of("bad id in a verb", $$"""{"{{Pick(random, "addConnections", "removeConnections")}}":["{{Escape(id)}}"]}"""),
            14 => Of("field twice", $$"""{"{{field}}":1,"{{field}}":2}"""),
            _ => Of("duplicate connection", """{"connections":["a","a"]}"""),
        };
    }

    /// <summary>A <c>kick</c> payload (or hop property) that must be refused.</summary>
    public static BadPayload Kick(Random random)
    {
        BadPayload Of(string kind, string text) => new("kick", kind, Encoding.UTF8.GetBytes(text));
        var id = BadId(random);
        return random.Next(14) switch
        {
            // A plain-text source must be an id (or sensor:<id>); the empty one is a valid external kick, so never empty here.
            0 => Of("bad plain id", id.Length == 0 ? "a/b" : id),
            1 => Of("bad sensor name", "sensor:" + (id.Length == 0 ? "" : id)),
            2 => new("kick", "invalid utf-8", random.Next(2) == 0 ? InvalidUtf8(random, "", "") : InvalidUtf8(random, "{\"from\":\"x\",\"", "\":1}")),
            3 => Of("truncated json", Truncated(random, """{"from":"x","hop":3}""")),
            4 => Of("malformed json", Pick(random, """{"from":"x",}""", "{from:x}", """{"from":"x"}}""", """{"from":"x"} {""", """{"from" "x"}""", "{,}")),
            5 => Of("unknown field", $$"""{"from":"x","{{UnknownField(random)}}":1}"""),
            6 => Of("wrong type", Pick(random, """{"from":1}""", """{"from":null}""", """{"from":["x"]}""", """{"from":{"a":1}}""", """{"from":true}""",
                """{"hop":"1"}""", """{"hop":1.5}""", """{"hop":-1}""", """{"hop":true}""", """{"hop":null}""", """{"hop":[1]}""")),
            7 => Of("nan/infinity", Pick(random, """{"hop":NaN}""", """{"from":"x","hop":Infinity}""", """{"hop":-Infinity}""", """{"from":NaN}""")),
            8 => Of("huge number", Pick(random, """{"hop":1e400}""", """{"hop":99999999999999999999999}""", """{"hop":2147483648}""", """{"from":"x","hop":1e3}""")),
            // Hops over the default maxHops (64) are dropped with an error: docs/protocol.md's hop limit.
            9 => Of("hop over maxHops", $$"""{"from":"x","hop":{{random.Next(65, 1_000_000)}}}"""),
            10 => new("kick", "bad hop property", [], Pick(random, "abc", "-1", "1.5", "99999999999", "", " 1", "0x10")),
            11 => Of("huge string", random.Next(2) == 0 ? Id(random, random.Next(65, 70_000)) : $$"""{"from":"{{Id(random, random.Next(65, 70_000))}}"}"""),
            12 => Of("deep nesting", DeepNesting(random, "{\"from\":", "}")),
            _ => Of("bad id in json", $$"""{"from":"{{Escape(id)}}"}"""),
        };
    }

    private static readonly string[] Fields = ["threshold", "weights", "connections", "refractoryMs", "maxHops"];

    private static string WrongTypeSet(Random random) => Pick(
        random,
        """{"threshold":"1"}""", """{"threshold":true}""", """{"threshold":[1]}""", """{"threshold":{}}""",
        """{"weights":[1]}""", """{"weights":1}""", """{"weights":"x"}""", """{"weights":{"x":"1"}}""", """{"weights":{"x":true}}""", """{"weights":{"x":[]}}""",
        """{"connections":"a"}""", """{"connections":[1]}""", """{"connections":{"a":1}}""", """{"connections":[null]}""",
        """{"refractoryMs":1.5}""", """{"refractoryMs":"100"}""", """{"maxHops":true}""", """{"maxFiresPerSecond":[]}""",
        """{"addConnections":"z"}""", """{"addConnections":[1]}""", """{"removeConnections":{}}""", """{"removeConnections":null}""");

    private static string UnknownField(Random random) =>
        random.Next(3) switch
        {
            0 => Pick(random, "Threshold", "id", "potential", "firedCount", "output", "weight", "connection", "kick", "at", ""),
            1 => "x" + Id(random, random.Next(1, 20)),
            _ => Escape(BadId(random)) + "f",
        };

    private static string Id(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = IdChars[random.Next(IdChars.Length)];
        }

        return new string(chars);
    }

    private static T Pick<T>(Random random, params T[] options) => options[random.Next(options.Length)];

    /// <summary>A strict prefix of a JSON object is never complete JSON (and never empty).</summary>
    private static string Truncated(Random random, string json) => json[..random.Next(1, json.Length)];

    /// <summary>Bytes that are not UTF-8 (a lone continuation byte, an overlong form, 0xFF) inside otherwise plausible text.</summary>
    private static byte[] InvalidUtf8(Random random, string before, string after)
    {
        byte[][] bad = [[0xFF], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3]];
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(before));
        bytes.AddRange(Encoding.UTF8.GetBytes(Id(random, random.Next(0, 4))));
        bytes.AddRange(bad[random.Next(bad.Length)]);
        bytes.AddRange(Encoding.UTF8.GetBytes(Id(random, random.Next(0, 4))));
        bytes.AddRange(Encoding.UTF8.GetBytes(after));
        return [.. bytes];
    }

    /// <summary>10,000 levels of arrays or objects inside a field.</summary>
    private static string DeepNesting(Random random, string open, string close)
    {
        const int Depth = 10_000;
        var arrays = random.Next(2) == 0;
        var builder = new StringBuilder(open);
        for (var i = 0; i < Depth; i++)
        {
            builder.Append(arrays ? "[" : "{\"a\":");
        }

        builder.Append('1');
        for (var i = 0; i < Depth; i++)
        {
            builder.Append(arrays ? ']' : '}');
        }

        return builder.Append(close).ToString();
    }

    /// <summary>A string as the inside of a JSON string literal, so the JSON itself stays well-formed.</summary>
    private static string Escape(string text) => System.Text.Json.JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
}
