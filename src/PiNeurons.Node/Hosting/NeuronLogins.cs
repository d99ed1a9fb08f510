namespace PiNeurons.Node.Hosting;

/// <summary>
/// <c>--password-dir</c>: one MQTT login per hosted neuron, user name = the neuron id, password = the first line
/// of <c>DIR/&lt;neuron id&gt;</c>. This is the layout <c>pineurons secrets</c> writes (its <c>passwords/</c>
/// folder) and the broker's ACL expects: each neuron may publish only as itself.
/// </summary>
internal static class NeuronLogins
{
    /// <summary>Reads every neuron's password now, so a missing file fails the start, not the neuron's first connect.</summary>
    /// <exception cref="NodeConfigurationException">A file is missing, unreadable or has an empty first line.</exception>
    public static Dictionary<string, MqttCredentials> Read(string dir, IEnumerable<string> neuronIds)
    {
        var logins = new Dictionary<string, MqttCredentials>(StringComparer.Ordinal);
        foreach (var id in neuronIds)
        {
            var path = Path.Combine(dir, id);
            string? password;
            try
            {
                // The first line, as --password-file: `echo secret > file` ends in a newline that is not part of it.
                password = File.ReadLines(path).FirstOrDefault();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new NodeConfigurationException($"--password-dir: cannot read {path}, the password of neuron {id}: {ex.Message}");
            }

            // Unlike --password-file, an empty password here is a mistake: pineurons secrets never writes one.
            logins[id] = string.IsNullOrEmpty(password)
                ? throw new NodeConfigurationException($"--password-dir: {path}, the password of neuron {id}, has an empty first line")
                : new MqttCredentials(id, password);
        }

        return logins;
    }
}
