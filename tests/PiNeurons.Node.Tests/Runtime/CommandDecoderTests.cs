using System.Buffers;
using System.Text;
using MQTTnet;
using PiNeurons.Core.Model;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;
using PiNeurons.Node.Runtime;

namespace PiNeurons.Node.Tests.Runtime;

/// <summary>The decoding of commands at its boundaries: the payload limit, the hop property, and what each command carries.</summary>
public sealed class CommandDecoderTests
{
    private readonly CommandDecoder _decoder = new();

    [Fact]
    public void Decode_PayloadAtTheLimit_Accepted()
    {
        var work = _decoder.Decode(NeuronCommand.Set, Message(new byte[ProtocolLimits.MaxPayloadBytes]));

        Assert.Equal(WorkKind.Set, work.Kind);
        Assert.Equal(ProtocolLimits.MaxPayloadBytes, work.Payload.Length);
    }

    [Fact]
    public void Decode_PayloadOneByteOverTheLimit_ErrorNamingCommandAndSize()
    {
        var work = _decoder.Decode(NeuronCommand.Set, Message(new byte[ProtocolLimits.MaxPayloadBytes + 1]));

        Assert.Equal(WorkKind.Error, work.Kind);
        Assert.Equal("set: payload of 65537 bytes exceeds the 64 KiB limit", work.Reason);
        Assert.Null(work.From);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData("2147483647", int.MaxValue)]
    public void TryReadHop_WholeNumberOrAbsent_Read(string? property, int expected)
    {
        Assert.True(CommandDecoder.TryReadHop(Message([], hop: property), out var hop));
        Assert.Equal(expected, hop);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1.5")]
    [InlineData("2147483648")]
    public void TryReadHop_NotAWholeNumber_Refused(string property)
    {
        Assert.False(CommandDecoder.TryReadHop(Message([], hop: property), out _));
    }

    [Fact]
    public void Decode_BadHopProperty_ErrorNamingCommand()
    {
        var work = _decoder.Decode(NeuronCommand.Fire, Message([], hop: "-1"));

        Assert.Equal(new NeuronWork(WorkKind.Error, Reason: "fire: user property hop must be a whole number >= 0"), work);
    }

    [Theory]
    [InlineData("a", "2", 2)]
    [InlineData("""{"from":"a","hop":5}""", "2", 5)]
    [InlineData("""{"from":"a","hop":1}""", "3", 3)]
    [InlineData("""{"from":"a","hop":4}""", null, 4)]
    public void Decode_Kick_SourceAndTheDeeperHop(string payload, string? property, int expected)
    {
        var work = _decoder.Decode(NeuronCommand.Kick, Message(Encoding.UTF8.GetBytes(payload), hop: property));

        Assert.Equal(new NeuronWork(WorkKind.Kick, "a", expected), work);
    }

    [Fact]
    public void Decode_KickOverSeveralSegments_SameAsInOne()
    {
        var message = Message([]);
        message.Payload = TwoSegments("sens"u8.ToArray(), "or:pir"u8.ToArray());

        Assert.Equal(new NeuronWork(WorkKind.Kick, "sensor:pir"), _decoder.Decode(NeuronCommand.Kick, message));
    }

    [Fact]
    public void Decode_KickFromAnInvalidSource_ErrorFromTheParser()
    {
        var work = _decoder.Decode(NeuronCommand.Kick, Message("a b"u8.ToArray()));

        Assert.Equal(WorkKind.Error, work.Kind);
        Assert.StartsWith("kick: 'a b' is not a valid source", work.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EmptyKick_AnExternalKick()
    {
        Assert.Equal(new NeuronWork(WorkKind.Kick, KickSources.External), _decoder.Decode(NeuronCommand.Kick, Message([])));
    }

    [Theory]
    [InlineData("""{"from":"a",""", "kick: malformed JSON")]
    [InlineData("""{"from":"a"} x""", "kick: malformed JSON")]
    [InlineData("""{"from":"a","colour":"red"}""", "kick: unknown field 'colour' (allowed: from, hop)")]
    [InlineData("""{"from":"a b"}""", "kick: from must be a valid source string (a neuron id of 1 to 64 characters of A-Z a-z 0-9 _ -, or sensor:<name>)")]
    [InlineData("""{"from":7}""", "kick: from must be a valid source string")]
    [InlineData("""{"from":"a","hop":-1}""", "kick: hop must be a whole number >= 0")]
    [InlineData("""{"from":"a","hop":1.5}""", "kick: hop must be a whole number >= 0")]
    [InlineData("sensor:", "kick: 'sensor:' is not a valid source")]
    public void Decode_MalformedKick_ErrorSayingWhatIsWrong(string payload, string expected)
    {
        var work = _decoder.Decode(NeuronCommand.Kick, Message(Encoding.UTF8.GetBytes(payload)));

        Assert.Equal(WorkKind.Error, work.Kind);
        Assert.StartsWith(expected, work.Reason, StringComparison.Ordinal);
        Assert.Null(work.From);
    }

    [Fact]
    public void Decode_KickThatIsNotUtf8_Error()
    {
        var work = _decoder.Decode(NeuronCommand.Kick, Message([(byte)'{', 0xFF, (byte)'}']));

        Assert.Equal(new NeuronWork(WorkKind.Error, Reason: "kick: malformed JSON (the payload is not valid UTF-8)"), work);
    }

    [Fact]
    public void Decode_AfterBadInput_DecodesAsBefore()
    {
        // A refused command leaves nothing behind: the next one decodes as it would have without it.
        _decoder.Decode(NeuronCommand.Kick, Message("""{"from":"a","hop":-1}"""u8.ToArray()));
        _decoder.Decode(NeuronCommand.Kick, Message(new byte[ProtocolLimits.MaxPayloadBytes + 1]));
        _decoder.Decode(NeuronCommand.Fire, Message([], hop: "x"));

        var work = _decoder.Decode(NeuronCommand.Kick, Message("a"u8.ToArray(), hop: "1"));

        Assert.Equal(new NeuronWork(WorkKind.Kick, "a", 1), work);
    }

    [Theory]
    [InlineData(NeuronCommand.Kick, "kick")]
    [InlineData(NeuronCommand.Query, "query")]
    [InlineData(NeuronCommand.Set, "set")]
    public void Decode_BadHopProperty_RefusedWhateverTheCommand(NeuronCommand command, string name)
    {
        var work = _decoder.Decode(command, Message("a"u8.ToArray(), hop: "one"));

        Assert.Equal(new NeuronWork(WorkKind.Error, Reason: $"{name}: user property hop must be a whole number >= 0"), work);
    }

    [Fact]
    public void Decode_Set_CarriesThePayloadUnparsed()
    {
        // Set and query payloads are read under the neuron's lock, against its config: here they only travel.
        var message = Message("""{"threshold":"not a number"}"""u8.ToArray());
        message.ResponseTopic = "reply/here";

        var work = _decoder.Decode(NeuronCommand.Set, message);

        Assert.Equal(WorkKind.Set, work.Kind);
        Assert.Equal("""{"threshold":"not a number"}""", Encoding.UTF8.GetString(work.Payload.Span));
        Assert.Equal("reply/here", work.ResponseTopic);
        Assert.Null(work.CorrelationData);
    }

    [Fact]
    public void Decode_Fire_HopFromTheProperty()
    {
        Assert.Equal(new NeuronWork(WorkKind.Fire, Hop: 3), _decoder.Decode(NeuronCommand.Fire, Message([], hop: "3")));
    }

    [Fact]
    public void Decode_Query_CarriesPayloadResponseTopicAndCorrelation()
    {
        var message = Message("""{"include":["log"]}"""u8.ToArray());
        message.ResponseTopic = "reply/here";
        message.CorrelationData = [1, 2, 3];

        var work = _decoder.Decode(NeuronCommand.Query, message);

        Assert.Equal(WorkKind.Query, work.Kind);
        Assert.Equal("""{"include":["log"]}""", Encoding.UTF8.GetString(work.Payload.Span));
        Assert.Equal("reply/here", work.ResponseTopic);
        Assert.Equal([1, 2, 3], work.CorrelationData);
    }

    private static MqttApplicationMessage Message(byte[] payload, string? hop = null) =>
        MqttMessages.Create("pineurons/n/cmd", payload, userPropertyName: hop is null ? null : ProtocolLimits.HopProperty, userPropertyValue: hop);

    private static ReadOnlySequence<byte> TwoSegments(byte[] first, byte[] second)
    {
        var head = new Segment(first, 0);
        var tail = head.Append(second);
        return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
