using PiNeurons.Core.Configuration;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Configuration;

public class ConfigPatchErrorTests
{
    private static NeuronConfig H2() => new()
    {
        Threshold = 1.9,
        Weights = Weights.Of(("x", 1), ("y", 1)),
        Connections = ["z"],
    };

    [Theory]
    [InlineData("""{"treshold":1}""", "unknown field 'treshold' (allowed: threshold, weights, connections")]
    [InlineData("""{"threshold":"1.5"}""", "threshold: expected a number, got a string")]
    [InlineData("""{"threshold":true}""", "threshold: expected a number, got a boolean")]
    [InlineData("""{"refractoryMs":1.5}""", "refractoryMs: expected a whole number, got 1.5")]
    [InlineData("""{"maxHops":3000000000}""", "maxHops: expected a whole number, got 3000000000")]
    [InlineData("""{"inputLastingMs":"500"}""", "inputLastingMs: expected a whole number, got a string")]
    [InlineData("""{"connections":"z"}""", "connections: expected an array of neuron ids, got a string")]
    [InlineData("""{"connections":[1]}""", "connections[0]: expected a neuron id string, got a number")]
    [InlineData("""{"addConnections":{"z":1}}""", "addConnections: expected an array of neuron ids, got an object")]
    [InlineData("""{"weights":[1]}""", "weights: expected an object of source -> number, got an array")]
    [InlineData("""{"weights":{"x":"1"}}""", "weights.x: expected a number, got a string")]
    [InlineData("""{"threshold":1e400}""", "threshold: 1e400 is not a finite number")]
    [InlineData("""{"weights":{"x":-1e400}}""", "weights.x: -1e400 is not a finite number")]
    [InlineData("""{"threshold":1,"threshold":2}""", "threshold: given twice")]
    public void Apply_BadField_ErrorNamesTheField(string patch, string expected)
    {
        var result = ConfigPatch.Apply(H2(), patch);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Config);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0xC0, 0x80, 0x22, 0x3A, 0x31, 0x7D })] // {"\xC0\x80":1}: a field name that is not UTF-8
    [InlineData(new byte[] { 0x7B, 0x22, 0x77, 0x65, 0x69, 0x67, 0x68, 0x74, 0x73, 0x22, 0x3A, 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D, 0x7D })] // {"weights":{"\xFF":1}}
    public void Apply_InvalidUtf8_ErrorNotException(byte[] patch)
    {
        var result = ConfigPatch.Apply(H2(), patch);

        Assert.False(result.IsSuccess);
        Assert.Contains("not valid UTF-8", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"threshold":NaN}""")]
    [InlineData("""{"threshold":Infinity}""")]
    [InlineData("""{"threshold":-Infinity}""")]
    [InlineData("""{"threshold":1""")]
    [InlineData("")]
    [InlineData("{'threshold':1}")]
    public void Apply_NotJson_MalformedJsonError(string patch)
    {
        var result = ConfigPatch.Apply(H2(), patch);

        Assert.StartsWith("malformed JSON", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"threshold":NaN}""", "malformed JSON in field threshold")]
    [InlineData("""{"weights":{"x":Infinity}}""", "malformed JSON in field weights.x")]
    [InlineData("""{"weights":{"x":1},"refractoryMs":NaN}""", "malformed JSON in field refractoryMs")]
    public void Apply_NonJsonNumber_ErrorNamesTheField(string patch, string expected)
    {
        var result = ConfigPatch.Apply(H2(), patch);

        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"connections":["a/b"]}""", "connections[0]: 'a/b' is not a valid neuron id (1 to 64 characters")]
    [InlineData("""{"connections":["z","h#"]}""", "connections[1]: 'h#' is not a valid neuron id")]
    [InlineData("""{"addConnections":["a+b"]}""", "addConnections: 'a+b' is not a valid neuron id")]
    [InlineData("""{"addConnections":[""]}""", "addConnections: '' is not a valid neuron id")]
    [InlineData("""{"removeConnections":["$SYS"]}""", "removeConnections: '$SYS' is not a valid neuron id")]
    [InlineData("""{"connections":["h1","z","h1"]}""", "connections[2]: 'h1' is listed twice")]
    [InlineData("""{"weights":{"a/b":1}}""", "weights.a/b: not a valid source")]
    [InlineData("""{"integrationWindowMs":600}""", "integrationWindowMs: 600 exceeds inputLastingMs 500")]
    [InlineData("""{"inputLastingMs":100,"integrationWindowMs":150}""", "integrationWindowMs: 150 exceeds inputLastingMs 100")]
    [InlineData("""{"refractoryMs":-1}""", "refractoryMs: must be an integer from 0 to 3600000, got -1")]
    [InlineData("""{"threshold":1e10}""", "threshold: must be a finite number between")]
    public void Apply_InvalidResult_ErrorNamesTheField(string patch, string expected)
    {
        var result = ConfigPatch.Apply(H2(), patch);

        Assert.Null(result.Config);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1]", "expected a JSON object, got an array")]
    [InlineData("\"threshold\"", "expected a JSON object, got a string")]
    [InlineData("1", "expected a JSON object, got a number")]
    [InlineData("null", "expected a JSON object, got null")]
    public void Apply_NotAnObject_Error(string patch, string expected)
    {
        Assert.Equal(expected, ConfigPatch.Apply(H2(), patch).Error);
    }

    [Theory]
    [InlineData("""{"threshold":5,"treshold":1}""")]
    [InlineData("""{"weights":{"x":null,"y":7,"q":"bad"}}""")]
    [InlineData("""{"connections":["a"],"addConnections":["b/c"]}""")]
    [InlineData("""{"threshold":3,"integrationWindowMs":900}""")]
    public void Apply_FailedPatch_ChangesNothing(string patch)
    {
        var original = H2();
        var weights = original.Weights;
        var connections = original.Connections;

        var result = ConfigPatch.Apply(original, patch);

        Assert.False(result.IsSuccess);
        Assert.Equal(H2(), original);
        Assert.Same(weights, original.Weights);
        Assert.Equal(Weights.Of(("x", 1), ("y", 1)), weights);
        Assert.Equal(["z"], connections);
    }
}
