using Microsoft.Extensions.Options;

namespace PiNeurons.Aggregator.Hosting;

/// <summary>Checks the options at start-up (ValidateOnStart), with the same rules that resolve them.</summary>
internal sealed class AggregatorOptionsValidator : IValidateOptions<AggregatorOptions>
{
    public ValidateOptionsResult Validate(string? name, AggregatorOptions options)
    {
        try
        {
            AggregatorSettings.Resolve(options);
            return ValidateOptionsResult.Success;
        }
        catch (AggregatorConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
