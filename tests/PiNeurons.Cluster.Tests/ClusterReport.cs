namespace PiNeurons.Cluster.Tests;

/// <summary>
/// Figures the cluster tests measure (failover times), written to bin/cluster-report for .ci/broker-cluster.sh to print:
/// reported, never asserted, since a test asserts what a user sees and speed is a figure.
/// </summary>
internal static class ClusterReport
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "cluster-report");

    public static void Write(string name, string line)
    {
        Directory.CreateDirectory(Folder);
        File.AppendAllText(Path.Combine(Folder, name + ".txt"), line + "\n");
    }
}
