using PiNeurons.Core.Configuration;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;

namespace PiNeurons.Core.Tests.Configuration;

public class ConfigValidatorTests
{
    private static NeuronConfig Valid() => new() { Threshold = 0.9, Weights = Weights.Of(("x", 1), ("sensor:pir", 2)), Connections = ["z"] };

    [Fact]
    public void Validate_ValidConfig_NoProblems()
    {
        Assert.Empty(ConfigValidator.Validate(Valid()));
    }

    [Theory]
    [InlineData(double.NaN, "threshold: must be a finite number between -1000000000 and 1000000000, got NaN")]
    [InlineData(double.PositiveInfinity, "threshold: must be a finite number")]
    [InlineData(-2e9, "threshold: must be a finite number")]
    public void Validate_BadThreshold_NamesThreshold(double threshold, string expected)
    {
        var problem = Assert.Single(ConfigValidator.Validate(Valid() with { Threshold = threshold }));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InfiniteWeight_NamesTheWeight()
    {
        var problem = Assert.Single(ConfigValidator.Validate(Valid() with { Weights = Weights.Of(("x", double.NegativeInfinity)) }));

        Assert.StartsWith("weights.x: must be a finite number", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sensor:")]
    [InlineData("x y")]
    [InlineData("sensor:a/b")]
    public void Validate_BadWeightSource_NamesTheWeight(string source)
    {
        var problem = Assert.Single(ConfigValidator.Validate(Valid() with { Weights = Weights.Of((source, 1)) }));

        Assert.StartsWith($"weights.{source}: not a valid source", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refractoryMs")]
    [InlineData("inputLastingMs")]
    [InlineData("integrationWindowMs")]
    [InlineData("maxHops")]
    [InlineData("maxFiresPerSecond")]
    public void Validate_NegativeInteger_NamesTheField(string field)
    {
        var config = field switch
        {
            "refractoryMs" => Valid() with { RefractoryMs = -1 },
            "inputLastingMs" => Valid() with { InputLastingMs = -1, IntegrationWindowMs = 0 },
            "integrationWindowMs" => Valid() with { IntegrationWindowMs = -1 },
            "maxHops" => Valid() with { MaxHops = -1 },
            _ => Valid() with { MaxFiresPerSecond = -1 },
        };

        var problems = ConfigValidator.Validate(config);

        Assert.Contains(problems, p => p.StartsWith($"{field}: must be an integer from 0 to ", StringComparison.Ordinal)
            && p.EndsWith("got -1", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WindowOverOneMinute_NamesIntegrationWindowMs()
    {
        var config = Valid() with { IntegrationWindowMs = 60_001, InputLastingMs = 120_000 };

        Assert.Equal("integrationWindowMs: must be an integer from 0 to 60000, got 60001", Assert.Single(ConfigValidator.Validate(config)));
    }

    [Fact]
    public void Validate_TooManyConnections_NamesConnections()
    {
        var config = Valid() with { Connections = [.. Enumerable.Range(0, 1025).Select(i => $"n{i}")] };

        Assert.Equal("connections: at most 1024 entries, got 1025", Assert.Single(ConfigValidator.Validate(config)));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var config = Valid() with { Threshold = double.NaN, Connections = ["z", "z"], MaxHops = -5 };

        var problems = ConfigValidator.Validate(config);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("threshold:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("connections[1]:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("maxHops:", StringComparison.Ordinal));
    }
}
