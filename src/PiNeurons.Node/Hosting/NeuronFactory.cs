using Microsoft.Extensions.Logging;
using PiNeurons.Core.Manifest;
using PiNeurons.Core.Protocol;
using PiNeurons.Mqtt;
using PiNeurons.Node.HomeAssistant;
using PiNeurons.Node.Runtime;

namespace PiNeurons.Node.Hosting;

/// <summary>
/// Makes the runtime of one planned neuron: the config it resumes from, its own MQTT connection and its board.
/// </summary>
internal sealed class NeuronFactory(NodePlan plan, NodeContext node, GpioBoards boards, ILoggerFactory loggers)
{
    private readonly string _firstNeuron = plan.Neurons.First().Id;

    /// <summary>Creates the neuron; <paramref name="announcer"/>, when Home Assistant discovery is on, rides on the first one's connection.</summary>
    public NeuronRuntime Create(NeuronEntry neuron, DiscoveryAnnouncer? announcer)
    {
        var resolved = node.Configs.Resolve(neuron.Id, neuron.Config);
        var runtime = new NeuronRuntime(
            new NeuronStart(neuron.Id, resolved.Config, neuron.Config, node.Counters.Load(neuron.Id), neuron.Sensors),
            node,
            Connect(neuron.Id, announcer),
            boards.BoardOf(neuron.Id),
            loggers.CreateLogger<NeuronRuntime>());
        if (resolved.Problem is { } problem)
        {
            // A neuron that could not start from its current config file says so on its events topic.
            runtime.ReportError(problem);
        }

        return runtime;
    }

    // The first neuron's connection also carries Home Assistant discovery, its handlers around the neuron's.
    private Func<MqttConnectionHandlers, ResilientMqttConnection> Connect(string id, DiscoveryAnnouncer? announcer)
    {
        ResilientMqttConnection Create(MqttConnectionHandlers handlers) =>
            new(ConnectionOptions(id), handlers, loggers.CreateLogger<ResilientMqttConnection>(), node.Time);
        return announcer is not null && id == _firstNeuron ? handlers => announcer.Connect(handlers, Create) : Create;
    }

    private MqttConnectionOptions ConnectionOptions(string id)
    {
        var topics = node.Scheme.For(id);
        var login = plan.CredentialsFor(id);
        return new MqttConnectionOptions
        {
            Brokers = plan.Broker,
            // One connection per neuron: MQTT has one last will per connection, and each neuron's
            // retained status must turn offline by itself when its process dies.
            ClientId = node.Scheme.ClientIdOf(id),
            Will = new MqttWill(topics.Status, StatusPayloads.Offline),
            // The first neuron also hears Home Assistant come online: discovery travels on its connection.
            Subscriptions = id == _firstNeuron && DiscoveryWiring.StatusTopic(plan) is { } haStatus ? [.. topics.Commands, haStatus] : topics.Commands,
            UserName = login?.Username,
            Password = login?.Password,
            Tls = plan.TlsFor(id),
        };
    }
}
