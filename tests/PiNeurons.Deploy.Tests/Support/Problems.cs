namespace PiNeurons.Deploy.Tests.Support;

internal static class Problems
{
    /// <summary>Fails with every problem a rule found, one per line, naming the file.</summary>
    public static void AssertNone(string file, IEnumerable<string> problems)
    {
        var found = problems.ToArray();
        if (found.Length > 0)
        {
            Assert.Fail($"{file}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", found));
        }
    }
}
