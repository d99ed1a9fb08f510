using PiNeurons.Core.Model;

namespace PiNeurons.Core.Manifest;

/// <summary>Checks that span entries: unique ids, connections and weights that name real neurons,
/// pins used once per Pi. These are the mistakes that otherwise show up as a silent, dead network.
/// <paramref name="lineOf"/> gives the line where a neuron's entry starts, for the message.</summary>
internal sealed class ManifestChecks(List<string> problems, Func<NeuronEntry, long> lineOf)
{
    public void Run(IReadOnlyList<HostEntry> hosts)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            foreach (var neuron in host.Neurons)
            {
                if (!owners.TryAdd(neuron.Id, host.Name))
                {
                    Add(neuron, $"hosts.{host.Name}.neurons.{neuron.Id}: neuron '{neuron.Id}' is also hosted by {owners[neuron.Id]}; ids are unique in a cluster");
                }
            }

            CheckPins(host);
        }

        foreach (var neuron in hosts.SelectMany(h => h.Neurons))
        {
            var path = $"hosts.{neuron.Host}.neurons.{neuron.Id}";
            foreach (var target in neuron.Config.Connections.Where(c => !owners.ContainsKey(c)))
            {
                Add(neuron, $"{path}.connections: '{target}' is not a neuron of this manifest");
            }

            foreach (var source in neuron.Config.Weights.Keys.Where(s => !KickSources.IsNonNeuronSource(s) && !owners.ContainsKey(s)))
            {
                Add(neuron, $"{path}.weights.{source}: '{source}' is not a neuron of this manifest (nor button, external or sensor:<name>)");
            }

            if (neuron.TeachButton is not null && neuron.Config.Learning.Rule != Learning.LearningRule.Perceptron)
            {
                Add(neuron, $"{path}.teachButton: only a neuron with learning rule perceptron can be taught; "
                    + "add learning: { rule: perceptron } or remove the teach button");
            }
        }
    }

    private void CheckPins(HostEntry host)
    {
        var users = new Dictionary<int, string>();
        var i2cClaimed = false;
        var oneWireClaimed = new HashSet<int>();
        foreach (var neuron in host.Neurons)
        {
            var parts = new List<(int Pin, string Part)>();
            if (neuron.Led is { } led) { parts.Add((led.Pin, $"{neuron.Id}.led")); }
            if (neuron.PotentialLed is { } potential) { parts.Add((potential.Pin, $"{neuron.Id}.potentialLed")); }
            if (neuron.StatusLed is { } status) { parts.Add((status.Pin, $"{neuron.Id}.statusLed")); }
            if (neuron.Button is { } button) { parts.Add((button.Pin, $"{neuron.Id}.button")); }
            if (neuron.TeachButton is { } teach) { parts.Add((teach.Pin, $"{neuron.Id}.teachButton")); }
            foreach (var sensor in neuron.Sensors)
            {
                if (sensor.Type != SensorTypes.Ds18b20)
                {
                    parts.AddRange(sensor.Pins.Select(p => (p, $"{neuron.Id}.sensors.{sensor.Name}")));
                }
                else if (oneWireClaimed.Add(sensor.Pin))
                {
                    // The DS18B20s on one line are one 1-Wire bus (the kernel's w1-gpio owns the line): the first claims it.
                    parts.Add((sensor.Pin, $"1-Wire bus ({neuron.Id}.sensors.{sensor.Name})"));
                }
            }

            // I2C bus 1 is GPIO 2 (SDA) and 3 (SCL) on every 40-pin Pi: the first BME280 there claims both
            // lines for the bus, which any number of I2C devices then share.
            if (!i2cClaimed && neuron.Sensors.FirstOrDefault(s => s.Type == SensorTypes.Bme280 && s.Bus == 1) is { } i2c)
            {
                i2cClaimed = true;
                parts.Add((2, $"I2C bus 1 SDA ({neuron.Id}.sensors.{i2c.Name})"));
                parts.Add((3, $"I2C bus 1 SCL ({neuron.Id}.sensors.{i2c.Name})"));
            }

            foreach (var (pin, part) in parts.Where(p => p.Pin >= 0))
            {
                if (!users.TryAdd(pin, part))
                {
                    Add(neuron, $"hosts.{host.Name}: GPIO {pin} is used by both {users[pin]} and {part}");
                }
            }
        }
    }

    private void Add(NeuronEntry neuron, string problem) => problems.Add($"line {lineOf(neuron)}: {problem}");
}
