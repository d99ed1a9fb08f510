using PiNeurons.Core.Protocol;
using PiNeurons.Node.Persistence;

namespace PiNeurons.Node.Runtime;

/// <summary>What every neuron of a node shares.</summary>
/// <param name="Scheme">The topics of every neuron, its own and those it kicks.</param>
/// <param name="Configs">Where configs changed by set commands are saved.</param>
/// <param name="Counters">Where seq numbers are reserved and firing counters kept.</param>
/// <param name="Clock">Whether this machine's clock can be trusted yet.</param>
/// <param name="Time">The time.</param>
/// <param name="Heartbeat">How often each neuron republishes its status and state.</param>
internal sealed record NodeContext(TopicScheme Scheme, ConfigStore Configs, CounterStore Counters, ClockCheck Clock, TimeProvider Time, TimeSpan Heartbeat);
