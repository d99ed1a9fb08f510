using PiNeurons.Cli.Infrastructure;
using PiNeurons.Mqtt;

namespace PiNeurons.Cli.Tests.Infrastructure;

public class BrokerLoginRuleTests
{
    [Theory]
    // What the shipped setup does: each fits.
    [InlineData("mqtts://pi-broker.local:8883", "Password", true, false)]
    [InlineData("mqtts://pi-broker.local:8883", "Certificate", true, false)]
    [InlineData("mqtts://pi-broker.local:8884", "Certificate", true, false)]
    [InlineData("mqtts://pi-broker.local:8883", "Unknown", true, false)]
    // A broker on the same machine: clear text never leaves it, and it is not the stack's.
    [InlineData("mqtt://127.0.0.1:1883", "Anonymous", false, false)]
    [InlineData("mqtt://localhost:1883", "Password", false, false)]
    public void Check_LoginsTheBrokerTakes_NoProblem(string broker, string kind, bool ca, bool insecure)
    {
        Assert.Empty(BrokerLoginRule.Check(BrokerAddress.Parse(broker), new NodeLogin(Kind(kind), ca, insecure)));
    }

    [Theory]
    [InlineData("mqtt://pi-broker.local:1883", "Password", false, "refusing to send the MQTT password in clear text to mqtt://pi-broker.local:1883")]
    [InlineData("mqtt://pi-broker.local:1883", "Certificate", false, "client certificates go over TLS only, and the manifest's broker is mqtt://pi-broker.local:1883: make it mqtts://pi-broker.local:8883")]
    [InlineData("mqtt://pi-broker.local:1883", "Anonymous", true, "--ca-file: the manifest's broker mqtt://pi-broker.local:1883 is plain MQTT; make it mqtts://pi-broker.local:8883")]
    public void Check_SettingsTheNodeWouldRefuse_Refused(string broker, string kind, bool ca, string expected)
    {
        var problems = BrokerLoginRule.Check(BrokerAddress.Parse(broker), new NodeLogin(Kind(kind), ca));

        Assert.Contains(problems, p => p.NodeRefuses && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mqtt://pi-broker.local:1883", "Unknown", false, "is plain MQTT, which the shipped broker does not offer on the network")]
    [InlineData("mqtt://pi-broker.local:1883", "Password", false, "is plain MQTT, which the shipped broker does not offer on the network")]
    [InlineData("mqtt://pi-broker.local:1883", "Anonymous", false, "logs in to mqtt://pi-broker.local:1883 as nobody, and the shipped broker refuses anonymous clients: give --secrets DIR")]
    [InlineData("mqtts://pi-broker.local:8883", "Anonymous", false, "is TLS and the node gets no CA to check it with")]
    [InlineData("mqtts://pi-broker.local:8883", "Anonymous", true, "refuses anonymous clients")]
    [InlineData("mqtts://pi-broker.local:8884", "Password", true, "port 8884 is the shipped broker's certificate listener, which asks for a client certificate, not a password: password logins go to mqtts://pi-broker.local:8883")]
    [InlineData("mqtt://pi-broker.local:8883", "Unknown", false, "speaks plain MQTT to port 8883, a TLS listener on the shipped broker: make it mqtts://pi-broker.local:8883")]
    [InlineData("mqtts://pi-broker.local:1883", "Password", true, "speaks TLS to port 1883, where MQTT is plain: make it mqtts://pi-broker.local:8883")]
    public void Check_SettingsThatWorkOnlyWithABrokerOfOnesOwn_Warned(string broker, string kind, bool ca, string expected)
    {
        var problems = BrokerLoginRule.Check(BrokerAddress.Parse(broker), new NodeLogin(Kind(kind), ca, Insecure: kind == "Password"));

        Assert.Contains(problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.NodeRefuses);
    }

    private static NodeLoginKind Kind(string name) => Enum.Parse<NodeLoginKind>(name);
}
