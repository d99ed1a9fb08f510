using PiNeurons.Core.Learning;
using PiNeurons.Core.Model;
using PiNeurons.Core.Tests.Helpers;
using static PiNeurons.Core.Tests.Helpers.TestClock;

namespace PiNeurons.Core.Tests.Learning;

public class NeuronStdpTests
{
    private const double APlus = 0.05, AMinus = 0.04, Tau = 20;

    /// <summary>With the default threshold, fires when a and b are both live; a alone does not.</summary>
    private static Neuron Learner(double a = 0.5, double maxWeight = 10, double threshold = 1) => new("n", new NeuronConfig
    {
        Threshold = threshold,
        Weights = Weights.Of(("a", a), ("b", 0.5)),
        RefractoryMs = 100,
        Learning = new LearningConfig { Rule = LearningRule.Stdp, APlus = APlus, AMinus = AMinus, TauPlusMs = Tau, TauMinusMs = Tau, MaxWeight = maxWeight },
    });

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(100)]
    public void Kick_FiringDtAfterAnInputsKick_StrengthensItByAPlusExp(double dtMs)
    {
        var neuron = Learner();
        var sink = new ConfigSnapshotSink(() => neuron.Config);
        neuron.Kick("a", 0, Start, sink);

        neuron.Kick("b", 0, Start + Ms(dtMs), sink);

        var learned = sink.Events.Where(e => e.Event.Type == NeuronEventType.Learned).ToList();
        Assert.Equal(["a", "b"], learned.Select(e => e.Event.From));
        Assert.Equal(0.5 + (APlus * Math.Exp(-dtMs / Tau)), learned[0].Event.Change!.New, 1e-6);
        Assert.Equal(0.5 + APlus, learned[1].Event.Change!.New, 1e-6);
        Assert.Equal(learned[0].Event.Change!.New, neuron.Config.WeightOf("a"));
        Assert.All(learned, e => Assert.Equal(e.Event.Change!.New, e.Config.WeightOf(e.Event.From!)));
        Assert.Equal($"stdp: a kicked {dtMs} ms before the firing", learned[0].Event.Reason);
    }

    [Fact]
    public void Kick_FiringMoreThanFiveTauAfterAnInputsKick_LeavesItAlone()
    {
        var neuron = Learner();
        var sink = new RecordingSink();
        neuron.Kick("a", 0, Start, sink);

        neuron.Kick("b", 0, Start + Ms(101), sink);

        Assert.Equal(1, neuron.FiredCount);
        Assert.Equal(["b"], sink.OfType(NeuronEventType.Learned).Select(e => e.From));
        Assert.Equal(0.5, neuron.Config.WeightOf("a"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(100)]
    public void Kick_DtAfterAFiring_WeakensItsSourceByAMinusExp(double dtMs)
    {
        var neuron = Learner();
        neuron.ForceFire(0, Start, new RecordingSink());
        var sink = new RecordingSink();

        neuron.Kick("a", 0, Start + Ms(dtMs), sink);

        var learned = Assert.Single(sink.OfType(NeuronEventType.Learned));
        Assert.Equal("a", learned.From);
        Assert.Equal(0.5 - (AMinus * Math.Exp(-dtMs / Tau)), learned.Change!.New, 1e-6);
        Assert.Equal(learned.Change.New, neuron.Config.WeightOf("a"));
        Assert.Equal($"stdp: a kicked {dtMs} ms after the firing", learned.Reason);
    }

    [Fact]
    public void Kick_MoreThanFiveTauAfterAFiring_LeavesItAlone()
    {
        var neuron = Learner();
        neuron.ForceFire(0, Start, new RecordingSink());
        var sink = new RecordingSink();

        neuron.Kick("a", 0, Start + Ms(101), sink);

        Assert.Equal([NeuronEventType.Kicked], sink.Types);
        Assert.Equal(0.5, neuron.Config.WeightOf("a"));
    }

    [Fact]
    public void Kick_WithinRefractory_WeakensThenReportsRefractory()
    {
        var neuron = Learner();
        neuron.Kick("a", 0, Start, new RecordingSink());
        neuron.Kick("b", 0, Start, new RecordingSink());
        var sink = new RecordingSink();

        neuron.Kick("b", 0, Start + Ms(30), sink);

        Assert.Equal([NeuronEventType.Kicked, NeuronEventType.Learned, NeuronEventType.Refractory], sink.Types);
        Assert.Equal(Math.Round(0.5 + APlus - (AMinus * Math.Exp(-30 / Tau)), 6), neuron.Config.WeightOf("b"));
    }

    [Fact]
    public void ForceFire_WithLiveInputs_StrengthensThemAfterTheFiredEvent()
    {
        var neuron = Learner();
        neuron.Kick("a", 0, Start, new RecordingSink());
        var sink = new RecordingSink();

        neuron.ForceFire(0, Start + Ms(10), sink);

        Assert.Equal([NeuronEventType.Fired, NeuronEventType.Learned], sink.Types);
        var learned = sink.Events[1];
        Assert.Equal("a", learned.From);
        Assert.Equal(new WeightChange(LearningRule.Stdp, "a", 0.5, Math.Round(0.5 + (APlus * Math.Exp(-0.5)), 6),
            "stdp: a kicked 10 ms before the firing"), learned.Change);
    }

    [Fact]
    public void Kick_PotentiationPastMaxWeight_ClampedThenNoFurtherEvent()
    {
        var neuron = Learner(a: 0.99, maxWeight: 1, threshold: 0.9);
        var sink = new RecordingSink();
        neuron.Kick("a", 0, Start, sink);
        Assert.Equal(new WeightChange(LearningRule.Stdp, "a", 0.99, 1, "stdp: a kicked 0 ms before the firing"),
            Assert.Single(sink.OfType(NeuronEventType.Learned)).Change);
        sink.Clear();

        neuron.Kick("a", 0, Start + Ms(200), sink);

        Assert.Equal(2, neuron.FiredCount);
        Assert.Equal([NeuronEventType.Kicked, NeuronEventType.Fired], sink.Types);
        Assert.Equal(1.0, neuron.Config.WeightOf("a"));
    }

    [Fact]
    public void Kick_DepressionPastMinusMaxWeight_Clamped()
    {
        var neuron = Learner(a: -0.99, maxWeight: 1);
        neuron.ForceFire(0, Start, new RecordingSink());
        var sink = new RecordingSink();

        neuron.Kick("a", 0, Start, sink);

        Assert.Equal(new WeightChange(LearningRule.Stdp, "a", -0.99, -1, "stdp: a kicked 0 ms after the firing"),
            Assert.Single(sink.OfType(NeuronEventType.Learned)).Change);
        Assert.Equal(-1.0, neuron.Config.WeightOf("a"));
    }

    [Fact]
    public void Kick_StdpNeuron_KeepsNoDecisionForATeach()
    {
        var neuron = Learner();
        neuron.Kick("a", 0, Start, new RecordingSink());
        neuron.Kick("b", 0, Start, new RecordingSink());

        Assert.Null(neuron.LastDecision);
    }
}
